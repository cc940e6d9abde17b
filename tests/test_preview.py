"""`invoke serve`'s fast path: one edited guide's page is checked and written at once, as the full build writes it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA

GUIDE = "content/guides/every-table.md"
# Runs in a copy of the project, as `invoke serve` would: one full build, then an edit, then the fast path.
FIRST_BUILD = """
import json, os, sys
from pathlib import Path
sys.path[:0] = [os.getcwd(), os.path.join(os.getcwd(), "plugins")]
from sitebuild.errors import BuildError
from sitebuild.preview import Preview
from sitebuild.project import Project
from sitebuild.publish import atomic_build

project = Project(Path.cwd())
preview = Preview()
content = Path("content").resolve()
with preview.watching(content):
    atomic_build(project, "pelicanconf.py")
page = next(p for p in Path("output").resolve().rglob("index.html") if "every-table-kind" in str(p))
"""
SCRIPT = FIRST_BUILD + """
before = page.read_bytes()
for name, text in json.loads(sys.argv[1]).items():
    target = Path(name).resolve()
    target.write_text(text, encoding="utf-8")
    os.utime(target, (target.stat().st_atime, target.stat().st_mtime + 5))
edited = preview.edited_guide(content)
written = preview.rewrite(edited, Path("output"), Path(".output-serve")) if edited else None
served = Path(".output-serve").resolve() / page.relative_to(Path("output").resolve()) if written else page
print(json.dumps({"edited": edited and str(edited.relative_to(Path.cwd().resolve())),
                  "written": written is not None, "same": served.read_bytes() == before,
                  "output_unchanged": page.read_bytes() == before,
                  "page": served.read_text(encoding="utf-8")}))
"""


def run(project: Path, edits: dict[str, str]) -> dict:
    """Build the project, apply the edits, try the fast path; return what happened."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    result = subprocess.run([sys.executable, "-c", SCRIPT, json.dumps(edits)], cwd=project, capture_output=True,
                            text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def guide(project: Path) -> str:
    """The fixture guide's text."""
    return (project / GUIDE).read_text(encoding="utf-8")


def test_an_unchanged_guide_rewritten_alone_matches_the_full_build_byte_for_byte(project: Path, guide: str) -> None:
    outcome = run(project, {GUIDE: guide})
    assert outcome["edited"] == GUIDE and outcome["written"] is True
    assert outcome["same"] is True


def test_an_edited_guide_is_on_disk_with_its_edit_its_disclaimer_and_its_tables(project: Path, guide: str) -> None:
    outcome = run(project, {GUIDE: guide.replace("Opening paragraph.", "Opening paragraph, edited while serving.")})
    assert outcome["written"] is True
    # The edit is served from a preview; output/ keeps what the last full build passed until the next one passes.
    assert outcome["output_unchanged"] is True
    page = outcome["page"]
    assert "Opening paragraph, edited while serving." in page
    assert page.count('<aside class="medical-disclaimer"') == 1
    assert 'id="intake-by-age"' in page


def test_a_guide_edited_into_an_error_is_left_to_the_full_build(project: Path, guide: str) -> None:
    outcome = run(project, {GUIDE: guide.replace("magnesium_mg: 78", "magnesium_mg: 157", 1)})
    assert outcome["edited"] == GUIDE and outcome["written"] is False
    assert outcome["same"] is True


@pytest.mark.parametrize("extra", ["content/guides/new-guide.md", "content/pages/about.md"])
def test_more_than_one_change_or_a_new_file_waits_for_the_full_build(project: Path, guide: str, extra: str) -> None:
    outcome = run(project, {GUIDE: guide.replace("Opening paragraph.", "Changed."), extra: guide.replace(
        "title: Every table kind", "title: Another guide")})
    assert outcome["edited"] is None and outcome["written"] is False and outcome["same"] is True


def test_the_fixture_guide_is_the_one_the_script_looks_for() -> None:
    assert "title: Every table kind" in (DATA / "site" / GUIDE).read_text(encoding="utf-8")


FAILING_FULL_BUILD = FIRST_BUILD + """
output, served = Path("output"), Path(".output-serve")
before = {p: p.read_bytes() for p in output.resolve().rglob("*") if p.is_file()}
guide = Path("content/guides/every-table.md")
guide.write_text(guide.read_text(encoding="utf-8").replace("Opening paragraph.", "See [below](#no-such-part)."), encoding="utf-8")
os.utime(guide, (guide.stat().st_atime, guide.stat().st_mtime + 5))
assert preview.rewrite(preview.edited_guide(content), output, served) is not None
try:
    atomic_build(project, "pelicanconf.py")
    print("built")
except BuildError as exc:
    print("failed:", exc.message.replace(chr(10), " | "))
after = {p: p.read_bytes() for p in output.resolve().rglob("*") if p.is_file()}
print("output unchanged:", after == before)
print("preview shows the edit:", "See <a" in (served.resolve() / page.relative_to(output.resolve())).read_text(encoding="utf-8"))
"""


def test_a_previewed_edit_never_reaches_the_output_when_the_full_build_fails(project: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    result = subprocess.run([sys.executable, "-c", FAILING_FULL_BUILD], cwd=project, capture_output=True, text=True, env=env,
                            timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.strip().splitlines()[-3:]
    assert lines[0].startswith("failed: build failed: 1 broken links in the written site:") and "#no-such-part" in lines[0]
    assert lines[1:] == ["output unchanged: True", "preview shows the edit: True"]


PREVIEW_THEN_FULL_BUILD = FIRST_BUILD + """
guide = Path("content/guides/every-table.md")
guide.write_text(guide.read_text(encoding="utf-8").replace("Opening paragraph.", sys.argv[1]), encoding="utf-8")
os.utime(guide, (guide.stat().st_atime, guide.stat().st_mtime + 5))
previewed = preview.rewrite(preview.edited_guide(content), Path("output"), Path(".output-serve")).read_bytes()
relative = page.relative_to(Path("output").resolve())
atomic_build(project, "pelicanconf.py")
built = Path("output").resolve() / relative
print(json.dumps({"same": built.read_bytes() == previewed, "page": previewed.decode("utf-8")}))
"""


def test_a_previewed_guide_with_an_external_link_matches_the_full_build_that_follows(project: Path) -> None:
    # The notice comes from the template and rel from the content as it is read, in the preview as in the full build.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    edit = "See [the fact sheet](https://ods.od.nih.gov/factsheets/Magnesium-Consumer/)."
    result = subprocess.run([sys.executable, "-c", PREVIEW_THEN_FULL_BUILD, edit], cwd=project, capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["same"] is True
    assert ('<p>See <a href="https://ods.od.nih.gov/factsheets/Magnesium-Consumer/" rel="noopener noreferrer">the fact sheet</a>.</p>'
            in outcome["page"])
    assert outcome["page"].count('<aside class="medical-disclaimer"') == 1
