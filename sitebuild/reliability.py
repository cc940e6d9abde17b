"""`invoke reliability`: run the reliability tests and write what they cover and found to docs/reliability.md."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from .errors import BuildError
from .project import Project

RELIABILITY_TESTS = {
    "tests/test_corpus.py": ("Guide corpus (`tests/data/guides`): one check of all malformed guides gives each its exact "
                             "findings, one of all corrected guides passes each; `invoke check` and `invoke build` refuse "
                             "the whole corpus in one run"),
    "tests/test_reference.py": "Broken reference files name the entry; the real reference holds what the site needs",
    "tests/test_properties.py": ("Property tests (hypothesis, 150 random inputs per parser property, 40 per validator property): "
                                 "parsers and validators return a value or the project's own error"),
    "tests/test_atomic.py": ("Atomic builds: failed, killed and concurrent builds, writes that fail midway, blocked folders;"
                             " output folder outside the project refused"),
    "tests/test_escaping.py": "Injection payloads in every front-matter string: HTML, attributes, JSON-LD, feeds",
    "tests/test_sitecheck.py": "External links secured; broken internal links and #anchors fail the build",
    "tests/test_content.py": "The real site: tables, sources, review dates, disclaimer, CSP, corrected seed figures",
    "tests/test_visible.py": "Every page of the real site: no mass or molar amount outside an element naming its reference",
    "tests/test_review.py": "Reference reviews: an edited limit warns on build, fails publish naming the value, passes after a recorded review",
    "tests/test_disclaimer.py": "The notice counts only where a reader sees it: not in a comment, script or template, not hidden, before the content",
    "tests/test_preview.py": "invoke serve: an edit is previewed from a copy; output/ changes only when the full build passes",
}


def corpus_figures(root: Path) -> list[tuple[str, str]]:
    """Run every bad input through the checks in-process and count the outcomes."""
    from dosecheck.document import read_document
    from dosecheck.reference import ReferenceFileError, load_reference
    from dosecheck.validate import validate

    ref = load_reference(root / "content" / "data" / "reference.yaml")
    guides = sorted((root / "tests" / "data" / "guides" / "invalid").glob("*.md"))
    refused = with_line = crashes = findings = 0
    for path in guides:
        try:
            found = validate(read_document(path, path.name, "guide"), ref, path, path.parent)
        except Exception:  # noqa: BLE001 - a crash is what this counts
            crashes += 1
            continue
        findings += len(found)
        refused += any(f.severity == "error" for f in found)
        with_line += all(f.line is not None for f in found)
    references = sorted((root / "tests" / "data" / "invalid" / "reference").glob("*.yaml"))
    ref_refused = ref_crashes = 0
    for path in references:
        try:
            load_reference(path)
        except ReferenceFileError:
            ref_refused += 1
        except Exception:  # noqa: BLE001 - a crash is what this counts
            ref_crashes += 1
    return [
        ("Malformed guides tried", str(len(guides))),
        ("... refused with at least one error (non-zero exit)", str(refused)),
        ("... whose every finding names a line", str(with_line)),
        ("... findings in all", str(findings)),
        ("... Python exceptions instead of findings", str(crashes)),
        ("Malformed reference files tried", str(len(references))),
        ("... refused with a ReferenceFileError naming the entry", str(ref_refused)),
        ("... Python exceptions instead of findings", str(ref_crashes)),
    ]


def write_reliability_doc(project: Project) -> None:
    """Run the reliability tests, then write their figures; raise BuildError when any failed (the page is written anyway)."""
    import platform
    import xml.etree.ElementTree as ElementTree

    report = Path(tempfile.mkdtemp()) / "junit.xml"
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={report}", *RELIABILITY_TESTS],
                            cwd=project.root, check=False)
    suites: dict[str, list[int]] = {name: [0, 0] for name in RELIABILITY_TESTS}
    for case in ElementTree.parse(report).getroot().iter("testcase"):
        name = "tests/" + case.get("classname", "").split(".")[-1] + ".py"
        if name in suites:
            suites[name][0] += 1
            suites[name][1] += case.find("failure") is None and case.find("error") is None and case.find("skipped") is None
    lines = [
        "# Reliability", "",
        "What the reliability tests cover and what they found. Regenerate this page with `invoke reliability`;",
        f"last run {datetime.date.today()} on {platform.system()} {platform.machine()}, Python {platform.python_version()}.", "",
        "## Bad input", "", "| figure | count |", "| --- | --- |",
        *(f"| {name} | {value} |" for name, value in corpus_figures(project.root)),
        "", "Each malformed guide plants one defect (YAML syntax, tabs, byte-order mark, non-UTF-8 bytes, empty file,",
        "unclosed front matter, wrong types, YAML 1.1 booleans and base-60 numbers, duplicate keys, huge numbers, NaN and",
        "infinity, zero, negative and inverted amounts, unknown units, `u` and `µ` for micro, unknown nutrient, form, food,",
        "serving and life stage, supervised rows without a source, unknown and duplicate source ids, impossible dates,",
        "review dates out of order, placeholders naming no table, broken links, tables with amounts in the body; amounts",
        "outside checked figures in every place a reader sees text and in every spelling, checked figures that name",
        "nothing or claim what the reference does not say, rows that would mislead) and is paired with the exact message",
        "it must produce. A 5 MB guide is refused by size before it is parsed.", "",
        "## Tests and outcomes", "", "| tests | what they check | passed |", "| --- | --- | --- |",
        *(f"| `{name}` | {what} | {suites[name][1]} of {suites[name][0]} |" for name, what in RELIABILITY_TESTS.items()),
        "", "## Faults injected", "",
        "- A build killed with SIGKILL while writing: the published site is byte for byte the one before; the next build",
        "  sweeps the killed build's folder.",
        "- Three builds at once (two local, one publish): the output is one complete build, never a mix, and one build",
        "  folder remains.",
        "- Builds failing on findings, broken links, a broken reference or a page without the disclaimer: the output",
        "  still points at the previous site.",
        "- `OUTPUT_PATH` outside the project: refused before anything is written; the folder is untouched.",
    ]
    target = project.root / "docs" / "reliability.md"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {os.path.relpath(target)}")
    if result.returncode:
        raise BuildError("reliability: some tests failed; see above")
