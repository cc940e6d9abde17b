"""What a guide page shows besides its content: outline, reading time, related guides, neighbours, and its doctor page."""

from . import doctor, plugin


def register() -> None:
    """Connect the page extras' receivers and the doctor pages' (plugins/guidepage/doctor.py)."""
    plugin.register()
    doctor.register()


__all__ = ["register"]
