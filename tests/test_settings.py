"""The plugins' settings: every DOSECHECK_*, REFPAGE_*, MEDICAL_* and CORRECTIONS_* setting is checked at start-up, and an
unknown name or value is refused with every problem listed, before any file is read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pelican.settings import read_settings
from refpage.data import RefPageError
from sitecheck.pages import SiteCheckError

from conftest import ROOT, TODAY
from disclaimer.notice import DisclaimerError
from dosecheck.datafile import DataFileError
from dosecheck.findings import WriterFacingError
from dosecheck.plugin import check_without_building
from dosecheck.reference import ReferenceFileError
from dosecheck.report import DoseCheckFailed
from dosecheck.rules.review import ReviewPolicy
from dosecheck.settings import SettingsError, validate_settings

SEVERITY = "expected 'warning' or 'error'"
DOSECHECK_NAMES = "DOSECHECK_REFERENCE, DOSECHECK_AUTHORITY, DOSECHECK_OVERDUE, DOSECHECK_UNREVIEWED or DOSECHECK_TODAY"


@pytest.mark.parametrize("settings_file", ["pelicanconf.py", "publishconf.py"])
def test_the_projects_own_settings_pass(settings_file: str) -> None:
    validate_settings(read_settings(str(ROOT / settings_file)))


@pytest.mark.parametrize(("name", "value", "message"), [
    ("DOSECHECK_OVERDUE", "eror", f"found 'eror'; {SEVERITY} (did you mean 'error'?)"),
    ("DOSECHECK_OVERDUE", "Error", f"found 'Error'; {SEVERITY} (did you mean 'error'?)"),
    ("DOSECHECK_UNREVIEWED", "fatal", f"found 'fatal'; {SEVERITY}"),
    ("CORRECTIONS_REQUIRED", True, f"found True; {SEVERITY}"),
    ("DOSECHECK_TODAY", "23/11/2026", "found '23/11/2026'; expected a date like 2026-11-23"),
    ("DOSECHECK_AUTHORITY", "who", "found 'who'; expected an authority of the reference file: fnb, efsa"),
    ("DOSECHECK_REFERENCE", 5, "found 5; expected the path of the reference file, like content/data/reference.yaml"),
    ("REFPAGE_URL", 5, "found 5; expected the dose reference page's address, like reference/"),
    ("MEDICAL_DISCLAIMER", ["text"], "found ['text']; expected the disclaimer text every page must carry"),
    ("DOSECHECK_OVERDU", "error", f"found a setting no plugin reads; expected one of {DOSECHECK_NAMES} (did you mean 'DOSECHECK_OVERDUE'?)"),
    ("DOSECHECK_FOO", 1, f"found a setting no plugin reads; expected one of {DOSECHECK_NAMES}"),
    ("MEDICAL_DISCLAIMER_SHRT", "Not advice.", "found a setting no plugin reads; expected one of MEDICAL_DISCLAIMER,"
     " MEDICAL_DISCLAIMER_URL or MEDICAL_DISCLAIMER_SHORT (did you mean 'MEDICAL_DISCLAIMER_SHORT'?)"),
    ("REFPAGE_SAVEAS", "reference/index.html", "found a setting no plugin reads; expected one of REFPAGE_URL or REFPAGE_SAVE_AS"
     " (did you mean 'REFPAGE_SAVE_AS'?)"),
    ("CORRECTIONS_REQURED", "error", "found a setting no plugin reads; expected one of CORRECTIONS_EMAIL, CORRECTIONS_URL or"
     " CORRECTIONS_REQUIRED (did you mean 'CORRECTIONS_REQUIRED'?)"),
])
def test_an_unknown_setting_or_value_is_refused(name: str, value: Any, message: str) -> None:
    with pytest.raises(SettingsError) as caught:
        validate_settings({"PATH": str(ROOT / "content"), name: value})
    assert str(caught.value) == f"pelicanconf.py: {name}: {message}"


@pytest.mark.parametrize("settings", [
    {"DOSECHECK_OVERDUE": "error", "DOSECHECK_UNREVIEWED": "warning", "CORRECTIONS_REQUIRED": "error"},
    {"DOSECHECK_TODAY": TODAY, "DOSECHECK_AUTHORITY": "efsa", "DOSECHECK_REFERENCE": ROOT / "content" / "data" / "reference.yaml"},
    {"DOSECHECK_TODAY": "", "DOSECHECK_AUTHORITY": "", "REFPAGE_SAVE_AS": ""},  # empty: today, the US limits, no page
    {"CORRECTIONS_URL": None, "CORRECTIONS_EMAIL": None, "MEDICAL_DISCLAIMER_URL": None},  # unset from the environment
])
def test_known_settings_with_allowed_values_pass(settings: dict[str, Any]) -> None:
    validate_settings({"PATH": str(ROOT / "content"), **settings})


def test_every_problem_is_listed_at_once_in_name_order() -> None:
    with pytest.raises(SettingsError) as caught:
        validate_settings({"PATH": str(ROOT / "content"), "DOSECHECK_UNREVIEWED": "eror", "CORRECTIONS_REQUIRED": "warn",
                           "DOSECHECK_OVERDUE": "error", "DOSECHECK_AUTHORITY": "who"})
    assert str(caught.value).splitlines() == [
        f"pelicanconf.py: CORRECTIONS_REQUIRED: found 'warn'; {SEVERITY} (did you mean 'warning'?)",
        "pelicanconf.py: DOSECHECK_AUTHORITY: found 'who'; expected an authority of the reference file: fnb, efsa",
        f"pelicanconf.py: DOSECHECK_UNREVIEWED: found 'eror'; {SEVERITY} (did you mean 'error'?)",
    ]


def test_a_typo_in_the_overdue_setting_is_never_read_as_a_warning() -> None:
    with pytest.raises(SettingsError) as caught:
        ReviewPolicy.from_settings({"DOSECHECK_OVERDUE": "eror", "DOSECHECK_TODAY": TODAY})
    assert str(caught.value) == f"pelicanconf.py: DOSECHECK_OVERDUE: found 'eror'; {SEVERITY} (did you mean 'error'?)"


def test_a_build_refuses_a_bad_setting_at_start(tmp_path: Path) -> None:
    from pelican import Pelican

    settings = read_settings(str(ROOT / "pelicanconf.py"), override={
        "PATH": str(tmp_path), "OUTPUT_PATH": str(tmp_path / "output"), "CACHE_PATH": str(tmp_path / "cache"),
        "DOSECHECK_REFERENCE": str(ROOT / "content" / "data" / "reference.yaml"), "DOSECHECK_UNREVIEWED": "eror"})
    with pytest.raises(SettingsError) as caught:
        Pelican(settings)
    assert str(caught.value) == f"pelicanconf.py: DOSECHECK_UNREVIEWED: found 'eror'; {SEVERITY} (did you mean 'error'?)"
    assert not (tmp_path / "output").exists()


def test_invoke_check_refuses_a_bad_setting_before_reading_any_file(tmp_path: Path) -> None:
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={
        "PATH": str(tmp_path), "CACHE_PATH": str(tmp_path / "cache"), "DOSECHECK_REFERENCE": str(ROOT / "content" / "data" / "reference.yaml"),
        "DOSECHECK_OVERDUE": "fail"})
    with pytest.raises(SettingsError) as caught:
        check_without_building(settings)
    assert str(caught.value) == f"pelicanconf.py: DOSECHECK_OVERDUE: found 'fail'; {SEVERITY}"


@pytest.mark.parametrize("error", [SettingsError, ReferenceFileError, DataFileError, DoseCheckFailed, DisclaimerError, RefPageError,
                                   SiteCheckError])
def test_every_writer_facing_failure_shares_one_base(error: type[Exception]) -> None:
    assert issubclass(error, WriterFacingError)
    assert (error.writer_facing, error.exitcode) == (True, 1)  # type: ignore[attr-defined]
