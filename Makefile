# SES Guide. On a fresh machine with Python 3.11+, make and git:
#   make serve   set up .venv, build the bilingual site, serve it on http://127.0.0.1:8000/
#   make test    set up everything (Python pins, Chromium, hunspell, Java, npm test tools), run every test
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
export PYTHONDONTWRITEBYTECODE := 1

# Debian packages the tests and `make bench` (hyperfine times its builds) need (installed with apt-get when running as root); each is
# installed only if its command or file is missing (node/npm may come from elsewhere).
define need
$(if $(shell command -v $(1) 2>/dev/null),,$(2))
endef
APT_MISSING = $(strip $(call need,chromium,chromium) $(call need,hunspell,hunspell) \
	$(if $(wildcard /usr/share/hunspell/en_US.dic),,hunspell-en-us) \
	$(if $(wildcard /usr/share/hunspell/sv_SE.dic),,hunspell-sv) \
	$(call need,java,default-jre-headless) $(call need,npm,nodejs npm) \
	$(call need,hyperfine,hyperfine))

.PHONY: help setup sysdeps node serve serve-en serve-sv build test check translation-status \
	translation-stamp spell permalinks audit bench csp-hashes lock clean

help:
	@echo "make serve | make test | make build | make check | make serve-en | make serve-sv"
	@echo "make translation-status | make translation-stamp PAGE=<path> | make spell | make permalinks"
	@echo "make audit | make bench | make csp-hashes | make lock"

$(VENV)/.installed: requirements.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.txt
	$(PIP) install --quiet --disable-pip-version-check --no-deps --no-build-isolation --no-index -e .
	@touch $@

setup: $(VENV)/.installed

# System packages for the browser, spelling and HTML-validation tests.
sysdeps:
	@missing="$(APT_MISSING)"; if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian packages: $$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	else \
		echo "Missing system packages for the tests. Install them with:"; \
		echo "  sudo apt-get install $$missing"; exit 1; \
	fi

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

node: sysdeps node_modules/.installed

serve: build
	$(PY) -m sesguide serve --host 127.0.0.1 --port 8000

# One-language previews with live reload (fast: one language, one process).
serve-en: setup
	@echo "English preview: http://127.0.0.1:8000/"
	BUILD_ONLY_LOCALE=en $(PY) -m mkdocs serve --dirty -a 127.0.0.1:8000

serve-sv: setup
	@echo "Swedish preview (Swedish pages at the root of the preview): http://127.0.0.1:8000/"
	BUILD_ONLY_LOCALE=sv $(PY) -m mkdocs serve --dirty -a 127.0.0.1:8000

build: setup
	$(PY) -m sesguide build

# Source checks, then lint (ruff) and types (mypy) of the core, hooks and tools (configured in pyproject.toml).
# Every Python file (core, hooks, tools, tests) is kept in ruff's format and lint.
FORMATTED := .
check: setup
	$(PY) -m sesguide check
	$(VENV)/bin/ruff check --quiet
	$(VENV)/bin/ruff format --check --quiet $(FORMATTED)
	$(VENV)/bin/mypy

test: setup sysdeps node
	$(VENV)/bin/ruff check --quiet
	$(VENV)/bin/ruff format --check --quiet $(FORMATTED)
	$(VENV)/bin/mypy
	$(PY) -m pytest

translation-status: setup
	$(PY) -m sesguide status

translation-stamp: setup
	@test -n "$(PAGE)" || { echo "Usage: make translation-stamp PAGE=ecqs/leading-people.md"; exit 2; }
	$(PY) -m sesguide stamp $(PAGE)

spell: setup sysdeps build
	$(PY) -m sesguide spell

permalinks: setup
	$(PY) -m sesguide permalinks --write

csp-hashes: setup
	$(PY) -m tools.csp_hashes

# AUDIT_MODE: pip-audit (against PyPI's advisory data), osv (pip-audit against OSV's), or auto
# (PyPI when its per-release data is reachable from here, else OSV; see tools/audit.py).
AUDIT_MODE ?= auto
audit: setup
	@test -x $(VENV)-audit/bin/pip-audit || { $(PYTHON) -m venv $(VENV)-audit && \
		$(VENV)-audit/bin/pip install --quiet --require-hashes --no-deps -r requirements-audit.txt; }
	$(PY) -m tools.audit --pip-audit $(VENV)-audit/bin/pip-audit --mode $(AUDIT_MODE)

bench: setup sysdeps node
	$(PY) -m tools.bench

# Recompile the hash-pinned requirements after editing requirements*.in (needs network to PyPI).
# `make lock LOCK_FLAGS=--upgrade` also moves every indirect pin to its newest release.
LOCK_FLAGS ?=
lock:
	@test -x $(VENV)-tools/bin/pip-compile || { $(PYTHON) -m venv $(VENV)-tools && $(VENV)-tools/bin/pip install --quiet pip-tools==7.6.2; }
	$(VENV)-tools/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links $(LOCK_FLAGS) -o requirements.txt requirements.in
	$(VENV)-tools/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links $(LOCK_FLAGS) -o requirements-audit.txt requirements-audit.in

clean:
	rm -rf site .build-* test-artifacts .pytest_cache *.egg-info
