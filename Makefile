# Two commands do all the set-up on a fresh Debian machine:
#   make run   installs what is missing, starts PostgreSQL and Redis under .local/,
#              migrates, loads the demo data and serves the site with a worker and beat
#   make test  the same set-up, then lint and the whole test suite
SHELL := /bin/bash
.DEFAULT_GOAL := help

ROOT    := $(CURDIR)
VENV    := $(ROOT)/.venv
PY      := $(VENV)/bin/python
CELERY  := $(VENV)/bin/celery
LOCAL   := $(ROOT)/.local
SOCKETS := $(LOCAL)/run
PGDATA  := $(LOCAL)/pgdata
PGLOG   := $(LOCAL)/log/postgres
PGBIN   := /usr/lib/postgresql/15/bin
AS_PG   := runuser -u postgres --
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian packages the project needs on the machine (libpango for WeasyPrint).
APT     := postgresql-15 postgresql-contrib redis-server chromium gettext fonts-dejavu-core libpangoft2-1.0-0

.PHONY: help system venv services stop setup migrate messages seed run test lint format lock clean

help:
	@echo "make run    set up everything and serve http://127.0.0.1:8000 with a Celery worker and beat"
	@echo "make test   set up everything, then lint and run the whole test suite"
	@echo "make services | stop | lint | format | lock | clean"

system:
	@missing=""; \
	[ -x $(PGBIN)/initdb ] || missing="$$missing postgresql-15 postgresql-contrib"; \
	command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$$missing fonts-dejavu-core"; \
	/sbin/ldconfig -p | grep -q libpangoft2-1.0 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

venv: $(VENV)/.installed
$(VENV)/.installed: requirements.lock
	@test -x $(PY) || python3 -m venv $(VENV)
	@echo "Installing Python packages from requirements.lock"
	@set -o pipefail; $(PY) -m pip install -q -r requirements.lock 2>&1 | { grep -v "is ignored: it is neither" || true; }
	@touch $@

# PostgreSQL refuses to run as root: the cluster belongs to the postgres user and listens
# only on a unix socket inside the project, so two checkouts never collide.
services: system
	@mkdir -p $(SOCKETS) $(LOCAL)/redis $(LOCAL)/log $(LOCAL)/static $(PGLOG)
	@chown postgres:postgres $(SOCKETS) $(PGLOG)
	@d="$(LOCAL)"; while [ "$$d" != "/" ]; do \
	  $(AS_PG) test -x "$$d" 2>/dev/null || chmod o+x "$$d"; d=$$(dirname "$$d"); done
	@if [ ! -f $(PGDATA)/PG_VERSION ]; then \
	  echo "Creating the PostgreSQL cluster in $(PGDATA)"; \
	  mkdir -p $(PGDATA) && chown postgres:postgres $(PGDATA) && chmod 700 $(PGDATA); \
	  $(AS_PG) $(PGBIN)/initdb -D $(PGDATA) -U mentorship --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null; \
	fi
	@if ! $(AS_PG) $(PGBIN)/pg_ctl -D $(PGDATA) status >/dev/null 2>&1; then \
	  $(AS_PG) $(PGBIN)/pg_ctl -D $(PGDATA) -l $(PGLOG)/server.log -w \
	    -o "-k $(SOCKETS) -c listen_addresses= -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
	    start >/dev/null; \
	fi
	@psql -h $(SOCKETS) -U mentorship -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='mentorship'" | grep -q 1 \
	  || createdb -h $(SOCKETS) -U mentorship mentorship
	@if ! redis-cli -s $(SOCKETS)/redis.sock ping >/dev/null 2>&1; then \
	  redis-server --daemonize yes --port 0 --unixsocket $(SOCKETS)/redis.sock --unixsocketperm 777 \
	    --dir $(LOCAL)/redis --pidfile $(LOCAL)/redis/redis.pid --logfile $(LOCAL)/log/redis.log \
	    --appendonly yes --save ""; \
	  for i in $$(seq 50); do redis-cli -s $(SOCKETS)/redis.sock ping >/dev/null 2>&1 && break; sleep 0.1; done; \
	fi
	@echo "PostgreSQL and Redis are up on sockets in $(SOCKETS)"

stop:
	@-redis-cli -s $(SOCKETS)/redis.sock shutdown >/dev/null 2>&1 || true
	@-[ -f $(PGDATA)/PG_VERSION ] && $(AS_PG) $(PGBIN)/pg_ctl -D $(PGDATA) -m fast -w stop >/dev/null 2>&1 || true
	@echo "PostgreSQL and Redis stopped"

messages: venv
	@$(PY) manage.py compilemessages --ignore=.venv --ignore=.local -v0

migrate: venv services
	@$(PY) manage.py migrate --noinput -v0

setup: venv services messages migrate

seed: setup
	@$(PY) manage.py seed_demo

# Ctrl-C stops the server, the worker, beat and the services this started.
run: seed
	@$(PY) manage.py collectstatic --noinput -v0
	@echo "Serving http://127.0.0.1:8000 with a Celery worker and beat; Ctrl-C stops everything."
	@trap 'trap - INT TERM EXIT; kill $$(jobs -p) 2>/dev/null; wait; $(MAKE) --no-print-directory stop' INT TERM EXIT; \
	  $(CELERY) -A mentorship worker --loglevel=info --concurrency=2 --hostname=worker@%h & \
	  $(CELERY) -A mentorship beat --loglevel=info --scheduler django_celery_beat.schedulers:DatabaseScheduler & \
	  DJANGO_DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

lint: venv
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/ruff format --check .

format: venv
	@$(VENV)/bin/ruff check --fix .
	@$(VENV)/bin/ruff format .

# The suite runs in one process per core (pytest-xdist): each has its own test database,
# Celery queue and browser, and takes the next test when it is free (worksteal).
TEST_WORKERS ?= 2
test: setup lint
	@$(PY) -m pytest -n $(TEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

# Rebuild the lock from pyproject.toml's pinned direct dependencies.
lock:
	@rm -rf $(LOCAL)/lockenv && python3 -m venv $(LOCAL)/lockenv
	@$(LOCAL)/lockenv/bin/python -c "import tomllib; p = tomllib.load(open('pyproject.toml', 'rb'))['project']; \
	  print('\n'.join(p['dependencies'] + p['optional-dependencies']['dev']))" > $(LOCAL)/requirements.in
	@$(LOCAL)/lockenv/bin/pip install -q -r $(LOCAL)/requirements.in
	@$(LOCAL)/lockenv/bin/pip freeze > requirements.lock
	@rm -rf $(LOCAL)/lockenv

clean: stop
	rm -rf $(LOCAL) $(VENV)
