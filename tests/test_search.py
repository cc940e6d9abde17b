"""Search: Pagefind's index of the built site, the search page, the header search box, and a failed index."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import fragments, pages, resolve, snapshot, soup

from conftest import ROOT, invoke
from dosecheck.document import read_document
from dosecheck.guide_schema import validate_front
from sitebuild.project import Project

AKATHISIA = ROOT / "content" / "guides" / "magnesium-akathisia.md"
DISCLAIMER = Project(ROOT).settings("pelicanconf.py")["MEDICAL_DISCLAIMER"]
# Runs Pagefind's own search (pagefind.js, as the browser loads it) against the served site.
NODE_SEARCH = """
const [bundle, file, term] = process.argv.slice(1);
const pagefind = await import(file);
await pagefind.options({ basePath: bundle });
const found = await pagefind.search(term);
const pages = await Promise.all(found.results.map((result) => result.data()));
console.log(JSON.stringify(pages.map((page) => ({ url: page.url, title: page.meta.title }))));
"""




def guide_address(output: Path, title: str) -> str:
    """The address, from the site root, of the page whose <h1> is `title`."""
    (page,) = [p for p in pages(output) if (h1 := soup(p).find("h1")) is not None and h1.get_text(strip=True) == title]
    return "/" + page.parent.relative_to(output).as_posix() + "/"


@pytest.fixture(scope="module")
def served(output: Path) -> Iterator[str]:
    """Serve the built site on a free localhost port; yield its origin."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(output))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def search(output: Path, origin: str, term: str) -> list[dict[str, str]]:
    """Search the served site with Pagefind's own search code; return each result's address and title."""
    node = shutil.which("node")
    assert node is not None, "node not found: install Debian's nodejs to run Pagefind's search code"
    result = subprocess.run([node, "--input-type=module", "-e", NODE_SEARCH, f"{origin}/pagefind/",
                             (output / "pagefind" / "pagefind.js").as_uri(), term],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_index_and_the_bundle_the_search_page_loads_are_written(output: Path) -> None:
    entry = json.loads((output / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    bodies = [p for p in pages(output) if soup(p).find(attrs={"data-pagefind-body": True})]
    assert entry["version"] == "1.5.2"
    assert list(entry["languages"]) == ["en"]
    assert entry["languages"]["en"]["page_count"] == len(bodies) == len(fragments(output))
    for name in ("pagefind-ui.js", "pagefind-ui.css", "pagefind.js", "wasm.en.pagefind"):
        assert (output / "pagefind" / name).is_file(), name


def test_guides_and_pages_are_indexed_by_their_article_alone(output: Path) -> None:
    guides = sorted((ROOT / "content" / "guides").rglob("*.md"))
    site_pages = sorted((ROOT / "content" / "pages").glob("*.md"))
    indexed = {}
    for page in pages(output):
        bodies = soup(page).find_all(attrs={"data-pagefind-body": True})
        if bodies:
            assert len(bodies) == 1 and bodies[0].name == "article", page
            # The disclaimer sits inside the article, so it is left out by name.
            notice = bodies[0].select_one("aside.medical-disclaimer")
            assert notice is not None and notice.has_attr("data-pagefind-ignore"), page
            indexed[page] = bodies[0]["class"]
    assert sorted(c[0] for c in indexed.values()) == sorted(["guide"] * len(guides) + ["page"] * (len(site_pages) + 1))  # + the dose reference
    assert {r["url"] for r in fragments(output)} == {"/" + p.parent.relative_to(output).as_posix() + "/" for p in indexed}


def test_the_disclaimer_header_and_footer_stay_out_of_the_index(output: Path) -> None:
    records = fragments(output)
    home = soup(output / "index.html")
    footer = home.select_one("footer.site-footer > p").get_text(" ", strip=True)
    assert footer.startswith("Magnesium Guide informs; it does not advise.")
    assert records
    for record in records:
        # The notice's own sentences (the Disclaimer page says the same in other words, and is indexed).
        for sentence in DISCLAIMER.split(". "):
            assert sentence.rstrip(".") not in record["content"], (record["url"], sentence)
        assert "Search the guides" not in record["content"], record["url"]
        assert footer not in record["content"], record["url"]


def test_a_guide_is_found_by_its_topic(output: Path, served: str) -> None:
    address = guide_address(output, "Magnesium and akathisia")
    (record,) = [r for r in fragments(output) if r["url"] == address]
    assert record["meta"]["title"] == "Magnesium and akathisia"
    assert "akathisia" in record["content"].lower()
    results = search(output, served, "akathisia")
    assert results[0] == {"url": served + address, "title": "Magnesium and akathisia"}
    assert search(output, served, "zzzyqx") == []


def test_the_search_page_loads_only_our_script_and_says_what_to_do_without_javascript(output: Path) -> None:
    page_file = output / "search" / "index.html"
    page = soup(page_file)
    results = page.select_one("main div#search")
    assert results is not None and results.contents == [] and results["aria-live"] == "polite"
    assert results["data-bundle"] == "../pagefind/pagefind.js"  # fetched by the script when the reader first searches
    assert resolve(output, page_file, results["data-bundle"]).is_file()
    assert [s["src"] for s in page.find_all("script", src=True)] == ["../theme/js/search.js"]
    assert all(s.has_attr("defer") for s in page.find_all("script", src=True))
    assert not [s for s in page.find_all("script") if not s.get("src") and s.get("type") != "application/ld+json"]
    assert not [link["href"] for link in page.find_all("link", rel="stylesheet") if "pagefind" in link["href"]]
    form = page.select_one("main form.search-form[role=search]")
    field = form.find("input", attrs={"name": "q"})
    assert field["type"] == "search" and form.find("label", attrs={"for": field["id"]}).get_text() == "Words to search for"
    assert (output / "theme" / "js" / "search.js").read_bytes() == (ROOT / "theme" / "static" / "js" / "search.js").read_bytes()
    fallback = page.select_one("main noscript")
    assert fallback is not None and fallback.p.get_text(" ", strip=True).startswith("Search needs JavaScript")
    links = {a.get_text(strip=True): a["href"] for a in fallback.find_all("a")}
    topics = set()
    for path in (ROOT / "content" / "guides").rglob("*.md"):
        guide, _parts, _findings = validate_front(read_document(path, path.name, "guide"))
        assert guide is not None
        topics.add(guide.category)
    assert set(links) == topics | {"All topics", "All guides"}
    assert links["All topics"] == "../categories/" and links["All guides"] == "../archives/"
    for href in links.values():
        assert resolve(output, page_file, href).is_file(), href


def test_no_page_loads_pagefind_with_it(output: Path) -> None:
    for page in pages(output):
        html = page.read_text(encoding="utf-8")
        assert "pagefind-ui" not in html and ("pagefind/pagefind.js" in html) == (page == output / "search" / "index.html"), page


def test_every_page_header_links_topics_the_dose_reference_and_search(output: Path) -> None:
    for page_file in pages(output):
        page = soup(page_file)
        links = page.select("header.site-header nav a")
        assert [a.get_text() for a in links] == ["Topics", "Dose reference", "Search"], page_file
        target = resolve(output, page_file, links[2]["href"]) if not links[2]["href"].startswith("/") else \
            output / links[2]["href"].lstrip("/") / "index.html"
        assert target == output / "search" / "index.html", page_file


@pytest.mark.parametrize("fake", ["fails", "missing"])
def test_a_failed_index_keeps_the_previous_site(project: Path, monkeypatch: pytest.MonkeyPatch, fake: str) -> None:
    first = invoke(project, "build")
    assert first.returncode == 0, first.stderr
    assert (project / "output" / "pagefind" / "pagefind-entry.json").is_file()
    before = snapshot(project / "output")
    binary = project / "fake-pagefind"
    if fake == "fails":
        binary.write_text("#!/bin/sh\necho 'Running Pagefind'\necho 'Error: No space left on device' >&2\nexit 1\n", encoding="utf-8")
        binary.chmod(0o755)
        reason = "Error: No space left on device"
    else:
        reason = "FileNotFoundError: [Errno 2] No such file or directory"
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(binary))
    for task in ("build", "publish"):
        result = invoke(project, task)
        assert result.returncode == 1
        assert "Traceback" not in result.stderr + result.stdout
        assert result.stderr.splitlines()[-1] == f"build failed: Pagefind could not index the site: {reason}"
    assert snapshot(project / "output") == before
    assert not list((project / ".output-builds").glob("staging-*"))
    assert os.path.islink(project / "output")
