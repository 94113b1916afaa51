# CUS — two commands for a newcomer:
#   make demo   set up and serve the demo on http://127.0.0.1:8000
#   make test   run lint, migration check and the whole suite on a throwaway PostgreSQL

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
# WeasyPrint's system libraries (libharfbuzz-subset0 makes font subsetting 3x faster).
PDF_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
TEST_DEBS := $(PDF_DEBS) chromium postgresql
DEMO_ENV := DEBUG=1 CUS_ALLOW_INSECURE=1
# The suite runs with production-like settings (DEBUG off) and a throwaway key.
TEST_ENV := DEBUG=0 SECRET_KEY=test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz \
	CUS_ALLOW_INSECURE=1 ALLOWED_HOSTS=127.0.0.1,localhost,testserver

.PHONY: demo test venv lint serve messages clean

$(VENV)/.installed: requirements.txt
	@python=$$(bin/find-python) || exit 1; \
	if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then \
		rm -rf $(VENV); echo "Tworzę $(VENV) z $$python"; "$$python" -m venv $(VENV); fi
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

venv: $(VENV)/.installed

demo: venv .env
	@bin/ensure-debs $(PDF_DEBS)
	$(DEMO_ENV) $(PY) manage.py migrate --no-input
	$(DEMO_ENV) $(PY) manage.py seed_demo
	@echo "CUS działa na http://127.0.0.1:8000 (Ctrl+C kończy)."
	$(DEMO_ENV) $(PY) manage.py runserver 127.0.0.1:8000

test: venv
	@bin/ensure-debs $(TEST_DEBS)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	bin/with-postgres bash -c '\
		set -e; \
		$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run; \
		$(TEST_ENV) $(PY) -m pytest $(PYTEST_ARGS)'
	@echo "Ścieżka demo (migrate + seed_demo) na SQLite:"
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
		$(DEMO_ENV) SQLITE_PATH=$$tmp/demo.sqlite3 CUS_DATA_DIR=$$tmp $(PY) manage.py migrate --no-input -v 0 && \
		$(DEMO_ENV) SQLITE_PATH=$$tmp/demo.sqlite3 CUS_DATA_DIR=$$tmp $(PY) manage.py seed_demo >/dev/null && \
		echo "demo OK"

# Local settings for manage.py on a developer's machine (never used by the suite).
.env:
	printf '# Local demo settings (make demo); servers use real environment variables.\nDEBUG=1\nCUS_ALLOW_INSECURE=1\n' > $@

# Regenerate and compile the Polish message catalogue after changing strings.
messages: venv
	DEBUG=1 $(PY) manage.py makemessages -l pl --ignore=.venv --ignore=staticfiles --ignore=tests --no-obsolete
	DEBUG=1 $(PY) manage.py compilemessages -l pl --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
