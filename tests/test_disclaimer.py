"""The disclaimer notice: its HTML, its place in feed entries, and the check of the written pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from feedgenerator import Atom1Feed, Rss201rev2Feed

from disclaimer.notice import DisclaimerError, notice_html, pages_without, prepend, problem
from disclaimer.plugin import add_to_feed

NOTICE = notice_html("Not advice & not a <diagnosis>.", "/disclaimer/")


def test_notice_is_a_labelled_note_left_out_of_search() -> None:
    assert NOTICE == (
        '<aside class="medical-disclaimer" role="note" aria-label="Medical disclaimer" data-pagefind-ignore>'
        "<p><strong>Medical disclaimer:</strong> Not advice &amp; not a &lt;diagnosis&gt;."
        ' <a href="/disclaimer/">Read the full disclaimer</a>.</p></aside>'
    )


@pytest.mark.parametrize("text", ["", "   ", None])
def test_an_empty_setting_is_refused(text: object) -> None:
    with pytest.raises(DisclaimerError) as caught:
        notice_html(text)  # type: ignore[arg-type]
    assert str(caught.value) == (
        "pelicanconf.py: MEDICAL_DISCLAIMER: found nothing; set it to the disclaimer text every page must carry"
    )


def test_prepend_is_idempotent() -> None:
    assert prepend(prepend("<p>x</p>", NOTICE), NOTICE) == NOTICE + "<p>x</p>"


def test_pages_without_the_notice_are_listed(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(f"<body>{NOTICE}</body>", encoding="utf-8")
    (tmp_path / "b.html").write_text("<body>none</body>", encoding="utf-8")
    (tmp_path / "c.css").write_text("body{}", encoding="utf-8")
    assert pages_without(tmp_path, NOTICE) == [(tmp_path / "b.html", "no notice")]


def test_a_page_whose_notice_links_by_a_relative_path_still_carries_it(tmp_path: Path) -> None:
    # RELATIVE_URLS gives each page its own link to the full disclaimer.
    nested = notice_html("Not advice & not a <diagnosis>.", "../../disclaimer/")
    (tmp_path / "deep.html").write_text(f"<body>{nested}</body>", encoding="utf-8")
    assert pages_without(tmp_path, NOTICE) == []
    assert prepend(f"<p>x</p>{nested}", NOTICE) == f"<p>x</p>{nested}"


@pytest.mark.parametrize(
    ("page", "why"),
    [
        (f"<body><main><h1>T</h1>{NOTICE}<p>Text</p></main></body>", None),
        (f"<body><main><!-- {NOTICE} --><h1>T</h1></main></body>", "no notice"),
        (f"<body><main><template>{NOTICE}</template></main></body>", "the notice is hidden from readers"),
        (f"<body><main><div hidden>{NOTICE}</div></main></body>", "the notice is hidden from readers"),
        (f"<body><main><div aria-hidden=\"true\">{NOTICE}</div></main></body>", "the notice is hidden from readers"),
        (f"<body><main><details><summary>x</summary>{NOTICE}</details></main></body>", "the notice is hidden from readers"),
        (f"<body><main><details open><summary>x</summary>{NOTICE}</details></main></body>", None),
        (NOTICE.replace("<aside ", "<aside hidden "), "the notice is hidden from readers"),
        (f"<body><main><h1>T</h1><h2>Part</h2>{NOTICE}</main></body>", "the notice comes after the page's main content"),
        ("<body><main><h1>T</h1><h2>Part</h2><p>Text</p></main></body>", "no notice"),
        (f"<body>{NOTICE}<main><h1>T</h1></main></body>", "the notice is outside <main>"),
        ('<body><main><aside class="medical-disclaimer">Something else.</aside></main></body>',
         "the notice's text differs from MEDICAL_DISCLAIMER"),
        (f"<body><main><script>var a = '{NOTICE}';</script></main></body>", "the notice is hidden from readers"),
    ],
)
def test_the_notice_counts_only_where_a_reader_sees_it(page: str, why: str | None) -> None:
    assert problem(page, NOTICE) == why


def test_a_commented_copy_does_not_stop_the_notice_being_added() -> None:
    body = f"<!-- {NOTICE} --><p>Text</p>"
    assert prepend(body, NOTICE) == NOTICE + body


SETTINGS = {"SITEURL": "https://example.org", "MEDICAL_DISCLAIMER": "Not advice & not a <diagnosis>.", "MEDICAL_DISCLAIMER_URL": "disclaimer/"}
FEED_NOTICE = notice_html("Not advice & not a <diagnosis>.", "https://example.org/disclaimer/")


def test_every_atom_entry_opens_its_content_with_the_notice_and_keeps_its_summary() -> None:
    feed = Atom1Feed(title="T", link="https://example.org/", description="")
    feed.add_item(title="A", link="https://example.org/a/", description="Summary.", content="<p>Body.</p>")
    feed.add_item(title="B", link="https://example.org/b/", description=None, content="")
    add_to_feed(SETTINGS, feed=feed)
    assert [(e["content"], e["description"]) for e in feed.items] == [(FEED_NOTICE + "<p>Body.</p>", "Summary."), (FEED_NOTICE, None)]


def test_an_rss_entry_without_content_carries_the_notice_in_its_description() -> None:
    feed = Rss201rev2Feed(title="T", link="https://example.org/", description="")
    feed.add_item(title="A", link="https://example.org/a/", description="<p>Body.</p>")
    add_to_feed(SETTINGS, feed=feed)
    assert [(e["content"], e["description"]) for e in feed.items] == [(None, FEED_NOTICE + "<p>Body.</p>")]
