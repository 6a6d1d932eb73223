# The two commands of README.md:
#   make example   set up, then build the example workspace's documents into output/
#   make test      set up (LibreOffice included), then run every test
# Both create .venv/ on first use; nothing else needs installing by hand.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SUDO   := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
APT_PACKAGES := libreoffice-writer-nogui poppler-utils fonts-liberation2 fonts-dejavu-core

.PHONY: example test setup setup-test libreoffice lint templates example-data broken-corpus clean

example: setup
	$(BIN)/grantgen build

test: setup-test libreoffice
	GRANTGEN_REQUIRE_LIBREOFFICE=1 $(BIN)/python -m pytest

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

setup: $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable .

setup-test: $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable '.[test]'

# LibreOffice converts our documents in the tests, as the real client that opens them
libreoffice:
	@command -v soffice >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 || \
	  ( $(SUDO) apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(APT_PACKAGES) >/dev/null )

lint: setup-test
	$(BIN)/ruff check grantgen tests scripts

# after changing scripts/make_templates.py or scripts/make_example.py
templates: setup
	$(BIN)/python scripts/make_templates.py

example-data: setup
	$(BIN)/python scripts/make_example.py

# after changing scripts/make_broken.py: the broken-workspace corpus in tests/broken/
broken-corpus: setup-test
	$(BIN)/python scripts/make_broken.py

clean:
	rm -rf $(VENV) .pytest_cache output/*/ output/manifest.json
