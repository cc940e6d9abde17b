"""What a published build gives readers' tools: feeds, sitemap, robots.txt, canonical and Open Graph tags, the 404 page."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from invoke.exceptions import Exit
from pelican import signals
from pelican.utils import slugify as pelican_slugify
from pelican.writers import FileOverwriteFailedError
from support import BAD, build, soup

from conftest import CORRECTIONS, ROOT, TODAY
from dosecheck.document import read_document
from dosecheck.guide_schema import validate_front
from sitebuild.project import Project
from sitebuild.run import pelican_build

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
GUIDES = sorted((ROOT / "content" / "guides").rglob("*.md"))
SETTINGS = Project(ROOT).settings("pelicanconf.py")
DISCLAIMER = SETTINGS["MEDICAL_DISCLAIMER"]


def slugify(topic: str) -> str:
    """A topic's slug, as Pelican makes it for the topic's page and feed."""
    return pelican_slugify(topic, regex_subs=SETTINGS.get("CATEGORY_REGEX_SUBSTITUTIONS", SETTINGS["SLUG_REGEX_SUBSTITUTIONS"]))


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """Build the real content with the publishing settings into a temporary folder."""
    out = tmp_path_factory.mktemp("published")
    settings = pelican_build(Project(ROOT), "publishconf.py", {"OUTPUT_PATH": str(out / "output"), "CACHE_PATH": str(out / "cache"),
                                                "DOSECHECK_TODAY": TODAY, "CORRECTIONS_EMAIL": CORRECTIONS})
    assert settings["SITEURL"].startswith("https://")
    return out / "output", settings


@pytest.fixture(scope="module")
def guides() -> list[Any]:
    """The real guides' front matter."""
    found = []
    for path in GUIDES:
        guide, _parts, _findings = validate_front(read_document(path, str(path.relative_to(ROOT)), "guide"))
        assert guide is not None
        found.append(guide)
    return found


def guide_pages(output: Path) -> dict[str, Path]:
    """Each guide's page, by title."""
    return {p.h1.get_text(strip=True): f for f in sorted(output.rglob("index.html")) if (p := soup(f)).select_one("article.guide")}


def address(output: Path, siteurl: str, page: Path) -> str:
    """The public address of a written page."""
    folder = page.parent.relative_to(output).as_posix()
    return f"{siteurl}/" if folder == "." else f"{siteurl}/{folder}/"


def entries(feed: Path) -> list[ElementTree.Element]:
    """The entries of an Atom feed."""
    return ElementTree.parse(feed).getroot().findall(f"{ATOM}entry")


def test_every_guide_is_one_entry_of_the_site_feed_and_of_its_topic_feed(published: tuple[Path, dict[str, Any]],
                                                                          guides: list[Any]) -> None:
    output, settings = published
    siteurl = settings["SITEURL"]
    pages = guide_pages(output)
    site_feed = entries(output / "feeds" / "all.atom.xml")
    assert sorted(e.findtext(f"{ATOM}title") for e in site_feed) == sorted(g.title for g in guides)
    for entry in site_feed:
        link = entry.find(f"{ATOM}link").get("href")
        assert link == address(output, siteurl, pages[entry.findtext(f"{ATOM}title")])
        assert entry.findtext(f"{ATOM}id").startswith(f"tag:{siteurl.split('://', 1)[1]},")
    topics = sorted({g.category for g in guides})
    assert sorted(p.name for p in (output / "feeds").iterdir()) == sorted(["all.atom.xml"] + [f"{slugify(t)}.atom.xml" for t in topics])
    for topic in topics:
        titles = sorted(e.findtext(f"{ATOM}title") for e in entries(output / "feeds" / f"{slugify(topic)}.atom.xml"))
        assert titles == sorted(g.title for g in guides if g.category == topic)


def test_every_feed_entry_carries_the_disclaimer(published: tuple[Path, dict[str, Any]]) -> None:
    output, settings = published
    feeds = sorted((output / "feeds").glob("*.atom.xml"))
    assert len(feeds) > 1
    for feed in feeds:
        for entry in entries(feed):
            content = BeautifulSoup(entry.findtext(f"{ATOM}content"), "html.parser")
            notice = content.select("aside.medical-disclaimer")
            assert len(notice) == 1, (feed.name, entry.findtext(f"{ATOM}title"))
            assert notice[0].get_text(" ", strip=True) == f"Medical disclaimer: {DISCLAIMER} Read the full disclaimer ."
            assert notice[0].a["href"] == f"{settings['SITEURL']}/disclaimer/"


def test_pages_link_the_feeds_that_exist(published: tuple[Path, dict[str, Any]], guides: list[Any]) -> None:
    output, settings = published
    siteurl = settings["SITEURL"]
    for guide in guides:
        page = soup(guide_pages(output)[guide.title])
        feeds = {link["title"]: link["href"] for link in page.find_all("link", rel="alternate", type="application/atom+xml")}
        assert feeds == {"Magnesium Guide": f"{siteurl}/feeds/all.atom.xml",
                         f"{guide.category} · Magnesium Guide": f"{siteurl}/feeds/{slugify(guide.category)}.atom.xml"}
        for href in feeds.values():
            assert (output / href.removeprefix(siteurl + "/")).is_file()
    home = soup(output / "index.html")
    assert [link["href"] for link in home.find_all("link", rel="alternate")] == [f"{siteurl}/feeds/all.atom.xml"]


def test_local_builds_have_no_feeds_and_link_none(site: Path) -> None:  # noqa: F811 - the fixture
    output = build(site)
    assert not (output / "feeds").exists()
    for page in output.rglob("*.html"):
        assert soup(page).find("link", rel="alternate") is None, page


def test_the_sitemap_lists_every_guide_and_page_by_its_public_address(published: tuple[Path, dict[str, Any]],
                                                                      guides: list[Any]) -> None:
    output, settings = published
    siteurl = settings["SITEURL"]
    root = ElementTree.parse(output / "sitemap.xml").getroot()
    assert root.tag == f"{SITEMAP}urlset"
    listed = [u.findtext(f"{SITEMAP}loc") for u in root.findall(f"{SITEMAP}url")]
    assert len(listed) == len(set(listed))
    pages = guide_pages(output)
    assert len(pages) == len(guides) == len(GUIDES)
    assert {address(output, siteurl, p) for p in pages.values()} <= set(listed)
    for name in ("about", "disclaimer", "contact", "editorial-policy"):
        assert f"{siteurl}/{name}/" in listed
    assert f"{siteurl}/" in listed
    # Every address is the public one of a page that exists; the search page and the 404 page are no place to land.
    for loc in listed:
        assert loc.startswith(f"{siteurl}/")
        assert (output / loc.removeprefix(f"{siteurl}/") / "index.html").is_file(), loc
    assert f"{siteurl}/search/" not in listed and f"{siteurl}/404.html" not in listed


def test_robots_txt_names_the_sitemap_when_published(published: tuple[Path, dict[str, Any]], site: Path) -> None:  # noqa: F811
    output, settings = published
    assert (output / "robots.txt").read_text(encoding="utf-8") == (
        f"User-agent: *\nDisallow:\n\nSitemap: {settings['SITEURL']}/sitemap.xml\n")
    # A local build has no public address to name.
    assert (build(site) / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow:\n"


def test_a_guide_has_its_canonical_address_and_open_graph_tags(published: tuple[Path, dict[str, Any]],
                                                              guides: list[Any]) -> None:
    output, settings = published
    (guide,) = [g for g in guides if g.title == "Magnesium and akathisia"]
    page_file = guide_pages(output)[guide.title]
    page = soup(page_file)
    url = f"{settings['SITEURL']}/symptoms/magnesium-and-akathisia/"
    assert address(output, settings["SITEURL"], page_file) == url
    assert [link["href"] for link in page.find_all("link", rel="canonical")] == [url]
    meta = {m["property"]: m["content"] for m in page.find_all("meta", property=True)}
    assert meta == {"og:title": "Magnesium and akathisia", "og:description": guide.summary, "og:type": "article",
                    "og:url": url, "og:site_name": "Magnesium Guide"}
    assert page.find("meta", attrs={"name": "description"})["content"] == guide.summary


def test_every_page_has_a_description_and_open_graph_tags_and_all_but_the_404_a_canonical_address(
        published: tuple[Path, dict[str, Any]]) -> None:
    output, settings = published
    siteurl = settings["SITEURL"]
    for page_file in sorted(output.rglob("*.html")):
        page = soup(page_file)
        description = page.find("meta", attrs={"name": "description"})["content"]
        meta = {m["property"]: m["content"] for m in page.find_all("meta", property=True)}
        assert description and meta["og:description"] == description, page_file
        assert meta["og:title"] and meta["og:site_name"] == "Magnesium Guide", page_file
        assert meta["og:type"] == ("article" if page.select_one("article.guide") else "website"), page_file
        public = f"{siteurl}/404.html" if page_file.name == "404.html" else address(output, siteurl, page_file)
        assert meta["og:url"] == public, page_file
        canonical = [link["href"] for link in page.find_all("link", rel="canonical")]
        assert canonical == ([] if page_file.name == "404.html" else [public]), page_file


def test_the_404_page_helps_and_carries_the_disclaimer_with_links_from_the_site_root(
        published: tuple[Path, dict[str, Any]], site: Path) -> None:  # noqa: F811
    output, settings = published
    for built, root in ((output, settings["SITEURL"] + "/"), (build(site), "/")):
        page = soup(built / "404.html")
        assert page.h1.get_text(strip=True) == "Page not found"
        notice = page.select("main aside.medical-disclaimer")
        # The one-line notice after the heading, so the help is the first thing on the page.
        assert len(notice) == 1 and notice[0].get_text(" ", strip=True).startswith(f"Medical disclaimer: {SETTINGS['MEDICAL_DISCLAIMER_SHORT']}")
        assert notice[0].find_previous_sibling("h1") is page.h1
        assert notice[0].a["href"] == f"{root}disclaimer/"
        searches = page.select("form[role=search]")
        assert [f["action"] for f in searches] == [f"{root}search/"]
        assert all(f.find("input", attrs={"name": "q", "type": "search"}) for f in searches)
        assert page.find("a", string="The home page")["href"] == root
        # Served at any address, at any depth: every link starts from the site root.
        addresses = [a["href"] for a in page.find_all("a")] + [link["href"] for link in page.find_all("link")]
        for href in addresses:
            assert href.startswith(root) or href == "#main", href
            if href != "#main":
                path = href.removeprefix(root)
                assert (built / path).is_file() or (built / path / "index.html").is_file(), href


def test_pagination_patterns_give_every_listing_page_its_own_file(site: Path) -> None:  # noqa: F811
    patterns = Project(ROOT).settings("pelicanconf.py")["PAGINATION_PATTERNS"]
    assert [(p.min_page, p.URL, p.SAVE_AS) for p in patterns] == [
        (1, "{url}", "{save_as}"), (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html")]
    guide = (site / "content" / "guides" / "every-table.md").read_text(encoding="utf-8")
    for n in range(4):
        text = guide.replace("title: Every table kind", f"title: Every table kind {n}", 1)
        (site / "content" / "guides" / f"copy-{n}.md").write_text(text, encoding="utf-8")
    written: list[str] = []

    def record(path: str, context: dict[str, Any]) -> None:
        """Remember every file Pelican writes."""
        written.append(path)

    signals.content_written.connect(record)
    try:
        # Two guides per page: the topic and both tags of the five guides run to three pages each.
        output = build(site, DEFAULT_PAGINATION=2)
    finally:
        signals.content_written.disconnect(record)
    assert len(written) == len(set(written))
    for listing in ("test-topic", "tags/magnesium", "tags/sleep"):
        files = [output / listing / "index.html", output / listing / "page/2/index.html", output / listing / "page/3/index.html"]
        assert all(f.is_file() for f in files), listing
        assert not (output / listing / "page/4").exists()
        shown = [[a.get_text(strip=True) for a in soup(f).select("ul.guide-list a")] for f in files]
        assert sorted(sum(shown, [])) == sorted(["Every table kind"] + [f"Every table kind {n}" for n in range(4)])


def test_a_pattern_that_lets_listings_collide_fails_the_build(site: Path) -> None:  # noqa: F811
    # The check above would catch it: without {base_name}, the topic's and the tags' second pages are one file.
    shutil.copy(site / "content" / "guides" / "every-table.md", site / "content" / "guides" / "copy.md")
    text = (site / "content" / "guides" / "copy.md").read_text(encoding="utf-8")
    (site / "content" / "guides" / "copy.md").write_text(text.replace("title: Every table kind", "title: Copy", 1), encoding="utf-8")
    with pytest.raises(FileOverwriteFailedError, match=r"output/page/2/index\.html\" as Pelican has already written to it"):
        build(site, DEFAULT_PAGINATION=1, PAGINATION_PATTERNS=((1, "{url}", "{save_as}"), (2, "page/{number}/", "page/{number}/index.html")))


def test_a_build_after_a_failed_one_in_the_same_process_still_writes_the_sitemap(site: Path) -> None:  # noqa: F811
    # As `invoke serve` does: a rebuild that fails on a finding, then one that succeeds, in one process.
    bad = site / "content" / "guides" / "bad.md"
    bad.write_text(BAD, encoding="utf-8")
    with pytest.raises(Exit) as caught:
        build(site)
    assert caught.value.message.startswith("build failed: 2 errors in 1 file")
    bad.unlink()
    output = build(site)
    listed = [u.findtext(f"{SITEMAP}loc") for u in ElementTree.parse(output / "sitemap.xml").getroot().findall(f"{SITEMAP}url")]
    assert "/test-topic/every-table-kind/" in listed and "/bad/" not in " ".join(listed)
