"""The journal: a private record of magnesium, taper doses and symptoms, kept in the reader's browser, with a report."""

from .plugin import register

__all__ = ["register"]
