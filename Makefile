# The two commands a newcomer needs: `make run` and `make test`. Everything else here serves them.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
SEED := agencies themes events publications
HOST_PORT ?= 127.0.0.1:8000

.PHONY: run test test-far-date lighthouse lighthouse-ci setup seed reseed superuser check-deploy check-messages messages package-messages openapi lint format test-tools bench bench-memory clean

## make run: set everything up and serve the portal on http://127.0.0.1:8000 with SQLite and the seed content
run: setup
	$(BIN)/python manage.py runserver $(HOST_PORT)

## make test: set everything up and run every test, on SQLite and on PostgreSQL when one is reachable
test: $(VENV)/.dev-installed node_modules/.installed messages
	bin/run-tests

## make test-far-date: the tests that depend on "today", with the clock at 2040-01-01, on SQLite and PostgreSQL
FAR_DATE_TESTS := agencies/tests/test_models.py themes/tests/test_models.py events/tests/test_models.py \
	events/tests/test_views.py events/tests/test_calendars.py events/tests/test_editorial.py \
	events/tests/test_editorial_guards.py events/tests/test_venue_days.py gmg_portal/tests/test_pages.py \
	gmg_portal/tests/test_page_cache.py gmg_portal/tests/test_lists.py publications/tests/test_views.py \
	gmg_portal/tests/test_seed.py::test_sixteen_members_today_un_women_and_who_joined_in_september_2010
test-far-date: $(VENV)/.dev-installed messages
	bin/run-tests --clock 2040-01-01 -q $(FAR_DATE_TESTS)

setup: $(VENV)/.installed node_modules/.installed messages
	$(BIN)/python manage.py migrate --noinput
	$(MAKE) --no-print-directory seed

## make seed: load the seed content, unless the database already holds members (so staff edits survive)
seed:
	@if $(BIN)/python manage.py shell --no-imports -c "from agencies.models import Agency; raise SystemExit(0 if Agency.objects.exists() else 1)"; then \
		echo "Seed content already loaded; 'make reseed' loads it again over any edits."; \
	else \
		$(BIN)/python manage.py loaddata $(SEED); \
	fi

reseed: $(VENV)/.installed
	$(BIN)/python manage.py loaddata $(SEED)

superuser: $(VENV)/.installed
	$(BIN)/python manage.py createsuperuser

## make messages: the interface's translations, compiled from the catalogues in locale/ (the .mo files are not committed)
MESSAGES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))
messages: $(MESSAGES)

locale/%.mo: locale/%.po $(VENV)/.installed
	$(BIN)/python bin/compile-messages $<

## make check-messages: every interface string is in each language's catalogue, none fuzzy, all valid (GNU gettext)
check-messages: $(VENV)/.installed
	bin/check-messages

## make package-messages: the strings the packages leave untranslated in a language, into the portal's catalogues
package-messages: $(VENV)/.dev-installed
	$(BIN)/python bin/package-messages

## make openapi: write the API's schema to openapi.yaml after a deliberate change (a test fails while they differ)
openapi: $(VENV)/.installed
	$(BIN)/python manage.py spectacular --validate --fail-on-warn --file openapi.yaml

## make lint: ruff's lint and format checks (settings in pyproject.toml); `make format` rewrites the code to pass
lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev-installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## make check-deploy: Django's deployment checklist on the production settings, as a deployment would set them
check-deploy: $(VENV)/.installed node_modules/.installed
	DJANGO_SETTINGS_MODULE=gmg_portal.settings.production \
	DJANGO_SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	DJANGO_ALLOWED_HOSTS=gmg.example.org REDIS_URL=redis://127.0.0.1:6379/0 \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

## make lighthouse: Lighthouse 12's four scores for the main pages, on a phone and a desktop, as production serves
## them (bench/lighthouse.py); fails unless every score is 100. CI runs it without the performance score (a timing).
lighthouse: $(VENV)/.installed node_modules/.installed messages
	$(BIN)/python bench/lighthouse.py

lighthouse-ci: $(VENV)/.installed node_modules/.installed messages
	LIGHTHOUSE_CATEGORIES=accessibility,best-practices,seo $(BIN)/python bench/lighthouse.py

## make bench: the portal under load, as production runs it, on a large generated data set (bench/run.py;
## a few minutes; PostgreSQL and Redis on 127.0.0.1; installs Debian's wrk when missing, as root)
bench: $(VENV)/.installed node_modules/.installed
	$(BIN)/python bench/run.py

## make bench-memory: each worker's memory over 5 minutes of pages never asked before (after make bench, whose
## database and addresses it reuses; BENCH_MEMORY_SECONDS to change the length)
bench-memory: $(VENV)/.installed
	$(BIN)/python bench/memory.py

## make test-tools: Debian's Chromium (browser tests), Java (the Nu HTML checker), GNU gettext (make check-messages)
## and the Noto fonts (Arabic, Chinese... glyphs, not boxes, in the browser's screenshots);
## without them those checks skip, except in CI (CI=true), where they fail. Needs root, as in CI.
test-tools:
	@missing=""; [ -x /usr/bin/chromium ] || missing="chromium"; command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	[ -f /usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf ] || missing="$$missing fonts-noto-core"; \
	[ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || missing="$$missing fonts-noto-cjk"; \
	if [ -n "$$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	else echo "Chromium, Java, gettext and the Noto fonts are installed."; fi

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements-dev.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# Bootstrap (served by the portal itself), axe-core and the Nu HTML checker, pinned in package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf $(VENV) node_modules
