# actorgraph: `make demo` to try it, `make test` to check it.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= demo.db
SAMPLE := src/actorgraph/data/sample/sample.jsonl

.PHONY: install demo test registry verbs clean web browser-deps ray train-attribution train-relations train-events train-topic

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

verbs: install ## rebuild the verb lexicon (src/actorgraph/data/verbs.json.gz) from ../shared/data/dictionaries/petrarch2/CAMEO.2.0.txt
	$(BIN)/python scripts/build_verbs.py

web: ## rebuild the network view's bundle (sigma.js + graphology) into src/actorgraph/web/static/
	cd src/actorgraph/web/frontend && npm ci --no-audit --no-fund && npm run build

browser-deps: install ## Chromium (Debian) and Playwright for the browser tests in tests/browser/ (needs root)
	command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)
	$(BIN)/pip install --quiet playwright==1.65.2

ray: install ## Ray for `actorgraph ingest --engine ray` and its tests
	$(BIN)/pip install --quiet -e '.[dev,ray]'

train-attribution: install ## retrain src/actorgraph/data/models/attribution on ../shared/data/polnear train (PyTorch; ~1.5 min on one GPU, ~25 min on 2 cores)
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/python scripts/train_attribution.py

train-relations: install ## retrain src/actorgraph/data/models/relations on ../shared/data/re3d (5-fold CV + final fit, ~3 min, 2 cores)
	$(BIN)/python scripts/train_relations.py

train-topic: install ## retrain the sports-report filter src/actorgraph/data/models/topic (BBC, PolNeAR train, PLOVER synthetic; ~30 s)
	$(BIN)/python scripts/train_topic.py

train-events: install ## retrain the PLOVER event typer (needs ../shared/data; not part of install/test)
	$(BIN)/pip install --quiet scikit-learn==1.9.1
	$(BIN)/python scripts/train_events.py --cv

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
