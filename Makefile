# One-word tasks. `make run` and `make test` are the README's two commands.
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test lint bench geo

$(VENV):
	python3 -m venv $(VENV)

run: $(VENV)
	$(VENV)/bin/pip install -q -r requirements.txt
	$(PY) -m streamlit run dashboard.py

test: $(VENV)
	$(VENV)/bin/pip install -q -r requirements-dev.txt
	$(PY) -m pytest

lint: $(VENV)
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

bench: $(VENV)
	$(PY) bench/bench_filters.py

geo: $(VENV)
	$(PY) geo/build_geo.py
