"""The guide corpus (tests/data/guides): every malformed guide is refused with its exact messages, never a traceback;
every corrected guide passes. Each half is checked in one run over a site holding all of it, compared file by file."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from support import INVALID_GUIDES, VALID_GUIDES, Checked, check_guides, corpus_path, expected

from conftest import DATA, invoke
from dosecheck.document import MAX_BYTES, read_document
from dosecheck.reference import Reference
from dosecheck.validate import validate

INVALID = [p.name for p in INVALID_GUIDES]
VALID = [p.name for p in VALID_GUIDES]
# Corrected guides that are not the twin of a malformed one: HTML a guide may hold, every kind of checked figure,
# and the seed article's spinach figure on the serving it is right for.
UNTWINNED = {"benign-html.md", "every-figure.md", "spinach-157-per-cup.md"}


@pytest.fixture(scope="module")
def invalid_run(tmp_path_factory: pytest.TempPathFactory) -> Checked:
    """One check of the fixture site with every malformed guide added: no case needs a site of its own (none
    clashes with another's address or title), so each is judged beside all the others, as on the real site."""
    return check_guides(tmp_path_factory.mktemp("invalid"), INVALID_GUIDES)


@pytest.fixture(scope="module")
def valid_run(tmp_path_factory: pytest.TempPathFactory) -> Checked:
    """One check of the fixture site with every corrected guide added."""
    return check_guides(tmp_path_factory.mktemp("valid"), VALID_GUIDES)


def test_the_corpus_is_large_and_every_case_names_file_line_and_field() -> None:
    assert len(INVALID_GUIDES) >= 140
    # Every place a reader sees text, every spelling of an amount, and every way a checked figure fails.
    assert len([name for name in INVALID if name.startswith(("prose-", "figure-"))]) >= 40
    assert len(list((DATA / "invalid" / "reference").glob("*.yaml"))) >= 10
    assert sorted(p.name for p in (DATA / "guides" / "invalid").iterdir()) == sorted(
        name for p in INVALID_GUIDES for name in (p.name, p.with_suffix(".expected").name))
    for path in INVALID_GUIDES:
        lines = expected(path)
        assert lines, path.name
        named = re.compile(rf"(warning: )?{re.escape(corpus_path(path))}:[0-9]+: [^:]+: found ")
        assert all(named.match(line) for line in lines), path.name
        # Errors come first, as the check prints them; every case is refused by at least one.
        assert not lines[0].startswith("warning: "), path.name


@pytest.mark.parametrize("name", INVALID, ids=[Path(n).stem for n in INVALID])
def test_each_invalid_guide_gives_its_exact_messages(invalid_run: Checked, name: str) -> None:
    path = DATA / "guides" / "invalid" / name
    assert invalid_run.of(name) == expected(path, invalid_run.shown(name))


def test_the_invalid_corpus_adds_no_error_of_the_site_as_a_whole(invalid_run: Checked) -> None:
    assert invalid_run.errors_outside(INVALID) == []


@pytest.mark.parametrize("name", VALID, ids=[Path(n).stem for n in VALID])
def test_each_corrected_guide_passes(valid_run: Checked, name: str) -> None:
    assert valid_run.of(name) == []


def test_the_corrected_guides_pass_together(valid_run: Checked) -> None:
    assert valid_run.errors_outside([]) == []


def test_each_corrected_guide_is_the_twin_of_a_malformed_one_or_stands_alone() -> None:
    assert set(VALID) - set(INVALID) == UNTWINNED


def test_invoke_check_and_build_print_each_file_s_messages_for_the_whole_corpus_in_one_run(project: Path) -> None:
    guides = project / "content" / "guides"
    for path in INVALID_GUIDES:
        shutil.copy(path, guides / path.name)
    want = {path.name: expected(path, f"content/guides/{path.name}") for path in INVALID_GUIDES}
    errors = sum(not line.startswith("warning: ") for lines in want.values() for line in lines)
    for command, tail in (("check", ""), ("build", ": nothing was written; fix them and build again")):
        result = invoke(project, command)
        assert result.returncode == 1
        assert "Traceback" not in result.stdout + result.stderr
        *printed, last = result.stderr.splitlines()
        run = Checked(printed, "content/guides")
        assert {name: run.of(name) for name in want} == want
        assert run.errors_outside(INVALID) == []
        warnings = sum(line.startswith("warning: ") for line in printed)
        assert last == f"{command} failed: {errors} errors in {len(want)} files and {warnings} warnings{tail}"
    assert not (project / "output").exists()


def test_a_five_megabyte_guide_is_refused_without_being_parsed(ref: Reference, tmp_path: Path) -> None:
    huge = tmp_path / "huge.md"
    row = "  - {food: 'spinach, boiled', serving: 1/2 cup, magnesium_mg: 78}\n"
    huge.write_text("---\ntitle: Huge\nfoods:\n" + row * (5_000_000 // len(row)) + "---\n", encoding="utf-8")
    assert huge.stat().st_size > 4 * MAX_BYTES
    findings = validate(read_document(huge, "huge.md", "guide"), ref, huge, tmp_path)
    assert [str(f) for f in findings] == [
        "huge.md: file: found 5.0 MB; a file may hold at most 1 MB: split it into several guides"]
