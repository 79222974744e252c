# Two commands set everything up: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test lint check report new rename serve clean bench bench-matcher

# The virtual environment, with the pinned dependencies and the pipeline installed.
$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

## make site: install, validate the content, build the site into site/
site: $(STAMP)
	$(BIN)/glossary check
	$(BIN)/mkdocs build --strict
	@echo "Built the site into site/. Open site/index.html, or run 'make serve' for a live preview."

## make test: every test, browser tests included (they need Debian's chromium)
test: $(STAMP)
	$(BIN)/python -m pytest

## make lint: ruff (lint and format) over the pipeline, the tests and the tools; mypy, strict, on the package
## (the package's imports and sizes are checked by tests/test_structure.py)
lint: $(STAMP)
	$(BIN)/ruff check scripts tests tools
	$(BIN)/ruff format --check scripts tests tools
	$(BIN)/mypy

## make check: validate the content only, without building (fast)
check: $(STAMP)
	$(BIN)/glossary check

## make report: the content report (entries, words, references, reading level, coverage, review)
report: $(STAMP)
	$(BIN)/glossary report

## make new TITLE="Projective identification": start an entry from the template
new: $(STAMP)
	@test -n "$(TITLE)" || { echo 'Usage: make new TITLE="Projective identification"'; exit 2; }
	$(BIN)/glossary new "$(TITLE)"

## make rename OLD=working-alliance NEW=therapeutic-alliance: new slug; old address and every link kept working
rename: $(STAMP)
	@test -n "$(OLD)" -a -n "$(NEW)" || { echo 'Usage: make rename OLD=old-slug NEW=new-slug'; exit 2; }
	$(BIN)/glossary rename "$(OLD)" "$(NEW)"

## make serve: live preview on http://127.0.0.1:8000/ that rebuilds when an entry changes
serve: $(STAMP)
	$(BIN)/mkdocs serve --dirty

clean:
	rm -rf site .pytest_cache

## make bench: time the pipeline and the build at 100, 1,000 and 5,000 entries (a few minutes);
## writes bench-results/bench.json and the docs/benchmarks.md page. BENCH_ARGS=--quick for 100 only.
bench: $(STAMP)
	$(BIN)/python tools/bench.py --docs docs/benchmarks.md $(BENCH_ARGS)

## make bench-matcher: time the term matcher alone, 1,000 and 5,000 terms over as many pages
bench-matcher: $(STAMP)
	$(BIN)/python tools/bench.py --matcher
