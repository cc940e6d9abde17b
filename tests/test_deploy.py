"""`invoke deploy`: publish, then ship by rsync or to a GitHub Pages branch; nothing ships unless the publish passed."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from support import BAD

from conftest import INVOKE


def deploy(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run `invoke deploy` in the project with deploy settings in the environment."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DEPLOY_"))}
    return subprocess.run([str(INVOKE), "deploy", *args], cwd=project, capture_output=True, text=True,
                          env={**environment, **env}, timeout=300)


def git(folder: Path, *args: str) -> str:
    """Run git in a folder and return what it printed."""
    result = subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@magnesium-guide.org", *args], cwd=folder,
                            capture_output=True, text=True, check=True)
    return result.stdout


def test_rsync_ships_the_published_site_to_a_folder(project: Path, tmp_path_factory) -> None:
    target = tmp_path_factory.mktemp("www")
    (target / "stale.html").write_text("old", encoding="utf-8")
    result = deploy(project, "--to", "rsync", DEPLOY_RSYNC_TARGET=str(target))
    assert result.returncode == 0, result.stderr
    pages = sum(1 for _ in (project / "output").resolve().rglob("*.html"))
    assert result.stdout.splitlines()[-1] == f"deployed {pages} pages from output/ to {target} (rsync)"
    shipped = {p.relative_to(target) for p in target.rglob("*") if p.is_file()}
    built = {p.relative_to((project / "output").resolve()) for p in (project / "output").resolve().rglob("*") if p.is_file()}
    assert shipped == built  # every file, and the stale one removed
    assert "https://magnesium-guide.example/" in (target / "index.html").read_text(encoding="utf-8")  # the published build


def test_github_pages_gets_the_published_site_on_its_branch(project: Path, tmp_path_factory) -> None:
    remote = tmp_path_factory.mktemp("remote") / "site.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    git(project, "init", "--quiet")
    git(project, "add", "-A")
    git(project, "commit", "--quiet", "-m", "the project")
    result = deploy(project, "--to", "github", DEPLOY_GITHUB_REMOTE=str(remote))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].endswith(f"to branch gh-pages of {remote} (ghp-import)")
    files = git(remote, "ls-tree", "-r", "--name-only", "gh-pages").splitlines()
    assert {"index.html", ".nojekyll", "search/index.html", "reference/index.html"} <= set(files)
    assert git(remote, "log", "--format=%s", "gh-pages").splitlines() == ["Publish https://magnesium-guide.example"]


def test_nothing_ships_when_the_publish_fails(project: Path, tmp_path_factory) -> None:
    target = tmp_path_factory.mktemp("www")
    (project / "content" / "guides" / "bad.md").write_text(BAD, encoding="utf-8")
    result = deploy(project, "--to", "rsync", DEPLOY_RSYNC_TARGET=str(target))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1].startswith("build failed: ")
    assert list(target.iterdir()) == []


def test_a_deploy_without_a_target_says_what_to_set_before_building(project: Path) -> None:
    for args, message in ((("--to", "rsync"), "deploy: nothing to ship to: set DEPLOY_RSYNC_TARGET (host:path, or a folder) in"
                           " the environment or publishconf.py"),
                          (("--to", "github"), "deploy: nothing to push to: set DEPLOY_GITHUB_REMOTE (a remote name such as"
                           " origin, or an address) in the environment or publishconf.py"),
                          (("--to", "ftp"), "deploy: found --to 'ftp'; expected one of rsync, github")):
        result = deploy(project, *args)
        assert (result.returncode, result.stderr.strip()) == (1, message)
    assert not (project / "output").exists()
