# noticed — the two set-up commands are `make run` and `make test`.
SHELL := /bin/bash
export PATH := /opt/swift/usr/bin:$(PATH)

SWIFT      ?= swift
PREFIX     ?= /usr/local
DESTDIR    ?=
# Debian packages the build and the tests need (C libraries through system-library targets).
DEB_PACKAGES := zlib1g-dev libsqlite3-dev libsystemd-dev libopencc-dev opencc libicu-dev libssl-dev pkg-config unicode-data
SPOOL      ?= var/spool
DB         ?= var/notices.sqlite

.PHONY: all deps build release run test bench install clean format generate

all: build

## deps: install missing Debian packages (when root; otherwise say what is missing)
deps:
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing: $$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "missing Debian packages: $$missing (run: sudo apt-get install -y $$missing)"; exit 1; \
	  fi; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

## run: build and inspect the bundled sample notices (the daemon arrives with the daemon issue)
run: release
	@mkdir -p $(SPOOL)/incoming $(SPOOL)/done $(SPOOL)/failed
	.build/release/noticed inspect Tests/PipelineTests/Fixtures/seeds/*.txt
	@echo
	@echo "noticed: the spool is $(abspath $(SPOOL))/incoming; inspect any file with: .build/release/noticed inspect FILE"

## test: install what is missing, build, run every test
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## bench: pipeline throughput (median of runs, with baselines)
bench: release
	.build/release/noticed-bench

## generate: regenerate the committed tables from Debian's data
generate:
	python3 scripts/gen-pinyin-table.py > Sources/Pipeline/Cleaning/Generated/PinyinReadingsTable.swift
	scripts/gen-opencc-tables.sh > Sources/Pipeline/Cleaning/Generated/OpenCCTables.swift

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

clean:
	rm -rf .build
