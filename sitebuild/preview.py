"""`invoke serve`: build, serve, and on each edit show the edited guide at once from a preview, then publish the full
build only when it passes."""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import BuildError
from .files import point
from .project import Project
from .publish import atomic_build, builds_folder


class Preview:
    """What `invoke serve` keeps of its last full build, to put one edited guide's page on disk at once.

    Pelican has no incremental build: after any edit it writes every page. While serving, an edited
    guide is first read, checked and written on its own into a preview, a copy of the last good site made
    of hard links (its related guides and neighbours as in the last build), and the server is pointed at
    the preview; the full, atomic build follows and, only when it passes, replaces output/ and is served.
    output/ itself never holds a page the full build has not passed.
    """

    def __init__(self) -> None:
        self.generator: Any = None
        self.stamps: dict[Path, float] = {}
        self.previews = 0

    def remember(self, generator: Any, writer: Any = None) -> None:
        """Keep the articles generator of the build that just wrote its pages."""
        self.generator = generator

    @contextlib.contextmanager
    def watching(self, content: Path) -> Iterator[None]:
        """Remember the generator of the build run inside, and, when it succeeds, the guides' modification times."""
        from pelican import signals

        signals.article_writer_finalized.connect(self.remember)
        try:
            yield
        finally:
            signals.article_writer_finalized.disconnect(self.remember)
        self.stamps = self._stamps(content)

    def edited_guide(self, content: Path) -> Path | None:
        """Return the one guide changed since the last build, or None when nothing or more than that changed."""
        now = self._stamps(content)
        changed = [path for path, stamp in now.items() if self.stamps.get(path) != stamp]
        gone = set(self.stamps) - set(now)
        return changed[0] if len(changed) == 1 and not gone and self.generator is not None else None

    def rewrite(self, source: Path, output: Path, served: Path | None = None) -> Path | None:
        """Read, check and write one guide's page into a preview of `output`, served at `served` (a link) when given;
        None when the guide has errors or is new."""
        from guidepage.plugin import annotate_guide
        from pelican.contents import Article
        from pelican.writers import Writer

        from dosecheck.findings import errors

        generator = self.generator
        old = next((a for a in generator.articles if Path(a.source_path) == source), None)
        if old is None:
            return None  # a new guide changes listings: only the full build can place it
        article = generator.readers.read_file(base_path=generator.path, path=str(source), content_class=Article,
                                              context=generator.context)
        # A guide with errors, or one whose address moved, waits for the full build, which reports it.
        if errors(article.metadata.get("dosecheck_findings", [])) or article.save_as != old.save_as:
            return None
        # What depends on other guides is kept from the last build; the rest is what guidepage gives every guide.
        for name in ("related_guides", "older_in_category", "newer_in_category", "doctor_url", "doctor_save_as"):
            setattr(article, name, getattr(old, name, None))
        annotate_guide(article, generator.settings.get("SITEURL", ""))
        generator.articles[generator.articles.index(old)] = article
        generator.context["generated_content"][article.get_relative_source_path()] = article
        site = self._preview_of(output.resolve(), builds_folder(output))
        (site / article.save_as).unlink(missing_ok=True)  # a hard link: writing in place would change output/ too
        writer = Writer(str(site), settings=generator.settings)
        writer.write_file(article.save_as, generator.get_template(article.template), generator.context,
                          relative_urls=generator.settings["RELATIVE_URLS"], article=article,
                          category=article.category, url=article.url, blog=True)
        page: Path = site / article.save_as
        self.stamps[source] = source.stat().st_mtime
        if served is not None:
            point(served, site)
        return page

    def _preview_of(self, site: Path, builds: Path) -> Path:
        """Copy a site as hard links (milliseconds: no page is read or written) into a new preview folder."""
        self.previews += 1
        preview = builds / f"preview-{os.getpid()}-{self.previews}"
        shutil.rmtree(preview, ignore_errors=True)
        shutil.copytree(site, preview, copy_function=os.link, symlinks=True)
        return preview

    @staticmethod
    def settle(served: Path, output: Path) -> None:
        """Serve the site a full build just published, and remove the previews it replaces."""
        point(served, output.resolve())
        for preview in builds_folder(output).glob(f"preview-{os.getpid()}-*"):
            shutil.rmtree(preview, ignore_errors=True)

    @staticmethod
    def _stamps(content: Path) -> dict[Path, float]:
        """Map every guide file under the content folder to its modification time."""
        return {path: path.stat().st_mtime for path in content.rglob("*.md")}


def serve(project: Project) -> None:
    """Build, serve on localhost, and rebuild with live reload when a source changes; a failed build keeps the last site."""
    from livereload import Server

    preview = Preview()
    content = project.root / project.settings(project.settings_base)["PATH"]
    output = project.output
    served = project.root / project.serve_path

    def rebuild() -> None:
        edited = preview.edited_guide(content) if output.exists() else None
        if edited is not None:
            page = preview.rewrite(edited, output, served)
            if page is not None:
                print(f"previewing {os.path.relpath(page)}; rebuilding the rest")
        try:
            with preview.watching(content):
                atomic_build(project, project.settings_base)
            preview.settle(served, output)
            print("rebuilt")
        except BuildError as exc:
            # output/ keeps the last good site; the server shows the preview, if any; the findings are printed above.
            print(exc.message, file=sys.stderr)

    rebuild()
    if not output.exists():
        raise BuildError("serve: the first build failed; fix the findings above and run invoke serve again")
    if not served.exists():
        point(served, output.resolve())
    server = Server()
    for pattern in ("content/**/*", "theme/**/*", "plugins/**/*.py", "pelicanconf.py"):
        server.watch(str(project.root / pattern), rebuild)
    server.serve(host=project.host, port=project.port, root=str(served))
