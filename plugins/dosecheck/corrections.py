"""The corrections channel: the address every page's "Report an error" link writes to must be one that can receive."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from .findings import Finding, Severity
from .settings import setting

# Names that can never receive mail or serve a page (RFC 2606 and RFC 6761): a report sent there is lost.
_RESERVED_TLDS = ("example", "test", "invalid", "localhost")
_RESERVED_DOMAINS = ("example.com", "example.net", "example.org")
_EMAIL = re.compile(r"^[^@\s]+@([A-Za-z0-9.-]+\.[A-Za-z]{2,})$")


def reserved(host: str) -> bool:
    """Tell whether a domain is one set aside for examples and tests."""
    host = host.lower().rstrip(".")
    return host.rsplit(".", 1)[-1] in _RESERVED_TLDS or any(host == d or host.endswith("." + d) for d in _RESERVED_DOMAINS)


def corrections_findings(settings: dict[str, Any]) -> list[Finding]:
    """Check CORRECTIONS_EMAIL or CORRECTIONS_URL; CORRECTIONS_REQUIRED ("error" when publishing) says how gravely."""
    severity: Severity = setting(settings, "CORRECTIONS_REQUIRED")
    email, url = settings.get("CORRECTIONS_EMAIL"), settings.get("CORRECTIONS_URL")
    fix = "set CORRECTIONS_EMAIL to an address the editors read, or CORRECTIONS_URL to a form or issue tracker"
    if not email and not url:
        return [Finding("pelicanconf.py", None, "CORRECTIONS_EMAIL", "nothing", f"{fix}: every page links it", severity=severity)]
    found = []
    if email:
        match = _EMAIL.match(str(email))
        if match is None:
            found.append(Finding("pelicanconf.py", None, "CORRECTIONS_EMAIL", repr(email), f"expected an email address; {fix}", severity=severity))
        elif reserved(match[1]):
            found.append(Finding("pelicanconf.py", None, "CORRECTIONS_EMAIL", f"{email!r}, at a domain reserved for examples that"
                                 " receives no mail", fix, severity=severity))
    if url:
        parts = urlsplit(str(url))
        if parts.scheme != "https" or not parts.hostname:
            found.append(Finding("pelicanconf.py", None, "CORRECTIONS_URL", repr(url), f"expected an https:// address; {fix}", severity=severity))
        elif reserved(parts.hostname):
            found.append(Finding("pelicanconf.py", None, "CORRECTIONS_URL", f"{url!r}, at a domain reserved for examples that"
                                 " serves no page", fix, severity=severity))
    return found
