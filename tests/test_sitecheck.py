"""Links: rel on content's external links; the written-site check of links that lead nowhere or leave without rel."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sitecheck.pages import REL, link_problems, secure_external_links

from conftest import invoke


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<a href="https://ods.od.nih.gov/">ODS</a>', f'<a href="https://ods.od.nih.gov/" rel="{REL}">ODS</a>'),
        ('<a href="https://x.example/" rel="nofollow">x</a>', '<a href="https://x.example/" rel="nofollow noopener noreferrer">x</a>'),
        (f'<a rel="{REL}" href="https://x.example/">x</a>', f'<a rel="{REL}" href="https://x.example/">x</a>'),
        ('<a href="../guide/">in</a>', '<a href="../guide/">in</a>'),
        ('<a href="https://magnesium-guide.example/about/">own</a>', '<a href="https://magnesium-guide.example/about/">own</a>'),
        ('<a href="mailto:x@example.org">mail</a>', '<a href="mailto:x@example.org">mail</a>'),
    ],
)
def test_external_links_get_noopener_noreferrer(html: str, expected: str) -> None:
    assert secure_external_links(html, "https://magnesium-guide.example") == expected


def write(root: Path, name: str, html: str) -> None:
    """Write one page of a fake output folder."""
    page = root / name
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(html, encoding="utf-8")


def test_every_broken_internal_link_and_anchor_is_listed(tmp_path: Path) -> None:
    write(tmp_path, "index.html", '<a href="guide/">ok</a>\n<a href="guide/#dose">ok</a>\n<a href="#top">ok</a><p id="top"></p>\n'
          '<a href="missing/">no page</a>\n<a href="guide/#nope">no anchor</a>\n<a href="https://x.example/gone">external</a>\n'
          '<a href="../../etc/passwd">outside</a>\n<link href="theme/site.css" rel="stylesheet">')
    write(tmp_path, "guide/index.html", '<h2 id="dose">Dose</h2><a href="../index.html#top">back</a><a href="#absent">x</a>')
    write(tmp_path, "theme/site.css", "body{}")
    assert link_problems(tmp_path, "").broken == [
        "guide/index.html:1: link: found '#absent', but that page has no id 'absent'; link to a heading or element that exists",
        "index.html:4: link: found 'missing/', which names no page; fix the link or the page it points to",
        "index.html:5: link: found 'guide/#nope', but that page has no id 'nope'; link to a heading or element that exists",
        "index.html:7: link: found '../../etc/passwd', which leaves the output folder; link within the site",
    ]


def test_links_into_the_search_bundle_written_after_the_build_are_not_reported(tmp_path: Path) -> None:
    # Pagefind writes pagefind/ after Pelican's last signal; only that folder is left to tasks.py to check.
    write(tmp_path, "search/index.html", '<link rel="stylesheet" href="../pagefind/pagefind-ui.css">\n'
          '<script src="../pagefind/pagefind-ui.js" defer></script>\n<script src="../pagefinder/ui.js"></script>\n'
          '<script src="https://magnesium-guide.example/pagefind/pagefind-ui.js"></script>\n<a href="../pagefind-ui.js">x</a>')
    assert link_problems(tmp_path, "https://magnesium-guide.example").broken == [
        "search/index.html:3: link: found '../pagefinder/ui.js', which names no page; fix the link or the page it points to",
        "search/index.html:5: link: found '../pagefind-ui.js', which names no page; fix the link or the page it points to",
    ]


def test_external_links_without_rel_are_listed_not_rewritten(tmp_path: Path) -> None:
    page = (f'<a href="https://ods.od.nih.gov/" rel="{REL}">ok</a>\n<a href="https://x.example/">bare</a>\n'
            '<a rel="nofollow" href="//x.example/">half</a><a href=\'https://x.example/\' rel=\'noopener noreferrer nofollow\'>ok</a>\n'
            '<a href="https://magnesium-guide.example/about/">own</a>\n<link rel="stylesheet" href="https://x.example/a.css">\n'
            '<a href="mailto:x@example.org">mail</a>')
    write(tmp_path, "index.html", page)
    write(tmp_path, "about/index.html", "")
    found = link_problems(tmp_path, "https://magnesium-guide.example")
    assert (found.broken, found.unsecured) == ([], [
        "index.html:2: link: found 'https://x.example/', which leaves the site without rel=\"noopener noreferrer\"; add it where the link is written",
        "index.html:3: link: found '//x.example/', which leaves the site without rel=\"noopener noreferrer\"; add it where the link is written",
    ])
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == page


def test_a_broken_anchor_in_a_guide_fails_the_build_and_keeps_the_site(project: Path) -> None:
    assert invoke(project, "build").returncode == 0
    published = os.readlink(project / "output")
    guide = project / "content" / "guides" / "every-table.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\nSee [the table](#no-such-table).\n", encoding="utf-8")
    result = invoke(project, "build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert os.readlink(project / "output") == published
    summary, problem = result.stderr.splitlines()[-2:]
    assert summary == "build failed: 1 broken links in the written site:"
    page, line, rest = problem.split(":", 2)
    assert (page, line.isdigit(), rest) == (
        "test-topic/every-table-kind/index.html", True,
        " link: found '#no-such-table', but that page has no id 'no-such-table'; link to a heading or element that exists")
