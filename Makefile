# actorgraph: `make demo` to try it, `make test` to check it.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= demo.db
SAMPLE := src/actorgraph/data/sample/sample.jsonl

.PHONY: install demo test lint registry clean

$(BIN)/actorgraph: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

install: $(BIN)/actorgraph ## create .venv and install actorgraph with its models

demo: install ## ingest the sample corpus and serve the web page on http://127.0.0.1:8000
	$(BIN)/actorgraph ingest $(SAMPLE) --db $(DB)
	$(BIN)/actorgraph serve --db $(DB) --host 127.0.0.1 --port 8000

test: install ## run the whole test suite
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest -q

registry: install ## rebuild the actor registry from ../shared/data/dictionaries/petrarch2
	$(BIN)/python -m actorgraph.registry.build

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
