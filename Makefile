# The two commands a new user needs: `make run` and `make test`. Everything else is a helper.
SHELL := /bin/bash
.DEFAULT_GOAL := help

GO            ?= go
ADDR          ?= :8080
SEED          ?= data/seed.yaml
# make run lets callers without credentials write (docs/auth.md); DEV_ANONYMOUS_WRITES=false turns it off.
DEV_ANONYMOUS_WRITES ?= true
# The development Neo4j (make run) and the test Neo4j (make test) never share data.
DEV_HOME      ?= $(CURDIR)/.data/neo4j
TEST_HOME     ?= $(CURDIR)/.data/neo4j-test
TEST_BOLT     ?= 7688
TEST_HTTP     ?= 7475
GOTEST_FLAGS  ?= -race -count=1 -timeout 30m
# The seeded service that the suites speaking HTTP use (scripts/test-service).
TEST_SERVICE_ADDR ?= 127.0.0.1:18080

.PHONY: help run test test-python test-dashboard dashboard build generate check-generated neo4j-start neo4j-stop neo4j-status lint lint-python test-docker

help: ## list targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

build: ## build bin/diplograph
	$(GO) build -trimpath -o bin/diplograph .

run: build ## start Neo4j (unless NEO4J_URI is set), migrate, seed, serve on :8080
ifndef NEO4J_URI
	@NEO4J_LOCAL_HOME=$(DEV_HOME) scripts/neo4j-local start
	NEO4J_URI=bolt://127.0.0.1:$${NEO4J_LOCAL_BOLT_PORT:-7687} ./bin/diplograph serve -addr $(ADDR) -seed $(SEED) -dev-anonymous-writes=$(DEV_ANONYMOUS_WRITES)
else
	./bin/diplograph serve -addr $(ADDR) -seed $(SEED) -dev-anonymous-writes=$(DEV_ANONYMOUS_WRITES)
endif

# The browser tests drive Debian's chromium (internal/browsertest); ensure-chromium installs it
# when missing and prints its path, and a test without one fails rather than skips. The same
# for nginx, which the rolling-restart test puts in front of two replicas (ensure-nginx).
test: ## run every test suite against a real Neo4j (a separate test instance), browser tests included
ifndef NEO4J_URI
	@NEO4J_LOCAL_HOME=$(TEST_HOME) NEO4J_LOCAL_BOLT_PORT=$(TEST_BOLT) NEO4J_LOCAL_HTTP_PORT=$(TEST_HTTP) scripts/neo4j-local start
	@status=0; \
	chromium="$$(scripts/ensure-chromium)" || status=$$?; \
	nginx="$$(scripts/ensure-nginx)" || status=$$?; \
	if [ $$status -eq 0 ]; then \
	  CHROMIUM="$$chromium" NGINX="$$nginx" NEO4J_URI=bolt://127.0.0.1:$(TEST_BOLT) $(GO) test $(GOTEST_FLAGS) ./... || status=$$?; \
	fi; \
	$(MAKE) --no-print-directory test-python || { s=$$?; [ $$status -ne 0 ] || status=$$s; }; \
	$(MAKE) --no-print-directory test-dashboard NEO4J_URI=bolt://127.0.0.1:$(TEST_BOLT) || { s=$$?; [ $$status -ne 0 ] || status=$$s; }; \
	NEO4J_LOCAL_HOME=$(TEST_HOME) NEO4J_LOCAL_BOLT_PORT=$(TEST_BOLT) NEO4J_LOCAL_HTTP_PORT=$(TEST_HTTP) scripts/neo4j-local stop; \
	exit $$status
else
	@status=0; \
	chromium="$$(scripts/ensure-chromium)" || status=$$?; \
	nginx="$$(scripts/ensure-nginx)" || status=$$?; \
	if [ $$status -eq 0 ]; then \
	  CHROMIUM="$$chromium" NGINX="$$nginx" $(GO) test $(GOTEST_FLAGS) ./... || status=$$?; \
	fi; \
	$(MAKE) --no-print-directory test-python || { s=$$?; [ $$status -ne 0 ] || status=$$s; }; \
	$(MAKE) --no-print-directory test-dashboard || { s=$$?; [ $$status -ne 0 ] || status=$$s; }; \
	exit $$status
endif

test-python: ## Python client tests and the executed notebook, on a seeded test service (python/.venv from the lock)
	@NEO4J_LOCAL_HOME=$(TEST_HOME) NEO4J_LOCAL_BOLT_PORT=$(TEST_BOLT) NEO4J_LOCAL_HTTP_PORT=$(TEST_HTTP) \
	  TEST_SERVICE_ADDR=$(TEST_SERVICE_ADDR) scripts/test-python

# The dashboard's suite: the committed bundle must match a build from the lockfile, then the
# browser tests run in Debian's Chromium against a seeded service on the test Neo4j.
DASHBOARD_ADDR ?= $(TEST_SERVICE_ADDR)
test-dashboard: ## dashboard: bundle up to date, browser tests against scripts/test-service
	cd dashboard && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	cd dashboard && npx --no-install tsc --noEmit -p . && node build.mjs --check
	@status=0; chromium="$$(scripts/ensure-chromium)" || exit $$?; \
	export NEO4J_URI=$${NEO4J_URI:-bolt://127.0.0.1:$(TEST_BOLT)} NEO4J_LOCAL_HOME=$(TEST_HOME) NEO4J_LOCAL_BOLT_PORT=$(TEST_BOLT) NEO4J_LOCAL_HTTP_PORT=$(TEST_HTTP) TEST_SERVICE_ADDR=$(DASHBOARD_ADDR); \
	scripts/test-service start || exit $$?; \
	(cd dashboard && CHROMIUM="$$chromium" node --test --test-concurrency=1 test/*.test.mjs) || status=$$?; \
	scripts/test-service stop || { s=$$?; [ $$status -ne 0 ] || status=$$s; }; \
	exit $$status

dashboard: ## rebuild dashboard/dist from dashboard/src (commit the result)
	cd dashboard && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error && node build.mjs

test-docker: ## Docker (needs root): engine, local images, store tests via testcontainers-go, compose smoke test
	@status=0; \
	scripts/docker-engine start && scripts/docker-engine install-compose && scripts/docker-images || status=$$?; \
	if [ $$status -eq 0 ]; then \
	  GO="$(GO)" GOTEST_FLAGS="$(GOTEST_FLAGS)" scripts/docker-testcontainers || status=$$?; \
	  scripts/compose-smoke || { s=$$?; [ $$status -ne 0 ] || status=$$s; }; \
	fi; \
	scripts/docker-engine stop || { s=$$?; [ $$status -ne 0 ] || status=$$s; }; \
	exit $$status

generate: ## regenerate gqlgen code after editing graph/*.graphqls (docs/development.md: the generator seam)
	$(GO) run ./internal/gqlgen

# CI runs this on a clean clone: the committed generated code must be what `make generate`
# writes, so that a schema edit without regenerating, a hand edit of a generated file or
# plain `gqlgen generate` fails here. The tree's state (changes and untracked files) is
# compared before and after, so it also works, and says the same, on a working tree.
check-generated: ## make generate must leave the tree as it is
	@state() { git status --porcelain=v1 --untracked-files=all; git diff HEAD --binary | sha256sum; }; \
	before="$$(state)"; \
	$(MAKE) --no-print-directory generate || exit $$?; \
	after="$$(state)"; \
	if [ "$$before" != "$$after" ]; then \
	  echo "make generate changed the tree; run it and commit what it writes:" >&2; \
	  git status --short >&2; git diff --stat >&2; exit 1; \
	fi

neo4j-start: ## start the development Neo4j only
	NEO4J_LOCAL_HOME=$(DEV_HOME) scripts/neo4j-local start

neo4j-stop: ## stop the development Neo4j
	NEO4J_LOCAL_HOME=$(DEV_HOME) scripts/neo4j-local stop

neo4j-status: ## is the development Neo4j running?
	NEO4J_LOCAL_HOME=$(DEV_HOME) scripts/neo4j-local status

lint: ## gofmt and go vet, then lint-python
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...
	@$(MAKE) --no-print-directory lint-python

lint-python: ## ruff (lint and format) over python/ and notebooks/, mypy --strict over the client
	@py="$$(scripts/python-env)" && cd python && "$$py" -m ruff check --config pyproject.toml . ../notebooks && \
	  "$$py" -m ruff format --config pyproject.toml --check . ../notebooks && "$$py" -m mypy
