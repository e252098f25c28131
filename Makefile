# The two commands of the README: `make run` and `make test`. Both go through `make install`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

# Exact versions with hashes, exported from uv.lock: requirements-dev.lock for tests and
# development, requirements.lock (runtime only) for the Dockerfile. See the README.
LOCK := requirements-dev.lock
UV := $(BIN)/uv
EXPORT := $(UV) export --frozen --no-emit-project --no-header --format requirements-txt --quiet

.PHONY: install run test lint messages lock lock-upgrade lock-check clean-venv backup restore audit

install: $(VENV)/.installed

# A changed lock gets a new virtual environment, so nothing of an older lock stays behind.
$(VENV)/.installed: $(LOCK)
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --require-hashes -r $(LOCK)
	$(BIN)/python -m pip check
	touch $@

# After a change to pyproject.toml: lock what changed and keep every other pin.
lock: install
	$(UV) lock
	$(EXPORT) > requirements.lock
	$(EXPORT) --all-extras > requirements-dev.lock

# Move every pin to the newest release that pyproject.toml allows; then run `make test`.
lock-upgrade: install
	$(UV) lock --upgrade
	$(MAKE) lock

# Fails when pyproject.toml, uv.lock and the two exported files disagree (CI runs it).
lock-check: install
	$(UV) lock --check
	$(EXPORT) | diff -q requirements.lock - >/dev/null || { echo "requirements.lock is not uv.lock's export: run make lock"; exit 1; }
	$(EXPORT) --all-extras | diff -q requirements-dev.lock - >/dev/null || { echo "requirements-dev.lock is not uv.lock's export: run make lock"; exit 1; }

clean-venv:
	rm -rf $(VENV)

# The portal with demo data on the embedded default: SQLite, filesystem broker, worker, beat.
run: install
	DEBUG=1 ./scripts/run-embedded.sh

# Two pytest-xdist workers (this project's machines and CI have two cores), each with its own
# test database. --dist load hands each worker its tests in pytest-django's order (plain
# database tests before transactional ones, whose flush empties the seeded themes and
# languages), as in one process; a file's tests may be split over both workers.
# TEST_WORKERS=0 runs everything in one process.
TEST_WORKERS ?= 2
test: install
	DEBUG=1 $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist load

lint: install
	$(BIN)/ruff check .

# Extract and compile the catalogues (needs GNU gettext; compiled .mo files are committed).
messages: install
	DEBUG=1 $(BIN)/python manage.py makemessages --all --ignore=.venv --ignore=static --ignore=staticfiles --ignore=var --ignore=bench --ignore=tests --no-obsolete
	DEBUG=1 $(BIN)/python manage.py compile_catalogues

# Back up the database of DATABASE_URL (PostgreSQL: pg_dump; SQLite: the online backup API)
# into var/backups/, or FILE=path; restore one with `make restore FILE=path` (asks first).
backup: install
	$(BIN)/python manage.py backup $(if $(FILE),--output $(FILE))

restore: install
	@test -n "$(FILE)" || { echo "usage: make restore FILE=var/backups/<file>"; exit 2; }
	$(BIN)/python manage.py restore $(FILE)

# The locked packages against the advisory databases (PyPI's and OSV's): needs a machine that
# reaches the advisory service (this project's CI reaches only the package registries). An
# advisory that does not apply is listed in audit-ignore.txt with its reason, never silenced here.
# --strict: a package the service could not check fails the audit (offline, it checks nothing).
audit: install
	$(BIN)/pip-audit --requirement requirements-dev.lock --require-hashes --disable-pip --strict \
		--progress-spinner off $$(awk '!/^[[:space:]]*(#|$$)/ {printf "--ignore-vuln %s ", $$1}' audit-ignore.txt)
