# dangbo — every target creates .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?= -n 2

.PHONY: run serve test lint typecheck bench demo migrate messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(DEVSTAMP): pyproject.toml $(STAMP)
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

migrate: $(STAMP)
	DEBUG=1 $(BIN)/dangbo migrate --noinput -v0

demo: migrate
	DEBUG=1 $(BIN)/dangbo demo

## make run: install, migrate, load the demo, serve on http://$(HOST):$(PORT) (development)
run: demo
	@echo "dangbo: http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	DEBUG=1 $(BIN)/dangbo runserver $(HOST):$(PORT)

## make serve: production-style serving (gunicorn sync workers, whitenoise, DEBUG off)
serve: $(STAMP)
	@test -n "$$SECRET_KEY" || (echo "Set SECRET_KEY (and ALLOWED_HOSTS) for make serve"; exit 1)
	$(BIN)/dangbo migrate --noinput -v0
	$(BIN)/dangbo collectstatic --noinput -v0
	$(BIN)/gunicorn dangbo.wsgi:application -k sync -w $${WORKERS:-3} -b $(HOST):$(PORT) \
	  --timeout 120 --access-logfile - --max-requests 2000 --max-requests-jitter 200

lint: $(DEVSTAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(DEVSTAMP)
	$(BIN)/mypy

# Rule modules held at 100% branch coverage by the whole suite (as Zulip enforces its list).
ENFORCED := */targets/rules.py,*/targets/summary.py,*/core/numbers.py,$\
	*/members/importing/validate.py,*/members/importing/mapping.py,*/members/rules.py,$\
	*/organizations/rules.py,*/meetings/rules.py,*/documents/rules.py,$\
	*/evaluations/rulesets/*.py,*/awards/rules.py,*/awards/summary.py,*/evaluations/summary.py,$\
	*/reports/consistency/*.py,*/reports/prose.py,*/news/drafts.py

## make test: lint, type check, Django checks, the whole suite (browser tests included) with
## branch coverage, then 100% for each enforced rule module
test: lint typecheck
	DANGBO_TESTING=1 $(BIN)/dangbo check --fail-level WARNING
	DANGBO_TESTING=1 $(BIN)/dangbo makemigrations --check --dry-run -v0
	DANGBO_TESTING=1 $(BIN)/pytest --cov --cov-report= $(PYTEST_ARGS)
	$(BIN)/coverage report --include='$(ENFORCED)' --show-missing --fail-under=100

bench: $(DEVSTAMP)
	DANGBO_TESTING=1 $(BIN)/python bench/run.py $(BENCH_ARGS)

## make messages: refresh the English catalogue from the source with Django's makemessages
## (GNU gettext), then compile it; translate what it adds (empty or fuzzy) and run it again.
## Run from the package so the walk sees only the package; tests/core/test_i18n.py runs the
## same extraction on a copy and fails when the committed catalogue is behind the source.
MAKEMESSAGES_ARGS := -l en --no-obsolete --add-location=file \
	-i static -i node_modules -i var -i tests -i bench
messages: $(STAMP)
	@command -v xgettext >/dev/null && command -v msgfmt >/dev/null || \
	  { echo "make messages needs GNU gettext (Debian: sudo apt-get install gettext)"; exit 1; }
	cd src/dangbo && DEBUG=1 $(CURDIR)/$(BIN)/dangbo makemessages $(MAKEMESSAGES_ARGS)
	cd src/dangbo && DEBUG=1 $(CURDIR)/$(BIN)/dangbo compilemessages -l en

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .mypy_cache
