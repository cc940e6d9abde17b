"""`invoke audit`: Lighthouse on the built site, served as a static host would; the browser tests share its helpers."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

from .errors import BuildError
from .project import Project

CHROMIUM_MISSING = "Chromium not found: install Debian's chromium (sudo apt-get install chromium) or set CHROMIUM_PATH"
# Sandboxing needs user namespaces a container or root lacks; the rest stop Chromium calling Google hosts.
CHROMIUM_FLAGS = ("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--no-first-run", "--disable-sync")
AUDIT_GUIDE = "content/guides/magnesium-akathisia.md"


def find_chromium() -> str | None:
    """Return the Chromium to drive: CHROMIUM_PATH if set, else chromium or chromium-browser on PATH."""
    if os.environ.get("CHROMIUM_PATH"):
        return os.environ["CHROMIUM_PATH"]
    return shutil.which("chromium") or shutil.which("chromium-browser")


def serve_static(folder: Path) -> tuple[Any, str]:
    """Serve a built site on a free localhost port from a thread, as a static host would; return the server and its origin."""
    import functools
    import http.server
    import threading

    class Handler(http.server.SimpleHTTPRequestHandler):
        """Files, a folder's index.html, and 404.html with status 404 for anything missing."""

        extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                          ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm",
                          ".svg": "image/svg+xml", ".json": "application/json"}

        def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
            """Answer a missing path with the site's own 404 page, when it has one."""
            page = Path(self.directory) / "404.html"
            if code != 404 or not page.is_file():
                super().send_error(code, message, explain)
                return
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
            """Keep quiet: every request would otherwise print a line."""

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def page_path(output: Path, title: str) -> str | None:
    """Return the address (from the site root) of the built page whose first <h1> is `title`."""
    from html import unescape

    for file in sorted(output.rglob("index.html")):
        heading = re.search(r"<h1\b[^>]*>(.*?)</h1>", file.read_text(encoding="utf-8"), re.DOTALL)
        if heading and " ".join(unescape(re.sub(r"<[^>]+>", "", heading.group(1))).split()) == title:
            folder = file.parent.relative_to(output).as_posix()
            return "/" if folder == "." else f"/{folder}/"
    return None


def guide_title(root: Path, source: str) -> str:
    """Read a guide's title from its front matter."""
    from dosecheck.document import read_document
    from dosecheck.guide_schema import validate_front

    guide, _parts, _findings = validate_front(read_document(root / source, source, "guide"))
    if guide is None:
        raise BuildError(f"{source} does not read as a guide; run invoke check")
    return guide.title


def _lighthouse(lighthouse: Path, chromium: str, url: str, preset: str) -> dict[str, Any] | str:
    """Run Lighthouse once; return its JSON report, or why it failed."""
    import json
    import subprocess

    flags = " ".join(("--headless=new", *CHROMIUM_FLAGS))
    command = [str(lighthouse), url, "--output=json", "--quiet", f"--chrome-flags={flags}"]
    if preset == "desktop":
        command.append("--preset=desktop")  # mobile is Lighthouse's default
    result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": chromium}, timeout=300)
    if result.returncode != 0:
        return (result.stderr.strip().splitlines() or [f"exit code {result.returncode}"])[-1]
    report: dict[str, Any] = json.loads(result.stdout)
    if report.get("runtimeError"):
        return f"{report['runtimeError'].get('code')}: {report['runtimeError'].get('message')}"
    return report


def audit(project: Project, guide: str = AUDIT_GUIDE) -> str:
    """Run Lighthouse, mobile and desktop, on the home page, a guide, the reference page, a search and the journal; return the table."""
    output = project.output.resolve()
    lighthouse = project.root / "node_modules" / ".bin" / "lighthouse"
    chromium = find_chromium()
    if not (output / "index.html").is_file():
        raise BuildError("audit: no built site in output/; run invoke build first")
    if not lighthouse.exists():
        raise BuildError("audit: Lighthouse is not installed; run npm ci --ignore-scripts (make audit does)")
    if chromium is None:
        raise BuildError(f"audit: {CHROMIUM_MISSING}")
    guide_path = page_path(output, guide_title(project.root, guide))
    if guide_path is None:
        raise BuildError(f"audit: {guide} is not in output/; run invoke build first")
    server, origin = serve_static(output)
    rows, failures = [], []
    try:
        pages = (("home", "/"), ("guide", guide_path), ("reference", "/reference/"), ("search", "/search/?q=sleep"), ("journal", "/journal/"))
        for name, path in pages:
            for preset in ("mobile", "desktop"):
                report = _lighthouse(lighthouse, chromium, origin + path, preset)
                if isinstance(report, str):
                    failures.append(f"{path} ({preset}): {report}")
                    rows.append(f"| {name} `{path}` | {preset} | failed | | | | | |")
                    continue
                scores = [report["categories"][k]["score"] for k in ("performance", "accessibility", "best-practices", "seo")]
                audits = report["audits"]
                requests = len(audits["network-requests"]["details"]["items"])
                rows.append(f"| {name} `{path}` | {preset} | " + " | ".join("n/a" if s is None else str(round(s * 100)) for s in scores)
                            + f" | {round(audits['total-byte-weight']['numericValue']):,} | {requests} |")
    finally:
        server.shutdown()
    table = ["| page | preset | Performance | Accessibility | Best Practices | SEO | total bytes | requests |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |", *rows]
    if failures:
        print("\n".join(table))
        raise BuildError("audit: Lighthouse failed on " + "; ".join(failures))
    return "\n".join(table)
