# Two commands for a new user: `make demo` and `make test`. Both create .venv when missing and
# reinstall only when pyproject.toml changed (the stamp file), so the second call is fast.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= crosscheck.duckdb
REPORT ?= crosscheck-report.html

.PHONY: demo test lint bench bench-smoke clean

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

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) $(DB) $(DB).wal $(REPORT) .crosscheck .pytest_cache
