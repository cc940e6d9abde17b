"""The corrections channel: every guide and page links it with its address filled in; publishing refuses a dead address."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from support import soup

from conftest import CORRECTIONS, invoke
from dosecheck.corrections import corrections_findings, reserved


@pytest.mark.parametrize(("host", "is_reserved"), [
    ("magnesium-guide.example", True), ("mail.example.com", True), ("example.org", True), ("site.test", True),
    ("x.invalid", True), ("localhost", True), ("magnesium-guide.org", False), ("examples.com", False)])
def test_reserved_domains_are_the_ones_set_aside_for_examples(host: str, is_reserved: bool) -> None:
    assert reserved(host) is is_reserved


@pytest.mark.parametrize(("settings", "messages"), [
    ({"CORRECTIONS_EMAIL": "corrections@magnesium-guide.example"},
     ["pelicanconf.py: CORRECTIONS_EMAIL: found 'corrections@magnesium-guide.example', at a domain reserved for examples"
      " that receives no mail; set CORRECTIONS_EMAIL to an address the editors read, or CORRECTIONS_URL to a form or issue tracker"]),
    ({"CORRECTIONS_URL": "http://errors.magnesium-guide.org/new"},
     ["pelicanconf.py: CORRECTIONS_URL: found 'http://errors.magnesium-guide.org/new'; expected an https:// address; set"
      " CORRECTIONS_EMAIL to an address the editors read, or CORRECTIONS_URL to a form or issue tracker"]),
    ({}, ["pelicanconf.py: CORRECTIONS_EMAIL: found nothing; set CORRECTIONS_EMAIL to an address the editors read, or"
          " CORRECTIONS_URL to a form or issue tracker: every page links it"]),
    ({"CORRECTIONS_EMAIL": CORRECTIONS}, []),
    ({"CORRECTIONS_URL": "https://github.com/magnesium-guide/site/issues/new"}, []),
])
def test_a_corrections_address_that_cannot_receive_is_a_finding(settings: dict[str, str], messages: list[str]) -> None:
    assert [str(f) for f in corrections_findings(settings)] == messages


def test_publish_refuses_the_placeholder_address_and_build_only_warns(project: Path) -> None:
    settings = project / "pelicanconf.py"
    settings.write_text(settings.read_text(encoding="utf-8").replace(repr(CORRECTIONS), "'corrections@magnesium-guide.example'"),
                        encoding="utf-8")
    message = ("pelicanconf.py: CORRECTIONS_EMAIL: found 'corrections@magnesium-guide.example', at a domain reserved for"
               " examples that receives no mail; set CORRECTIONS_EMAIL to an address the editors read, or CORRECTIONS_URL"
               " to a form or issue tracker")
    built = invoke(project, "build")
    assert built.returncode == 0 and f"warning: {message}" in built.stderr.splitlines()
    published = invoke(project, "publish")
    assert published.returncode == 1 and message in published.stderr.splitlines()


def test_every_guide_and_page_links_a_report_with_its_address(project: Path) -> None:
    assert invoke(project, "publish").returncode == 0
    page = soup(project / "output" / "test-topic" / "every-table-kind" / "index.html")
    link = page.select_one("article p.report-error a")
    assert link.get_text() == "Report an error on this page"
    href = urlsplit(link["href"])
    assert (href.scheme, href.path) == ("mailto", CORRECTIONS)
    query = parse_qs(href.query)
    assert query["subject"] == ["Error on: Every table kind"]
    assert query["body"][0].startswith("Page: https://magnesium-guide.example/test-topic/every-table-kind/\n")
    pages = [p for p in (project / "output").rglob("index.html") if soup(p).find("article", class_=["guide", "page"])]
    assert pages and all(soup(p).select_one("article p.report-error a") for p in pages)
