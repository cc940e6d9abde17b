"""Data files readers see (get-help boxes, medicines to check): check and build refuse the same problems, by line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import DATA, invoke

CASES = {
    "help-amount": ("help.yaml", [
        "content/data/help.yaml:10: topics.general.call_if[0]: found the amount '1,000 mg' in the text: \"has taken more than"
        " 1,000 mg of magnesium\"; write it as a checked figure, such as {{dose: 1,000 mg}} for a supplement amount, or"
        " {{limit}}, {{intake: ...}} or {{food: ...}} (docs/writing-guides.md, Checked figures), or put it in a doses or foods table"]),
    "help-no-general": ("help.yaml", [
        "content/data/help.yaml:7: topics: found no general topic; add topics.general: the box for the home page and for"
        " guides whose topic has none",
        "content/data/help.yaml:11: topics.benzodiazepines.source: found source 'fda-benzo'; expected one of the file's"
        " source ids: fda-benzodiazepines-2020"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_check_and_build_refuse_a_bad_data_file_with_the_same_findings(project: Path, case: str) -> None:
    name, expected = CASES[case]
    shutil.copy(DATA / "datafiles" / f"{case}.yaml", project / "content" / "data" / name)
    for task in ("check", "build"):
        result = invoke(project, task)
        assert result.returncode == 1 and "Traceback" not in result.stderr, task
        assert [line for line in result.stderr.splitlines() if line.startswith(f"content/data/{name}")] == expected, task


def test_a_bad_medicines_list_fails_check_as_it_fails_the_build(project: Path) -> None:
    shutil.copy(Path(__file__).resolve().parents[1] / "content" / "data" / "interactions.yaml", project / "content" / "data")
    path = project / "content" / "data" / "interactions.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("source: ods-magnesium", "source: ods-magnesum", 1), encoding="utf-8")
    for task in ("check", "build"):
        result = invoke(project, task)
        lines = [line for line in result.stderr.splitlines() if line.startswith("content/data/interactions.yaml")]
        assert result.returncode == 1 and len(lines) == 1 and lines[0].split(": found ")[1].startswith("'ods-magnesum'; expected"), task
