# The two commands of the README: `make run` and `make test`. Both go through `make install`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: install run test lint messages clean-venv

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	touch $@

# The portal with demo data on the embedded default: SQLite, filesystem broker, worker, beat.
run: install
	DEBUG=1 ./scripts/run-embedded.sh

test: install
	DEBUG=1 $(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .

# Extract and compile the catalogues (needs GNU gettext; compiled .mo files are committed).
messages: install
	DEBUG=1 $(BIN)/python manage.py makemessages --all --ignore=.venv --ignore=static --ignore=staticfiles --ignore=var --ignore=bench --ignore=tests --no-obsolete
	DEBUG=1 $(BIN)/python manage.py compile_catalogues
