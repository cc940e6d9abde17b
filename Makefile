# Bootstrap only: create .venv from the pinned requirements, then hand over to invoke (tasks.py).
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.requirements-installed
NODE_STAMP := node_modules/.installed
ROOT_APT = [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null

.PHONY: build test check serve publish deploy clean bench audit chromium-check java-check rsync-check

$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	@test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); \
	  else echo "python3 -m venv failed: install Debian's python3-venv (sudo apt-get install python3-venv)"; exit 1; fi; }
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $(STAMP)

# The HTML checker and Lighthouse, pinned in package-lock.json. No install scripts: vnu-jar's would download
# a Java runtime from GitHub; java-check installs Debian's instead.
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { if $(ROOT_APT); then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; \
	  else echo "npm is missing: install Node.js 20 or newer with npm (sudo apt-get install nodejs npm)"; exit 1; fi; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $(NODE_STAMP)

# System packages are checked on every run rather than stamped: they can be removed after a stamp is written.
chromium-check:
	@if [ -n "$$CHROMIUM_PATH" ]; then \
	  test -x "$$CHROMIUM_PATH" || { echo "CHROMIUM_PATH=$$CHROMIUM_PATH is not an executable: point it at Chromium or unset it"; exit 1; }; \
	elif ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null; then \
	  if $(ROOT_APT); then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "Chromium is missing: install Debian's chromium (sudo apt-get install chromium) or set CHROMIUM_PATH"; exit 1; fi; \
	fi

java-check:
	@command -v java >/dev/null || { if $(ROOT_APT); then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless; \
	  else echo "Java is missing: install Debian's default-jre-headless (sudo apt-get install default-jre-headless)"; exit 1; fi; }

# `invoke deploy --to rsync` ships with it; the deploy tests ship to a local folder.
rsync-check:
	@command -v rsync >/dev/null || { if $(ROOT_APT); then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rsync; \
	  else echo "rsync is missing: install Debian's rsync (sudo apt-get install rsync)"; exit 1; fi; }

build: $(STAMP)
	$(VENV)/bin/invoke build

test: $(STAMP) $(NODE_STAMP) chromium-check java-check rsync-check
	$(VENV)/bin/invoke test

audit: $(STAMP) $(NODE_STAMP) chromium-check
	$(VENV)/bin/invoke audit

check: $(STAMP)
	$(VENV)/bin/invoke check

serve: $(STAMP)
	$(VENV)/bin/invoke serve

publish: $(STAMP)
	$(VENV)/bin/invoke publish

deploy: $(STAMP) rsync-check
	$(VENV)/bin/invoke deploy

clean:
	@test -x $(VENV)/bin/invoke && $(VENV)/bin/invoke clean || rm -rf output cache
