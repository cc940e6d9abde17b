"""The disclaimer notice: its HTML, where it is injected, and the output check."""

from __future__ import annotations

from pathlib import Path

import pytest

from disclaimer.notice import DisclaimerError, inject, notice_html, pages_without, prepend

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


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("<html><body><main id=m><h1>T</h1></main></body></html>", f"<html><body><main id=m>{NOTICE}<h1>T</h1></main></body></html>"),
        ("<html><body class=x><h1>T</h1></body></html>", f"<html><body class=x>{NOTICE}<h1>T</h1></body></html>"),
        ("<p>fragment</p>", f"{NOTICE}<p>fragment</p>"),
        (f"<body><main>{NOTICE}</main></body>", f"<body><main>{NOTICE}</main></body>"),
    ],
)
def test_inject_puts_the_notice_first_in_main_once(page: str, expected: str) -> None:
    assert inject(page, NOTICE) == expected


def test_prepend_is_idempotent() -> None:
    assert prepend(prepend("<p>x</p>", NOTICE), NOTICE) == NOTICE + "<p>x</p>"


def test_pages_without_the_notice_are_listed(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(f"<body>{NOTICE}</body>", encoding="utf-8")
    (tmp_path / "b.html").write_text("<body>none</body>", encoding="utf-8")
    (tmp_path / "c.css").write_text("body{}", encoding="utf-8")
    assert pages_without(tmp_path, NOTICE) == [tmp_path / "b.html"]


def test_a_page_whose_notice_links_by_a_relative_path_still_carries_it(tmp_path: Path) -> None:
    # RELATIVE_URLS gives each page its own link to the full disclaimer.
    nested = notice_html("Not advice & not a <diagnosis>.", "../../disclaimer/")
    (tmp_path / "deep.html").write_text(f"<body>{nested}</body>", encoding="utf-8")
    assert pages_without(tmp_path, NOTICE) == []
    assert inject(f"<main>{nested}</main>", NOTICE) == f"<main>{nested}</main>"
