"""`invoke deploy`: publish, and only when that passed, ship the published site by rsync or to a GitHub Pages branch.

pelican-quickstart's two targets. The target comes from the publishing settings (publishconf.py, filled from the
environment): DEPLOY_RSYNC_TARGET, `host:path` or a local folder; or DEPLOY_GITHUB_REMOTE and DEPLOY_GITHUB_BRANCH.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from .errors import BuildError
from .project import Project
from .publish import atomic_build


def deploy(project: Project, to: str) -> str:
    """Publish, then ship the result to `to` (rsync or github); return what was done, or raise BuildError."""
    if to not in NEEDS:
        raise BuildError(f"deploy: found --to {to!r}; expected one of {', '.join(NEEDS)}")
    settings = project.settings(project.settings_publish)
    # Refuse a missing target before building: a publish that cannot ship is wasted work.
    target = _target(settings, to)
    settings, output, pages = atomic_build(project, project.settings_publish)
    site = output.resolve()
    if to == "rsync":
        _run(["rsync", "--recursive", "--links", "--times", "--checksum", "--delete", "--compress", f"{site}/", target],
             project.root, "rsync", "install Debian's rsync (sudo apt-get install rsync)")
        return f"deployed {pages} pages from {output.name}/ to {target} (rsync)"
    branch = settings.get("DEPLOY_GITHUB_BRANCH") or "gh-pages"
    # -n: a .nojekyll file, so GitHub Pages serves folders whose names start with an underscore; -f: the branch holds
    # this build alone; -p -r: push it to the remote.
    _run([sys.executable, "-m", "ghp_import", "-n", "-f", "-p", "-r", target, "-b", branch, "-m", f"Publish {settings['SITEURL']}",
          str(site)], project.root, "ghp-import", "run make build, which installs it")
    return f"deployed {pages} pages from {output.name}/ to branch {branch} of {target} (ghp-import)"


# What each target needs set, and how to say so when it is not.
NEEDS = {
    "rsync": ("DEPLOY_RSYNC_TARGET", "nothing to ship to: set DEPLOY_RSYNC_TARGET (host:path, or a folder)"),
    "github": ("DEPLOY_GITHUB_REMOTE", "nothing to push to: set DEPLOY_GITHUB_REMOTE (a remote name such as origin, or an address)"),
}


def _target(settings: dict[str, Any], to: str) -> str:
    """Return where a target ships to, refusing nothing set."""
    name, missing = NEEDS[to]
    value = str(settings.get(name) or "")
    if not value:
        raise BuildError(f"deploy: {missing} in the environment or publishconf.py")
    return value


def _run(command: list[str], cwd: Path, tool: str, install: str) -> None:
    """Run a shipping command; its failure is one line, and the published site stays as it is."""
    if shutil.which(command[0]) is None and not Path(command[0]).is_file():
        raise BuildError(f"deploy: {tool} not found: {install}; the site is published in output/ but not shipped")
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        reason = (result.stderr.strip() or result.stdout.strip() or f"exit code {result.returncode}").splitlines()[-1]
        raise BuildError(f"deploy: {tool} failed: {reason}; the site is published in output/ but not shipped")
