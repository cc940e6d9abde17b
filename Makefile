# Bootstrap only: create .venv from the pinned requirements, then hand over to invoke (tasks.py).
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.requirements-installed

.PHONY: build test check serve publish clean bench

$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	@test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); \
	  else echo "python3 -m venv failed: install Debian's python3-venv (sudo apt-get install python3-venv)"; exit 1; fi; }
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $(STAMP)

build: $(STAMP)
	$(VENV)/bin/invoke build

test: $(STAMP)
	$(VENV)/bin/invoke test

check: $(STAMP)
	$(VENV)/bin/invoke check

serve: $(STAMP)
	$(VENV)/bin/invoke serve

publish: $(STAMP)
	$(VENV)/bin/invoke publish

clean:
	@test -x $(VENV)/bin/invoke && $(VENV)/bin/invoke clean || rm -rf output cache
