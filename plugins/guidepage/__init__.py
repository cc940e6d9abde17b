"""What a guide page shows besides its content: outline, reading time, related guides, neighbours."""

from .plugin import register

__all__ = ["register"]
