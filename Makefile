# TTĐN — the two set-up commands are `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-fast lint bench install clean

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
	# The import worker runs beside the web server and stops with it.
	$(VENV)/bin/ttdn worker & worker=$$!; trap "kill $$worker" EXIT INT TERM; \
	$(VENV)/bin/ttdn runserver $(HOST):$(PORT)

lint: $(STAMP)
	$(VENV)/bin/ruff check ttdn tests
	$(VENV)/bin/ruff format --check ttdn tests
	$(PY) manage.py makemigrations --check --dry-run

test: lint
	$(VENV)/bin/pytest

test-fast: $(STAMP)
	$(VENV)/bin/pytest -x -m "not browser"

bench: $(STAMP)
	$(PY) -m bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
