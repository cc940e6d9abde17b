"""Inject the medical disclaimer into every page and feed entry, and prove it is there."""

from .plugin import register

__all__ = ["register"]
