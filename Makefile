# newsgraph: `make demo` and `make test` work on a fresh machine with Python 3.11 and nothing else.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO := demo
SRC := src tests benchmarks fuzz

.PHONY: venv demo test lint format clean browser fuzz

# The environment comes from the hash-pinned lock file only; the project itself is installed
# without dependencies so nothing outside the lock can slip in.
$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

venv: $(STAMP)

demo: venv
	rm -rf $(DEMO) && mkdir -p $(DEMO)
	$(BIN)/newsgraph ingest examples --store $(DEMO)/newsgraph.db
	$(BIN)/newsgraph report --store $(DEMO)/newsgraph.db --output $(DEMO)/dossier.html
	$(BIN)/newsgraph export --store $(DEMO)/newsgraph.db $(DEMO)/export
	$(BIN)/newsgraph stats --store $(DEMO)/newsgraph.db
	@echo
	@echo "Demo done. Open the dossier: $(CURDIR)/$(DEMO)/dossier.html"
	@echo "Store: $(CURDIR)/$(DEMO)/newsgraph.db   Export: $(CURDIR)/$(DEMO)/export/"

lint: venv
	$(BIN)/ruff check $(SRC)
	$(BIN)/ruff format --check $(SRC)
	$(BIN)/mypy

format: venv
	$(BIN)/ruff check --fix $(SRC)
	$(BIN)/ruff format $(SRC)

# The browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
browser:
	@command -v chromium >/dev/null 2>&1 || { echo "installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; }

# The suite runs on every core (pytest-xdist): one worker process per core, each loading spaCy
# once; TEST_WORKERS=0 runs it in one process. `--dist load` hands out tests by their index:
# with pytest 9 the group and file schedulers key tests by node id, and schemathesis gives its
# thirteen API cases one node id, so those schedulers would run one case of the thirteen.
TEST_WORKERS ?= $(shell nproc 2>/dev/null || echo 2)

test: lint browser
	$(BIN)/pytest -n $(TEST_WORKERS) --dist load

# The long fuzz run (fuzz/campaign.py): >= 100,000 cases over the readers, cleaners, extractors
# and web parameters on 2 cores, cut at 7,000 s so its summary always prints; exit 1 on a finding.
fuzz: venv
	$(BIN)/python -m fuzz.campaign --cases 100000 --workers 2 --max-seconds 7000

clean:
	rm -rf $(VENV) $(DEMO) .mypy_cache .ruff_cache .pytest_cache
