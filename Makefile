# The two commands of README.md:
#   make example   set up, then build the example workspace's documents into output/
#   make test      set up (LibreOffice included), then run every test
# Both create .venv/ on first use; nothing else needs installing by hand.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SUDO   := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
APT_PACKAGES := libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-liberation2 \
                fonts-dejavu-core chromium
# Calc opens the facts workbook in the tests; its library tells whether it is installed
CALC := /usr/lib/libreoffice/program/libsclo.so

.PHONY: example test setup setup-test libreoffice lint checks templates example-data messages \
        broken-corpus bench clean

example: setup
	$(BIN)/grantgen build

# the code checks first (ruff, mypy, the layers contract), then the tests spread over the
# machine's cores (pytest-xdist)
test: setup-test libreoffice
	$(MAKE) --no-print-directory checks
	GRANTGEN_REQUIRE_LIBREOFFICE=1 GRANTGEN_REQUIRE_BROWSER=1 $(BIN)/python -m pytest -n auto

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

setup: $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable .

setup-test: $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable '.[test]'

# LibreOffice converts our documents in the tests, as the real client that opens them;
# chromium is the browser of the tests of the board's web page (grantgen serve)
libreoffice:
	@command -v soffice >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 && \
	  command -v chromium >/dev/null 2>&1 && \
	  { [ -e $(CALC) ] || ! command -v apt-get >/dev/null 2>&1; } || \
	  ( $(SUDO) apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(APT_PACKAGES) >/dev/null )

lint: setup-test checks

# ruff on all the code, mypy on grantgen/, and import-linter on the layers (pyproject.toml)
checks:
	$(BIN)/ruff check grantgen tests scripts benchmarks
	$(BIN)/mypy grantgen
	$(BIN)/lint-imports

# after changing scripts/make_templates.py or scripts/make_example.py
templates: setup
	$(BIN)/python scripts/make_templates.py

example-data: setup
	$(BIN)/python scripts/make_example.py
	$(BIN)/python scripts/make_attachments.py

# after adding or changing messages: extract every _() and N_() from grantgen/, update the
# Dutch catalogue (new messages arrive untranslated; translate them in the .po) and compile it
LOCALES := grantgen/locale
messages: setup
	@mkdir -p build
	$(BIN)/pybabel extract -F babel.cfg -k N_ --add-location=file --sort-output \
	  --no-wrap --project=grantgen -o build/grantgen.pot grantgen
	$(BIN)/pybabel update -D grantgen -i build/grantgen.pot -d $(LOCALES) -l nl \
	  --no-wrap --ignore-obsolete --ignore-pot-creation-date
	$(BIN)/pybabel compile -D grantgen -d $(LOCALES) -l nl --statistics

# the benchmark (README, 'Performance'): sizes S and M; `make bench SIZES="S M L"` for all
SIZES ?= S M
bench: setup
	$(BIN)/python benchmarks/bench.py $(SIZES)

# after changing scripts/make_broken.py: the broken-workspace corpus in tests/broken/
broken-corpus: setup-test
	$(BIN)/python scripts/make_broken.py

clean:
	rm -rf $(VENV) .pytest_cache output/*/ output/manifest.json
