"""Every setting the plugins read by the names DOSECHECK_*, REFPAGE_*, MEDICAL_* and CORRECTIONS_*: what each may be,
its value when unset, and the one check at start-up that refuses an unknown name or value, listing every problem at once
(after mkdocs' config_options)."""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .document import display_path
from .findings import Finding, FindingsError, did_you_mean, in_order, one_of
from .reference import ReferenceFileError, load_reference, reference_path, site_authority, unknown_authority

PREFIXES = ("DOSECHECK_", "REFPAGE_", "MEDICAL_", "CORRECTIONS_")
SEVERITIES = ("warning", "error")


class SettingsError(FindingsError):
    """A setting is unknown or has a value no plugin accepts; nothing is read until it is fixed."""


def _severity(value: Any) -> str:
    """Accept 'warning' or 'error'."""
    if value not in SEVERITIES:
        raise ValueError(value)
    return str(value)


def _text(value: Any) -> str:
    """Accept a string (empty where the setting allows it)."""
    if not isinstance(value, str):
        raise ValueError(value)
    return value


def _path(value: Any) -> str | os.PathLike[str]:
    """Accept a path, as a string or a Path."""
    if not isinstance(value, (str, os.PathLike)):
        raise ValueError(value)
    return value


def _date(value: Any) -> datetime.date | None:
    """Accept a date, or text like 2026-11-23; an empty value means today."""
    return datetime.date.fromisoformat(str(value)) if value else None


def _as_given(value: Any) -> Any:
    """Accept any value: what it means is checked with the findings, as gravely as another setting says."""
    return value


@dataclass(frozen=True)
class Option:
    """One setting: what it may be (the words after "expected"), its value when unset, and how a value is read
    (raising ValueError for one it refuses); `choices` are offered for a near miss."""

    expected: str
    read: Callable[[Any], Any]
    default: Any = None
    choices: tuple[str, ...] = ()


SEVERITY = Option("'warning' or 'error'", _severity, "warning", SEVERITIES)
OPTIONS: dict[str, Option] = {
    "DOSECHECK_REFERENCE": Option("the path of the reference file, like content/data/reference.yaml", _path),
    # Which authorities there are is the reference file's to say: checked against it once it loads.
    "DOSECHECK_AUTHORITY": Option("an authority of the reference file, like fnb", _text),
    "DOSECHECK_OVERDUE": SEVERITY,
    "DOSECHECK_UNREVIEWED": SEVERITY,
    "DOSECHECK_TODAY": Option("a date like 2026-11-23", _date),
    "REFPAGE_URL": Option("the dose reference page's address, like reference/", _text),
    "REFPAGE_SAVE_AS": Option("the dose reference page's file, like reference/index.html ('' writes no page)", _text),
    "MEDICAL_DISCLAIMER": Option("the disclaimer text every page must carry", _text),
    "MEDICAL_DISCLAIMER_URL": Option("the full disclaimer's address, like disclaimer/", _text),
    "MEDICAL_DISCLAIMER_SHORT": Option("the one-line notice listings show", _text),
    # An address that cannot receive is a finding, an error only when CORRECTIONS_REQUIRED says so (corrections.py).
    "CORRECTIONS_EMAIL": Option("an email address the editors read", _as_given),
    "CORRECTIONS_URL": Option("the https:// address of a corrections form or issue tracker", _as_given),
    "CORRECTIONS_REQUIRED": SEVERITY,
}


def _refused(name: str, value: Any) -> Finding | None:
    """Return the problem with one setting's value, if it has one."""
    option = OPTIONS.get(name)
    if option is None:
        prefix = name.split("_", 1)[0] + "_"
        known = [n for n in OPTIONS if n.startswith(prefix)]
        return Finding("pelicanconf.py", None, name, "a setting no plugin reads",
                       f"expected one of {one_of(known)}{did_you_mean(name, known, prefix)}")
    if value is None:
        return None  # unset: the default holds
    try:
        option.read(value)
    except ValueError:
        hint = did_you_mean(value, option.choices) if isinstance(value, str) else ""
        return Finding("pelicanconf.py", None, name, repr(value), f"expected {option.expected}{hint}")
    return None


def setting(settings: Mapping[str, Any], name: str) -> Any:
    """Return a setting as its option reads it, or its default when unset; raise SettingsError for a value it refuses."""
    problem = _refused(name, settings.get(name))
    if problem is not None:
        raise SettingsError([problem])
    value = settings.get(name)
    return OPTIONS[name].default if value is None else OPTIONS[name].read(value)


def validate_settings(settings: Mapping[str, Any]) -> None:
    """Check every DOSECHECK_*, REFPAGE_*, MEDICAL_* and CORRECTIONS_* setting there is: a known name with a value its
    option accepts, and an authority the reference file knows; raise SettingsError listing every problem."""
    problems = [p for name, value in settings.items() if name.startswith(PREFIXES) and (p := _refused(name, value)) is not None]
    if settings.get("DOSECHECK_AUTHORITY") and not any(p.field in ("DOSECHECK_REFERENCE", "DOSECHECK_AUTHORITY") for p in problems):
        path = reference_path(settings)
        try:
            ref = load_reference(path, display_path(path))
        except ReferenceFileError:
            ref = None  # a broken reference stops the build with its own findings as soon as it is loaded
        authority = unknown_authority(ref, site_authority(settings)) if ref is not None else None
        problems += [authority] if authority is not None else []
    if problems:
        raise SettingsError(in_order(problems))
