# Two commands for a new user: `make demo` and `make test`. Both create .venv when missing and
# reinstall only when pyproject.toml changed (the stamp file), so the second call is fast.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= crosscheck.duckdb
REPORT ?= crosscheck-report.html

.PHONY: demo test browser lint bench bench-smoke bench-real bench-dask bench-hosts clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/crosscheck run --db $(DB) --report $(REPORT)
	@echo ""
	@echo "warehouse: $(abspath $(DB))"
	@echo "report:    $(abspath $(REPORT))"
	@echo "try:       $(BIN)/crosscheck query --db $(DB) \"SELECT kind, count(*) FROM findings GROUP BY kind\""

# The suite runs on TEST_WORKERS processes (pytest-xdist), a whole test file to one worker
# (--dist loadfile), so a file's module fixtures (a pipeline run, a LocalCluster) are built
# once; `make test TEST_WORKERS=0` runs it in this one process.
TEST_WORKERS ?= 2

test: $(STAMP) browser
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

# The report's browser test drives Chromium through ChromeDriver (selenium comes with .[dev]).
# When either is missing they are installed from Debian with apt-get (as root, or with sudo);
# on other systems install a Chromium and its chromedriver yourself.
browser:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then \
	  echo "installing Chromium and ChromeDriver for the report's browser test (apt-get)"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

# --- benchmark (docs/benchmarks.md) -------------------------------------------------------------
# `make bench` generates the synthetic corpora (bench/out/corpus-N, reused when present), runs
# every size BENCH_REPEAT times in fresh processes and rewrites the table in docs/benchmarks.md,
# then scores the shared real pages and times the generated hostile pages (bench/out/hostile.json);
# at 10,000 pages it takes a long while on 2 cores. `make bench-smoke` runs ~100 pages and checks
# correctness only (recall/precision per finding kind, no look-alike flagged); never timing.
BENCH_PAGES ?= 1000 10000
BENCH_REPEAT ?= 3

bench: $(STAMP)
	$(BIN)/python -m bench.run --pages $(BENCH_PAGES) --repeat $(BENCH_REPEAT) --out bench/out/results.json
	$(BIN)/python -m bench.real_pages
	$(BIN)/python -m bench.hostile --json bench/out/hostile.json
	$(MAKE) bench-dask

bench-smoke: $(STAMP)
	$(BIN)/python -m bench.run --smoke

# Local vs Dask engine: both engines at BENCH_DASK_PAGES (the wall-time ratio), then the Dask
# client's peak RSS alone at BENCH_DASK_LARGE pages (the local engine is not run there), to show
# whether the client grows with the corpus (docs/benchmarks.md, "Dask engine"; figures copied
# there by hand). ~5 min at 10,000 pages, ~15-25 min more at 50,000 on this 2-core machine.
BENCH_DASK_PAGES ?= 10000
BENCH_DASK_LARGE ?= 50000
bench-dask: $(STAMP)
	$(BIN)/python bench/dask_bench.py --pages $(BENCH_DASK_PAGES)
	$(BIN)/python bench/dask_bench.py --pages $(BENCH_DASK_LARGE) --engines dask

# The Dask engine across several "hosts" (network namespaces on a bridge: scheduler, 2 workers,
# client), compared with the local engine; needs root and iproute2 (docs/scaling.md, "Several
# hosts"). Run by hand, not by `make test`. ~7 min at 2,000 pages on a busy 2-core machine.
BENCH_HOSTS_PAGES ?= 1000
bench-hosts: $(STAMP)
	$(BIN)/python bench/dask_hosts.py --pages $(BENCH_HOSTS_PAGES)

# Accuracy on the shared real third-party pages (../shared/real-pages), scored by the shared
# scorer; rewrites the "Real pages" table of docs/benchmarks.md. About 10 s.
bench-real: $(STAMP)
	$(BIN)/python -m bench.real_pages

clean:
	rm -rf $(VENV) $(DB) $(DB).wal $(DB).lock $(REPORT) crosscheck-report.md .crosscheck .pytest_cache
