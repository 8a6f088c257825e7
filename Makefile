# Search Analytics: every task a developer or operator runs.
# `make run` and `make test` work from a fresh clone with only Node.js installed.

SHELL := /bin/bash
NPM_STAMP := node_modules/.package-lock.json
BIN := node_modules/.bin
CLI := node dist/src/cli/main.js

.PHONY: run test build docs generate check-generated lint-spec format lint typecheck \
	unit-test migrate bench bench-attribution bench-reports dashboard-demo clean

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $(NPM_STAMP)

## run: install, build, and serve on PORT (default 8090) with the embedded database
run: build
	$(CLI) serve

## build: compile TypeScript, the docs page and the dashboard into dist/
build: $(NPM_STAMP) docs
	$(BIN)/tsc -p tsconfig.build.json
	node scripts/build-dashboard.mjs

## docs: the Redoc page, self-contained (no CDN, no web fonts), in dist/docs/index.html
docs: $(NPM_STAMP)
	@mkdir -p dist/docs
	$(BIN)/redoc-cli build openapi/swagger.yaml -o dist/docs/index.html \
		--template docs/redoc-template.hbs --title "Search Analytics API" \
		--options.theme.typography.fontFamily="system-ui, sans-serif" \
		--options.theme.typography.headings.fontFamily="system-ui, sans-serif" \
		--options.theme.typography.code.fontFamily="ui-monospace, monospace"
	node scripts/strip-remote-assets.mjs dist/docs/index.html

## generate: regenerate the TypeScript types in generated/ from the contract
generate: $(NPM_STAMP)
	$(BIN)/openapi-typescript openapi/swagger.yaml -o generated/api.d.ts

## check-generated: fail when generated/ differs from a fresh generation
check-generated: $(NPM_STAMP)
	@tmp=$$(mktemp -d) && $(BIN)/openapi-typescript openapi/swagger.yaml -o $$tmp/api.d.ts >/dev/null 2>&1 \
		&& diff -u generated/api.d.ts $$tmp/api.d.ts \
		|| { echo "generated/ is stale: run 'make generate' and commit it"; exit 1; }
	@echo "generated/: up to date"

lint-spec: $(NPM_STAMP)
	node scripts/lint-spec.mjs

format: $(NPM_STAMP)
	$(BIN)/prettier --check .

lint: $(NPM_STAMP)
	$(BIN)/eslint .

typecheck: $(NPM_STAMP)
	$(BIN)/tsc --noEmit -p tsconfig.json
	$(BIN)/tsc -p dashboard/tsconfig.json

## unit-test: jest on the embedded database, then on PostgreSQL when TEST_DATABASE_URL is set
unit-test: build
	env -u TEST_DATABASE_URL TEST_DB_LABEL=embedded NODE_OPTIONS=--experimental-vm-modules $(BIN)/jest
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "== jest against PostgreSQL"; \
		TEST_DB_LABEL=postgresql NODE_OPTIONS=--experimental-vm-modules $(BIN)/jest; \
	else \
		echo "== TEST_DATABASE_URL unset: PostgreSQL run skipped"; \
	fi

## test: everything CI checks
test: lint-spec check-generated format lint typecheck unit-test

## migrate: apply migrations to DATABASE_URL (or the embedded database)
migrate: build
	$(CLI) migrate

## bench-attribution: records/s of `attribution ingest` on 1,000,000 records into PostgreSQL
## (DATABASE_URL, else postgresql://postgres@127.0.0.1:5432/test; BENCH_RECORDS to change the count)
bench-attribution: build
	node dist/bench/attribution.js

## bench-reports: seconds per report kind of a 30-day backfill over 2.4 million seeded events
## (a scratch database on DATABASE_URL's server, else postgresql://postgres@127.0.0.1:5432/test)
bench-reports: build
	node dist/bench/reports.js

## bench: ingestion throughput against a bare Express floor (BENCH_DB=embedded for PGlite)
bench: build
	BENCH_DB=$(BENCH_DB) node dist/bench/ingest.js

## dashboard-demo: the dashboard on the report fixture (embedded database under DATA_DIR/demo)
dashboard-demo: build
	$(CLI) demo

clean:
	rm -rf dist
