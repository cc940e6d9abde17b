"""Check every dose, intake and food table against the reference file, and render them."""

from .plugin import register

__all__ = ["register"]
