"""Site settings for local builds (`invoke build`, `invoke serve`)."""

from __future__ import annotations

AUTHOR = "Magnesium Guide editors"
SITENAME = "Magnesium Guide"
SITEURL = ""
SITE_DESCRIPTION = "Plain, sourced guides to magnesium during withdrawal and for anxiety, twitching, sleep and akathisia."

PATH = "content"
ARTICLE_PATHS = ["guides"]
PAGE_PATHS = ["pages"]
STATIC_PATHS: list[str] = []
THEME = "theme"
OUTPUT_PATH = "output"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"

# Guides are Markdown with YAML front matter only: other formats would bypass the checks.
READERS = {"rst": None, "html": None, "htm": None}

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["dosecheck", "disclaimer", "sitecheck", "guidepage", "sitemap", "refpage", "journal"]

# The dose checker compares every figure with PATH/data/reference.yaml (DOSECHECK_REFERENCE overrides it).

# Placed by the theme's base.html on every page, after its heading, and put at the start of every feed entry;
# the build fails if a written page does not show it.
MEDICAL_DISCLAIMER = (
    "This site gives general information, not medical advice. Magnesium can interact with medicines "
    "and is unsafe for some people, including those with kidney disease. Talk to a doctor or pharmacist "
    "before you start, stop or change any supplement or medication, and never change a benzodiazepine "
    "or other taper without your prescriber."
)
MEDICAL_DISCLAIMER_URL = "disclaimer/"
# Listing, tag, search and 404 pages show this one line after their heading, linking the full text;
# guides and pages always show the full notice.
MEDICAL_DISCLAIMER_SHORT = "General information, not medical advice."

# Where every page's "Report an error on this page" link writes, with the page's address filled in
# (CORRECTIONS_URL instead for a form or issue tracker). Publishing refuses an address that cannot receive.
CORRECTIONS_EMAIL = "corrections@magnesium-guide.example"

# The numbers in every page's get-help box (what each topic's box says is in PATH/data/help.yaml, HELP_FILE).
EMERGENCY_NUMBERS = [
    {"number": "999", "where": "UK"},
    {"number": "112", "where": "EU"},
    {"number": "911", "where": "US and Canada"},
]
CRISIS_LINES = [
    {"number": "116 123", "name": "Samaritans, UK and Ireland"},
    {"number": "988", "name": "Suicide & Crisis Lifeline, US"},
]

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"permalink": False},
        "markdown.extensions.smarty": {},
    },
    "output_format": "html5",
}

ARTICLE_URL = "{category}/{slug}/"
ARTICLE_SAVE_AS = "{category}/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "{slug}/"
CATEGORY_SAVE_AS = "{slug}/index.html"
TAG_URL = "tags/{slug}/"
TAG_SAVE_AS = "tags/{slug}/index.html"
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
CATEGORIES_URL = "categories/"
CATEGORIES_SAVE_AS = "categories/index.html"
TAGS_URL = "tags/"
TAGS_SAVE_AS = "tags/index.html"
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
# The search page (Pagefind's index is added after Pelican by tasks.py), the 404 page (404.html, the default name)
# and robots.txt (templates/robots.txt) are templates of their own.
DIRECT_TEMPLATES = ["index", "tags", "categories", "archives", "search", "404", "robots"]
TEMPLATE_EXTENSIONS = [".html", ".txt"]
# The dose reference page (plugins/refpage); named here too so `invoke check` knows its address, as the build does.
REFPAGE_URL = "reference/"
REFPAGE_SAVE_AS = "reference/index.html"
# The reader's private journal (plugins/journal) is written at journal/, with the service worker that keeps it offline
# beside it; JOURNAL_URL and JOURNAL_SAVE_AS move it (named here so `invoke check` knows the address is taken).
JOURNAL_URL = "journal/"
JOURNAL_SAVE_AS = "journal/index.html"
SEARCH_URL = "search/"
SEARCH_SAVE_AS = "search/index.html"
ROBOTS_SAVE_AS = "robots.txt"
# Every guide, page and listing; not the pages that are no place to land from a search engine.
SITEMAP = {"format": "xml", "exclude": [r"^404\.html$", r"^search/$", r"^robots\.txt$"]}
DEFAULT_PAGINATION = 20
# The home page shows a few guides per topic, so it is never split into pages.
PAGINATED_TEMPLATES = {"tag": None, "category": None}
# Glossary entries are listed last on the home page and left out of "newest" and "recently reviewed".
GLOSSARY_CATEGORY = "Glossary"
HOME_GUIDES_PER_TOPIC = 6
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# Feeds need absolute addresses (each entry's id and link, and the links in its content), and local builds have no
# site address (SITEURL is empty, links are relative), so a feed reader would get ids and links that lead nowhere.
# publishconf.py, with the public SITEURL, turns them on.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Local builds re-read only what changed.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = "cache"
DELETE_OUTPUT_DIRECTORY = False
RELATIVE_URLS = True

# Escape every front-matter string in templates; content HTML is marked |safe where it is printed.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

# No script runs but the site's own files; JSON-LD data blocks are data, not script, so they need no exception.
# No <base> may redirect links; forms may submit only to the site itself (its search box); writers' HTML holds no
# form, script, frame or object at all (plugins/dosecheck/raw_html.py).
# 'wasm-unsafe-eval' lets the search page compile Pagefind's WebAssembly (served from the site); it allows no JavaScript eval.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"
)

# A guide past its next review date: "warning" here, "error" in publishconf.py.
DOSECHECK_OVERDUE = "warning"
# A reference.yaml changed since its last recorded review (invoke reference-review): "warning" while writing.
DOSECHECK_UNREVIEWED = "warning"
# Whose upper limits the guides keep to (plugins/dosecheck/reference.py, Reference.for_authority).
DOSECHECK_AUTHORITY = "fnb"
