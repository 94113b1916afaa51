# CUS — two commands for a newcomer:
#   make demo   set up and serve the demo on http://127.0.0.1:8000 (make demo PORT=8001)
#   make test   lint, migration check, the whole suite on a throwaway PostgreSQL, and the
#               newcomer's path: a clone of HEAD running the real `make demo`, walked
#               by every demo account (tests/newcomer). PYTEST_ARGS="--reuse-db …"
#               keeps the server under var/test-pg, and pytest's test database in it.

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
# WeasyPrint's system libraries (libharfbuzz-subset0 makes font subsetting 3x faster).
PDF_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
DEMO_DEBS := $(PDF_DEBS) postgresql
TEST_DEBS := $(DEMO_DEBS) chromium
PORT ?= 8000
# The suite runs with production-like settings (DEBUG off) and a throwaway key.
TEST_ENV := DEBUG=0 SECRET_KEY=test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz \
	CUS_ALLOW_INSECURE=1 ALLOWED_HOSTS=127.0.0.1,localhost,testserver

.PHONY: demo test venv messages clean

$(VENV)/.installed: requirements.txt
	@python=$$(bin/find-python) || exit 1; \
	if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then \
		rm -rf $(VENV); echo "Tworzę $(VENV) z $$python"; "$$python" -m venv $(VENV); fi
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

venv: $(VENV)/.installed

# The demo's own PostgreSQL under var/pg, DEBUG off, gunicorn; see bin/demo.
demo: venv
	@bin/ensure-debs $(DEMO_DEBS)
	@PORT=$(PORT) bin/demo

test: venv
	@bin/ensure-debs $(TEST_DEBS)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check --tabwidth 2 templates
	bin/with-postgres $(if $(findstring --reuse-db,$(PYTEST_ARGS)),--keep var/test-pg) bash -c '\
		set -e; \
		$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run; \
		$(TEST_ENV) $(PY) -m pytest $(PYTEST_ARGS)'

# Regenerate and compile the Polish message catalogue after changing strings.
messages: venv
	DEBUG=1 DATABASE_URL=postgres://unused/cus $(PY) manage.py makemessages -l pl --ignore=.venv --ignore=staticfiles --ignore=tests --no-obsolete
	DEBUG=1 DATABASE_URL=postgres://unused/cus $(PY) manage.py compilemessages -l pl --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
