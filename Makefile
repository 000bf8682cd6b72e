# noticed — the two set-up commands are `make run` and `make test`.
SHELL := /bin/bash
export PATH := /opt/swift/usr/bin:$(PATH)

SWIFT      ?= swift
PREFIX     ?= /usr/local
DESTDIR    ?=
# Debian packages the build and the tests need (C libraries through system-library targets).
DEB_PACKAGES := zlib1g-dev libsqlite3-dev sqlite3 libsystemd-dev libopencc-dev opencc libicu-dev libssl-dev libre2-dev libxml2-dev libarchive-dev libpoppler-cpp-dev pkg-config unicode-data systemd
# What the tests add: a real browser for the web page's tests (and a CJK font for its screenshots),
# and a PostgreSQL server for the PostgreSQL store's (a private cluster per run, scripts/with-postgres.sh).
TEST_DEB_PACKAGES := chromium fonts-noto-cjk curl postgresql
# What the benchmark adds: an HTTP load generator for the web server.
BENCH_DEB_PACKAGES := wrk postgresql
SPOOL      ?= var/spool
DB         ?= var/notices.sqlite

.PHONY: all deps test-deps bench-deps build release static run test bench quality install install-files e2e crashtest faulttest soak fuzz multihost clean format generate

all: build

## deps: install missing Debian packages (when root; otherwise say what is missing)
# install-missing LIST: installs the packages of LIST not yet installed.
define install-missing
	@missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing: $$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "missing Debian packages: $$missing (run: sudo apt-get install -y $$missing)"; exit 1; \
	  fi; \
	fi
endef

deps:
	$(call install-missing,$(DEB_PACKAGES))

test-deps: deps
	$(call install-missing,$(TEST_DEB_PACKAGES))

bench-deps: deps
	$(call install-missing,$(BENCH_DEB_PACKAGES))

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

## run: build and start the daemon and the web page in the foreground on ./var (Ctrl-C stops both)
WEB ?= 127.0.0.1:8080
run: release
	@mkdir -p $(SPOOL)/incoming $(SPOOL)/done $(SPOOL)/failed
	@echo "noticed: drop files into $(abspath $(SPOOL))/incoming (e.g. cp Tests/PipelineTests/Fixtures/seeds/*.txt $(SPOOL)/incoming/)"
	@echo "noticed: store $(abspath $(DB)); query it with: .build/release/noticed search 养老 --db $(DB)"
	@echo "noticed: search page at http://$(WEB)/ (noticed web, read-only), as soon as the store exists"
	@( for i in $$(seq 300); do [ -e $(DB) ] && break; sleep 0.1; done; \
	   exec .build/release/noticed web --db $(DB) --spool $(SPOOL) --listen $(WEB) ) &
	exec .build/release/noticed serve --spool $(SPOOL) --db $(DB) --log-target stderr --settle-delay 1

## static: the release binary with the Swift runtime linked in (runs without a toolchain)
static: deps
	$(SWIFT) build -c release --static-swift-stdlib --scratch-path .build-static

## install: binary, unit, tmpfiles, sysusers, catalog, config and rules (PREFIX, DESTDIR honoured)
install: static
	$(MAKE) install-files BINARY=.build-static/release/noticed

BINARY ?= .build-static/release/noticed
install-files:
	install -D -m 0755 $(BINARY) $(DESTDIR)$(PREFIX)/bin/noticed
	install -D -m 0644 systemd/noticed.service $(DESTDIR)$(PREFIX)/lib/systemd/system/noticed.service
	sed -i 's|/usr/bin/noticed|$(PREFIX)/bin/noticed|g' $(DESTDIR)$(PREFIX)/lib/systemd/system/noticed.service
	install -D -m 0644 systemd/noticed-web.service $(DESTDIR)$(PREFIX)/lib/systemd/system/noticed-web.service
	sed -i 's|/usr/bin/noticed|$(PREFIX)/bin/noticed|g' $(DESTDIR)$(PREFIX)/lib/systemd/system/noticed-web.service
	install -D -m 0644 systemd/noticed.tmpfiles $(DESTDIR)$(PREFIX)/lib/tmpfiles.d/noticed.conf
	install -D -m 0644 systemd/noticed.sysusers $(DESTDIR)$(PREFIX)/lib/sysusers.d/noticed.conf
	install -D -m 0644 systemd/noticed.catalog $(DESTDIR)$(PREFIX)/lib/systemd/catalog/noticed.catalog
	install -d -m 0755 $(DESTDIR)/etc/noticed
	test -e $(DESTDIR)/etc/noticed/noticed.toml || install -m 0644 systemd/noticed.toml $(DESTDIR)/etc/noticed/noticed.toml
	test -e $(DESTDIR)/etc/noticed/rules.toml || install -m 0644 systemd/rules.toml $(DESTDIR)/etc/noticed/rules.toml

## crashtest: SIGKILL the daemon at random moments; 0 lost, 0 doubled, integrity ok (CYCLES, FILES)
CYCLES ?= 50
FILES  ?= 2000
crashtest: release
	.build/release/noticed-proof crash --cycles $(CYCLES) --files $(FILES)

## faulttest: one fault per case (disk full, read-only, locked, odd files, overflow, ...); a table
LOCK_SECONDS   ?= 30
OVERFLOW_FILES ?= 20000
faulttest: release
	.build/release/noticed-proof faults --lock-seconds $(LOCK_SECONDS) --overflow-files $(OVERFLOW_FILES)

## soak: a steady 50 files/s for MINUTES; RSS, descriptors and queue depth each second; slope
MINUTES ?= 10
RATE    ?= 50
soak: release
	.build/release/noticed-proof soak --minutes $(MINUTES) --rate $(RATE)

## fuzz: libFuzzer + ASan on cleaning, parsing, rules, config, search queries and rules+input (SECONDS each)
SECONDS ?= 60
RUNS    ?=
fuzz: deps
	scripts/fuzz.sh $(SECONDS) $(RUNS)

## e2e: boot a real systemd in a container (debootstrap + systemd-nspawn) and drive the installed unit
e2e: static
	scripts/e2e.sh .build-static/release/noticed

## multihost: three hosts (network namespaces) into one PostgreSQL, with SIGKILLs and server restarts (HOST_FILES, KILLS, RESTARTS)
HOST_FILES ?= 2000
KILLS      ?= 10
RESTARTS   ?= 2
multihost: release
	$(call install-missing,postgresql iproute2 sqlite3)
	FILES=$(HOST_FILES) KILLS=$(KILLS) RESTARTS=$(RESTARTS) scripts/multihost.sh .build/release/noticed .build/release/noticed-proof

## test: install what is missing, build, run every test (PostgreSQL's against a private cluster)
test: test-deps
	$(SWIFT) build --build-tests
	scripts/with-postgres.sh $(SWIFT) test --skip-build

## quality: per-field precision and recall on the real corpus with hand-written gold, then on the held-out set (issue 16)
quality: release
	.build/release/noticed-proof quality $(if $(VERBOSE),--verbose)
	@echo; echo "held-out set (never tuned on):"
	.build/release/noticed-proof quality --corpus Tests/PipelineTests/Fixtures/heldout $(if $(VERBOSE),--verbose)

## bench: pipeline, store and daemon figures (median of runs, with baselines); the PostgreSQL
## figures run on a private cluster with fsync on (BENCH_ARGS passes options, e.g. --postgres-only)
bench: bench-deps release
	NOTICED_PG_FSYNC=on scripts/with-postgres.sh .build/release/noticed-bench $(BENCH_ARGS)

## generate: regenerate the committed tables from Debian's data
generate:
	python3 scripts/gen-pinyin-table.py > Sources/Pipeline/Stages/Cleaning/Generated/PinyinReadingsTable.swift
	scripts/gen-opencc-tables.sh > Sources/Pipeline/Stages/Cleaning/Generated/OpenCCTables.swift

format:
	$(SWIFT) format --in-place --recursive Sources Tools Tests Package.swift

clean:
	rm -rf .build .build-static
