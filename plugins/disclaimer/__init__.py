"""Offer the medical disclaimer to the theme, put it in every feed entry, and prove every written page shows it."""

from .plugin import register

__all__ = ["register"]
