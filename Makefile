# TTĐN — the two set-up commands are `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PDF_PORT ?= 2003

.PHONY: run test test-fast lint bench install clean

# Development mode is asked for here: without it the settings want a secret key and
# collected static files, as on a server (docs/deployment.md).
run lint test test-fast bench: export TTDN_DEBUG = true
# Under `make run` e-mail is written to files in data/mail/ (TTDN_MAIL_DIR), not sent.
run: export TTDN_EMAIL_BACKEND ?= django.core.mail.backends.filebased.EmailBackend

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PIP) install -q -e '.[test,bench]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/ttdn migrate --no-input
	$(VENV)/bin/ttdn demo --if-empty
	# The import worker and the PDF converter run beside the web server and stop with it.
	$(VENV)/bin/ttdn worker & worker=$$!; \
	$(VENV)/bin/ttdn pdfserver --bind 127.0.0.1:$(PDF_PORT) & pdf=$$!; \
	trap "kill $$worker $$pdf 2>/dev/null" EXIT INT TERM; \
	TTDN_PDF_SERVER=127.0.0.1:$(PDF_PORT) $(VENV)/bin/ttdn runserver $(HOST):$(PORT)

lint: $(STAMP)
	$(VENV)/bin/ruff check ttdn tests
	$(VENV)/bin/ruff format --check ttdn tests
	$(VENV)/bin/mypy
	$(PY) manage.py makemigrations --check --dry-run

test: lint
	$(VENV)/bin/pytest

test-fast: $(STAMP)
	$(VENV)/bin/pytest -x -m "not browser"

bench: $(STAMP)
	$(PY) -m bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
