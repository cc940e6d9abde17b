"""Pelican plugin: after writing, secure external links and check every internal link and #anchor."""

from .plugin import register

__all__ = ["register"]
