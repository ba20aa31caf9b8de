# Two commands: `make run` starts the app, `make test` runs the linter, the type checker and the
# whole test suite.
# Each creates .venv with Python 3.11 and installs what it needs on first use.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test clean messages catalogue-report

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)

$(VENV)/.app: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.app

run: $(VENV)/.app
	$(BIN)/streamlit run serve.py

# The tests run in two layers, each test exactly once: the fast layer on every core (pytest-xdist,
# one test module per worker, so a module's shared renders are made once), then the browser, fault
# and slow tests one at a time (they start servers and time a browser, which parallel work on a
# 2-core machine makes flaky). Make stops at the first layer that fails.
FAST := not browser and not fault and not slow

test: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -n auto --dist loadscope -m "$(FAST)"
	$(BIN)/python -m pytest -m "not ($(FAST))"

# The string catalogue (docs/languages.md): pull every marked string into the template, merge it into
# each language's .po (new strings arrive empty, changed ones fuzzy), and regenerate the pseudo-locale.
LOCALES := workshop/i18n/locale
LANGS := de fr es ar

messages: $(VENV)/.dev
	$(BIN)/pybabel extract -F babel.cfg --add-comments=TRANSLATORS: -k n_:1,2 --sort-by-file --project "Scorecard Workshop" -o $(LOCALES)/messages.pot .
	for lang in $(LANGS); do $(BIN)/pybabel update -i $(LOCALES)/messages.pot -d $(LOCALES) -l $$lang --ignore-obsolete --no-wrap || exit 1; done
	$(BIN)/python -m workshop.i18n pseudo

# How complete each language is (compiles .mo files, which git ignores: the app compiles the .po itself).
catalogue-report: $(VENV)/.dev
	$(BIN)/pybabel compile -d $(LOCALES) --statistics

clean:
	rm -rf $(VENV)
