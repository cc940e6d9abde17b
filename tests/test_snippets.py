"""Shared sections: written once in content/snippets/, checked once, placed by [[snippet name]] in each guide."""

from __future__ import annotations

import shutil
from pathlib import Path

from support import soup

from conftest import DATA, FIRST_LINE, GUIDE_HEAD, ROOT, invoke
from dosecheck.reference import Reference
from dosecheck.snippets import check_snippets, snippet_files

SNIPPETS = DATA / "snippets"


def with_snippets(project: Path, *names: str) -> Path:
    """Copy test snippets into the project's content/snippets/; return the folder."""
    folder = project / "content" / "snippets"
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(SNIPPETS / f"{name}.md", folder / f"{name}.md")
    return folder


def guide(project: Path, name: str, body: str) -> None:
    """Write a guide into the project that includes what `body` says."""
    (project / "content" / "guides" / f"{name}.md").write_text(GUIDE_HEAD.replace("Test guide", f"Test guide {name}") + "---\n" + body,
                                                               encoding="utf-8")


def test_the_real_snippets_pass_and_five_guides_include_them(ref: Reference) -> None:
    assert sorted(snippet_files(ROOT / "content")) == ["too-much", "who-should-ask-first"]
    assert check_snippets(ROOT / "content", ref) == []
    including = [p.name for p in (ROOT / "content" / "guides").glob("*.md") if "[[snippet " in p.read_text(encoding="utf-8")]
    assert len(including) == 5


def test_an_unchecked_amount_in_a_snippet_is_one_finding_at_the_snippets_line(project: Path) -> None:
    with_snippets(project, "unchecked")
    guide(project, "a", "Intro.\n\n[[snippet unchecked]]\n")
    guide(project, "b", "Intro.\n\n[[snippet unchecked]]\n")
    for task in ("check", "build"):
        result = invoke(project, task)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        lines = [line for line in result.stderr.splitlines() if line.startswith("content/snippets/")]
        assert lines == ["content/snippets/unchecked.md:3: body: found the amount '600 mg a day' in the text: \"Adults can take up to"
                         " 600 mg a day.\"; write it as a checked figure, such as {{dose: 600 mg/day}} for a supplement amount, or"
                         " {{limit}}, {{intake: ...}} or {{food: ...}} (docs/writing-guides.md, Checked figures), or put it in a"
                         " doses or foods table"], task


def test_a_snippet_that_does_not_exist_is_named_with_the_ones_that_do(project: Path) -> None:
    with_snippets(project, "good")
    guide(project, "a", "Intro.\n\n[[snippet god]]\n")
    result = invoke(project, "check")
    assert result.returncode == 1
    assert f"content/guides/a.md:{FIRST_LINE + 3}: body: found [[snippet god]]; expected one of [[snippet good]]" in result.stderr.splitlines()


def test_a_snippet_is_placed_with_its_checked_figures_and_an_edit_reaches_every_guide(project: Path) -> None:
    folder = with_snippets(project, "good")
    guide(project, "a", "Intro.\n\n[[snippet good]]\n\nAfter.\n")
    assert invoke(project, "build").returncode == 0
    page = soup(project / "output" / "test-topic" / "test-guide-a" / "index.html")
    heading = page.find("h2", string="Signs of too much magnesium")
    assert heading is not None and heading.find_next_sibling("p").span["data-ref"] == "fnb-dri-1997"
    assert "fnb-dri-1997" in page.find("p", id="figure-sources")["data-ref"].split()
    assert "[[snippet" not in page.decode()
    # The guide is unchanged and cached; the snippet's edit still reaches its page.
    (folder / "good.md").write_text((folder / "good.md").read_text(encoding="utf-8").replace("usual first sign", "first sign"),
                                    encoding="utf-8")
    assert invoke(project, "build").returncode == 0
    page = soup(project / "output" / "test-topic" / "test-guide-a" / "index.html")
    assert "diarrhoea is the first sign above it" in page.get_text()
