"""Settings for publishing: the local settings plus the public address and a clean cache."""

from __future__ import annotations

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "https://magnesium-guide.example")
# The corrections address readers write to: the local one is a placeholder, so publishing needs a real one.
CORRECTIONS_EMAIL = os.environ.get("CORRECTIONS_EMAIL", CORRECTIONS_EMAIL)  # noqa: F405
CORRECTIONS_URL = os.environ.get("CORRECTIONS_URL")
# A corrections address at a reserved domain (.example, .test) fails a publish (a warning in local builds).
CORRECTIONS_REQUIRED = "error"
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
# A published build starts from nothing cached.
LOAD_CONTENT_CACHE = False

# A guide past its next review date is an error when publishing (a warning in local builds).
DOSECHECK_OVERDUE = "error"
# A reference.yaml changed since its last recorded review (invoke reference-review): "error" when publishing.
DOSECHECK_UNREVIEWED = "error"

# Where `invoke deploy` ships the published site (pelican-quickstart's two targets), from the environment:
# --to rsync: DEPLOY_RSYNC_TARGET, `user@host:/srv/www/` or a local folder.
# --to github: DEPLOY_GITHUB_REMOTE (a remote name or address) and DEPLOY_GITHUB_BRANCH (gh-pages unless set).
DEPLOY_RSYNC_TARGET = os.environ.get("DEPLOY_RSYNC_TARGET", "")
DEPLOY_GITHUB_REMOTE = os.environ.get("DEPLOY_GITHUB_REMOTE", "")
DEPLOY_GITHUB_BRANCH = os.environ.get("DEPLOY_GITHUB_BRANCH", "gh-pages")
