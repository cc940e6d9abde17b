"""Pelican plugin: after writing, every link and #anchor checked, and every external link has rel="noopener noreferrer"."""

from .plugin import register

__all__ = ["register"]
