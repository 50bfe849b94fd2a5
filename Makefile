# Two commands a newcomer needs: `make run` and `make test`.
# uv is bootstrapped into the interpreter pinned by .python-version, so a
# fresh machine needs only Python 3.13 and make.
PYTHON ?= python3
UV := $(PYTHON) -m uv
MANAGE := $(UV) run --frozen python manage.py

.PHONY: run test lint format messages install install-dev uv browser varnish checkers clean

uv:
	@$(UV) --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet uv

install: uv
	$(UV) sync --frozen --no-dev

install-dev: uv
	$(UV) sync --frozen

# Development server on SQLite (unless DATABASE_URL says otherwise).
run: export DEBUG = 1
run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) runserver 127.0.0.1:8000

# Debian packages the tests use; on a fresh machine the package lists are
# fetched first when an install finds nothing.
APT_INSTALL = apt-get install -y --no-install-recommends

# The browser tests drive Debian's Chromium; Playwright never downloads one.
browser:
	@test -x /usr/bin/chromium || $(APT_INSTALL) chromium \
		|| (apt-get update && $(APT_INSTALL) chromium) \
		|| echo "Chromium could not be installed: the browser tests will be skipped."

# The markup tests run the checkers the web uses: the Nu Html Checker (the
# vnu-jar package's jar, on Debian's Java) and axe-core, both pinned in
# package-lock.json. --ignore-scripts: vnu-jar's install script would fetch
# a Java runtime of its own.
checkers:
	@test -x /usr/bin/java || $(APT_INSTALL) default-jre-headless \
		|| (apt-get update && $(APT_INSTALL) default-jre-headless) \
		|| echo "Java could not be installed: the HTML checker tests will be skipped."
	@if command -v npm >/dev/null 2>&1; then npm ci --ignore-scripts --no-audit --no-fund; \
	else echo "npm is missing (apt-get install npm): the vnu and axe tests will be skipped."; fi

# The proxy tests run the production shape (tests/stack.py): nginx, and
# Varnish with vmod xkey (from varnish-modules).
varnish:
	@(command -v varnishd && command -v nginx && dpkg -s varnish-modules) >/dev/null 2>&1 \
		|| $(APT_INSTALL) varnish varnish-modules nginx \
		|| (apt-get update && $(APT_INSTALL) varnish varnish-modules nginx) \
		|| echo "Varnish or nginx could not be installed: the proxy tests will be skipped."

# Two workers (pytest-xdist), one per core; a file's tests stay together so
# module fixtures such as the seeded demo site or a started stack are built
# once, and the slowest files go first (SLOW_FIRST in tests/conftest.py) so
# both workers finish together. The suite runs
# on DATABASE_URL (SQLite when unset). Without DATABASE_URL, the tests only
# PostgreSQL can run (races, Varnish, database faults: `-m postgresql`) then
# run on the PostgreSQL found at PG_TEST_URL, so a newcomer's run covers them.
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/newsroom_test
PYTEST := $(UV) run --frozen pytest -n 2 --dist loadfile

test: install-dev browser varnish checkers
	$(UV) run --frozen ruff check .
	$(PYTEST)
ifeq ($(DATABASE_URL),)
	@if $(UV) run --frozen python -c "import psycopg, sys; \
		psycopg.connect(sys.argv[1].rsplit('/', 1)[0] + '/postgres', connect_timeout=3).close()" \
		"$(PG_TEST_URL)" 2>/dev/null; then \
		echo "== the PostgreSQL-only tests, on $(PG_TEST_URL) =="; \
		DATABASE_URL="$(PG_TEST_URL)" $(PYTEST) -m postgresql; \
	else \
		echo "No PostgreSQL at $(PG_TEST_URL): the PostgreSQL-only tests were skipped."; \
		echo "Start one (apt-get install postgresql) or set PG_TEST_URL, then run make test again."; \
	fi
endif

lint: install-dev
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .

format: install-dev
	$(UV) run --frozen ruff check --fix .
	$(UV) run --frozen ruff format .

# Refresh the English translation catalogue after changing UI strings
# (needs GNU gettext), then fill the new msgstr lines and run it again.
messages: install-dev
	$(MANAGE) makemessages -l en --ignore=.venv --ignore=bench --ignore=tests --no-obsolete
	$(MANAGE) compilemessages --ignore=.venv

clean:
	rm -rf .venv db.sqlite3 staticfiles
