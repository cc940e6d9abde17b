"""The dose reference page: every intake, limit, form and food figure of the reference file, with a chart and a calculator."""

from .plugin import register

__all__ = ["register"]
