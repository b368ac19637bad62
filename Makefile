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

.PHONY: run test test-fast slow-tests check lint typecheck demo bench bench-cli bench-scale bench-feel clean setup setup-dev lock bytecode

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Installs only what the lock files name, each file checked against its pinned sha256 (the requirements*.txt
# files are the human-edited inputs; `make lock` turns them into requirements*.lock).
# `python -m etl` works from any folder through a path entry naming the project folder, which costs nothing when a
# process starts (an editable install's import finder took ~25 ms of every start: the command's, its zygote's, each test's).
$(STAMP): requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -c "import pathlib, sysconfig; pathlib.Path(sysconfig.get_paths()['purelib'], 'gepm.pth').write_text(str(pathlib.Path.cwd()) + '\\n')"
	touch $@

$(DEVSTAMP): requirements-dev.lock $(STAMP)
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

setup: $(STAMP)
setup-dev: $(DEVSTAMP)

# The project's modules compiled ahead (their __pycache__, up to date in well under a second). An environment
# that does not write bytecode (PYTHONDONTWRITEBYTECODE=1) otherwise compiles each module again in every process:
# ~0.1 s of a command's start and as much of its parse zygote's, tens of CPU-seconds over the tests.
SOURCES := app.py pages ui etl cli warehouse documents demo queries plan i18n access testkit tests bench
bytecode: $(STAMP)
	$(BIN)/python -m compileall -q -j 0 $(SOURCES)

$(DB): | $(STAMP) bytecode
	$(BIN)/python -m etl demo --db $(DB)

demo: $(STAMP) bytecode
	$(BIN)/python -m etl demo --db $(DB)

run: $(STAMP) bytecode $(DB)
	$(BIN)/python -m etl upgrade --db $(DB)
	GEPM_DEMO=$${GEPM_DEMO-1} GEPM_DB=$(DB) $(BIN)/streamlit run app.py --server.address $(ADDRESS) --server.port $(PORT) --server.headless true --browser.gatherUsageStats false

test: $(DEVSTAMP) bytecode
	$(BIN)/python -m pytest -n 2 -q

# The inner loop: no browser, Spark, LibreOffice, nor tests marked slow (soak, multi-core, city-sized runs, and those
# listed in tests/slow_tests.txt: 0.8 s or more each here), and each Hypothesis property with a fifth of its examples
# (the 'fast' profile in tests/conftest.py; `make test` runs them all). `make slow-tests` measures the list again.
test-fast: $(DEVSTAMP) bytecode
	$(BIN)/python -m pytest -n 2 -q -m "not browser and not spark and not libreoffice and not slow" --hypothesis-profile=fast

slow-tests: $(DEVSTAMP) bytecode
	$(BIN)/python -m testkit.slow_tests

lint: $(DEVSTAMP)
	$(BIN)/ruff check .

typecheck: $(DEVSTAMP)
	$(BIN)/mypy .

check: lint typecheck test

bench: $(DEVSTAMP) bytecode $(DB)
	$(BIN)/python -m bench.load_bench --doc docs/performance.md
	$(BIN)/python -m bench.pages_bench --db $(DB) --doc docs/performance.md
	$(BIN)/python -m bench.guard_bench --doc docs/performance.md

bench-cli: $(DEVSTAMP) bytecode
	$(BIN)/python -m bench.load_bench --cli --sizes demo,1000 --repeat 3 --doc docs/performance.md

bench-scale: $(DEVSTAMP) bytecode
	$(BIN)/python -m bench.scale_bench --sizes district,city,national --repeat 3 --browser --doc docs/performance.md

# First chart, a filter change and a page switch in Chromium, beside one-chart baselines (district demo).
bench-feel: $(DEVSTAMP) bytecode
	$(BIN)/python -m bench.feel_bench --repeat 5 --doc docs/performance.md

# Refresh the lock files after editing requirements*.txt: pip-tools, in a venv of its own, pins every transitive
# dependency with the sha256 of each of its files. Review the diff before committing it.
LOCKVENV   := .venv-lock
LOCK_FLAGS := --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links --no-emit-trusted-host
lock:
	[ -x $(LOCKVENV)/bin/pip-compile ] || { $(PY) -m venv $(LOCKVENV) && $(LOCKVENV)/bin/pip install --quiet pip-tools; }
	$(LOCKVENV)/bin/pip-compile --quiet $(LOCK_FLAGS) --output-file requirements.lock requirements.txt
	cp requirements.lock requirements-dev.lock  # start from the runtime pins so both files agree on them
	$(LOCKVENV)/bin/pip-compile --quiet $(LOCK_FLAGS) --output-file requirements-dev.lock requirements-dev.txt

clean:
	rm -rf $(VENV) $(LOCKVENV) .pytest_cache .mypy_cache .ruff_cache
