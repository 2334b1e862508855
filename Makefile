# The two commands a new user runs: `make run` and `make test`. Only Python 3.11, pip and make needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_PEOPLE ?= 2000

.PHONY: run test bench serve clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	$(BIN)/netweave init
	$(BIN)/netweave demo --if-empty --people $(DEMO_PEOPLE)
	$(BIN)/netweave serve --host 127.0.0.1 --port 8000

test: $(VENV)/.installed-test
	$(BIN)/pytest $(PYTEST_ARGS)

bench: $(VENV)/.installed-run
	$(BIN)/python bench/run.py --people 30000

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
