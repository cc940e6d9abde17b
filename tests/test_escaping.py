"""Injection payloads in every front-matter string come out as text: in HTML, attributes, JSON-LD and feeds."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from bs4 import BeautifulSoup
from support import build

from conftest import DATA, copy_reference

PAYLOAD = """</script><script>alert(1)</script>"'><img src=x onerror=alert(2)><!-- &amp; ]]>"""
URL = 'https://x.example/"><script>alert(3)</script>'
ATOM = "{http://www.w3.org/2005/Atom}"


def payload(field: str) -> str:
    """A payload tagged with the field it sits in, so each can be found again."""
    return f"{field}: {PAYLOAD}"


GUIDE = {
    "title": payload("title"),
    "date": "2026-01-11",
    "category": "Test topic",
    "tags": ["magnesium"],
    "summary": payload("summary"),
    "last_reviewed": "2026-11-20",
    "reviewed_by": {"name": payload("reviewer"), "credentials": payload("credentials")},
    "sources": [{"id": "evil", "title": payload("source title"), "publisher": payload("publisher"), "url": URL,
                 "note": payload("source note")}],
    "foods": [{"food": "spinach, boiled", "serving": "1/2 cup", "magnesium_mg": 78, "note": payload("food note")}],
    "forms": [{"form": "glycinate", "note": payload("form note")}],
    "doses": [{"caption": payload("caption"), "kind": "supplement", "note": payload("table note"),
               "rows": [{"form": "glycinate", "amount": "100-350 mg/day", "note": payload("row note")}]}],
    "faqs": [{"q": payload("question"), "a": payload("answer")}],
}


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the fixture site with the payload guide and feeds on."""
    site_root = tmp_path_factory.mktemp("escaping")
    shutil.copytree(DATA / "site" / "content", site_root / "content")
    copy_reference(site_root / "content" / "data")
    text = "---\n" + yaml.safe_dump(GUIDE, allow_unicode=True, sort_keys=False) + "---\n\nBody.\n"
    (site_root / "content" / "guides" / "payload.md").write_text(text, encoding="utf-8")
    return build(site_root, SITEURL="https://example.org", FEED_DOMAIN="https://example.org",
                 FEED_ALL_ATOM="feeds/all.atom.xml", CATEGORY_FEED_ATOM="feeds/{slug}.atom.xml")


@pytest.fixture(scope="module")
def page(output: Path) -> BeautifulSoup:
    """The payload guide as a reader gets it."""
    (file,) = [p for p in output.rglob("index.html") if p.parent.name.startswith("title-")]
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def test_no_page_carries_a_script_or_handler_from_front_matter(output: Path) -> None:
    for file in output.rglob("*.html"):
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        assert all(s.get("type") in ("application/ld+json", "application/json") or s.get("src") for s in soup.find_all("script")), file
        assert not soup.find_all("img"), file
        assert not [a for tag in soup.find_all(True) for a in tag.attrs if a.lower().startswith("on")], file


@pytest.mark.parametrize("field", ["title", "summary", "reviewer", "credentials", "source title", "publisher", "source note",
                                   "food note", "form note", "caption", "table note", "row note", "question"])
def test_each_field_is_shown_as_the_text_the_writer_typed(page: BeautifulSoup, field: str) -> None:
    assert payload(field) in page.get_text()


def test_an_faq_answer_is_markdown_whose_raw_html_shows_as_text(page: BeautifulSoup) -> None:
    # Markdown still applies (typographic quotes, &amp; read as &), but tags are text, never elements.
    answer = page.select_one("section.faqs details p").get_text()
    assert answer.startswith("answer: </script><script>alert(1)</script>")
    assert "<img src=x onerror=alert(2)>" in answer


def test_attributes_hold_the_exact_strings(page: BeautifulSoup) -> None:
    assert page.find("meta", attrs={"name": "description"})["content"] == payload("summary")
    assert [a["href"] for a in page.select("section.sources ol a")] == [URL]


def test_json_ld_cannot_break_out_of_its_script(page: BeautifulSoup) -> None:
    blocks = page.find_all("script", type="application/ld+json")
    assert len(blocks) == 1
    raw = blocks[0].string or ""
    assert not re.search(r"</script|<!--", raw, re.IGNORECASE)
    medical = json.loads(raw)
    assert medical["name"] == payload("title")
    assert page.select_one("section.faqs summary").get_text() == payload("question")


def test_feeds_parse_and_keep_the_text(output: Path) -> None:
    for feed in (output / "feeds").glob("*.atom.xml"):
        entries = ElementTree.parse(feed).getroot().findall(f"{ATOM}entry")
        titles = [e.findtext(f"{ATOM}title") for e in entries]
        if payload("title") in titles:
            entry = entries[titles.index(payload("title"))]
            content = BeautifulSoup(entry.findtext(f"{ATOM}summary") or entry.findtext(f"{ATOM}content") or "", "html.parser")
            assert not content.find_all("script") and not content.find_all("img")
            assert content.select_one("aside.medical-disclaimer") is not None
