# Gender-Equality Plan Monitor — one entry point for people and CI.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
DEVSTAMP:= $(VENV)/.installed-dev
DB      ?= data/warehouse.duckdb
PORT    ?= 8501
# Listen on this machine only; serve others through a reverse proxy (README, "Deployment").
ADDRESS ?= 127.0.0.1

.PHONY: run test check lint typecheck demo bench bench-scale clean setup setup-dev

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .  # so `python -m etl` works from any folder
	touch $@

$(DEVSTAMP): requirements.txt requirements-dev.txt $(STAMP)
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(STAMP)
setup-dev: $(DEVSTAMP)

$(DB): | $(STAMP)
	$(BIN)/python -m etl demo --db $(DB)

demo: $(STAMP)
	$(BIN)/python -m etl demo --db $(DB)

run: $(STAMP) $(DB)
	$(BIN)/python -m etl upgrade --db $(DB)
	GEPM_DEMO=$${GEPM_DEMO-1} GEPM_DB=$(DB) $(BIN)/streamlit run app.py --server.address $(ADDRESS) --server.port $(PORT) --server.headless true --browser.gatherUsageStats false

test: $(DEVSTAMP)
	$(BIN)/python -m pytest -n 2 -q

lint: $(DEVSTAMP)
	$(BIN)/ruff check .

typecheck: $(DEVSTAMP)
	$(BIN)/mypy .

check: lint typecheck test

bench: $(DEVSTAMP) $(DB)
	$(BIN)/python -m bench.load_bench --doc docs/performance.md
	$(BIN)/python -m bench.pages_bench --db $(DB) --doc docs/performance.md
	$(BIN)/python -m bench.guard_bench --doc docs/performance.md

bench-scale: $(DEVSTAMP)
	$(BIN)/python -m bench.scale_bench --sizes district,city,national --repeat 3 --browser --doc docs/performance.md

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
