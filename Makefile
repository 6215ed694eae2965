# HealthKiosk build, test, demo and install.
#   make demo   - run kioskd in the foreground on the example config (installs what it needs)
#   make test   - build and run every test against the real services (installs what it needs)

SHELL := /bin/bash
export PATH := $(PATH):/opt/swift/usr/bin

PREFIX   ?= /usr
DESTDIR  ?=
CONFIG   ?= release
SWIFT    ?= swift
BIN_DIR   = $(shell $(SWIFT) build -c $(CONFIG) --show-bin-path)

.PHONY: setup build build-tests test crash-test demo install install-build install-files bench fuzz check-units clean

setup:
	scripts/setup.sh

build: setup
	$(SWIFT) build

build-tests: setup
	$(SWIFT) build --build-tests

# Every test, with pcscd and the vpcd virtual reader running for the card tests.
test: build-tests
	scripts/check-units.sh
	KIOSK_REQUIRE_PCSCD=1 KIOSK_REQUIRE_ORACLES=1 KIOSK_REQUIRE_UMOCKDEV=1 scripts/with-pcscd.sh $(SWIFT) test --skip-build --parallel --num-workers 2
	scripts/fuzz.sh 5

check-units:
	scripts/check-units.sh

# The outbox's power-cut test: a real kioskd killed with SIGKILL at random moments, CRASH_CYCLES
# times (make test runs 50); KIOSK_CRASH_SEED=N repeats a run.
CRASH_CYCLES ?= 200
crash-test: build-tests
	KIOSK_CRASH_CYCLES=$(CRASH_CYCLES) $(SWIFT) test --skip-build --filter CrashTests

# kioskd in the foreground with the example config and a temporary state directory.
demo: build
	scripts/demo.sh

install: install-build install-files

install-build:
	$(SWIFT) build -c $(CONFIG) --product kioskd
	$(SWIFT) build -c $(CONFIG) --product kioskctl

# The files alone, from binaries already built in BIN_DIR.
install-files:
	install -D -m 0755 $(BIN_DIR)/kioskd $(DESTDIR)$(PREFIX)/bin/kioskd
	install -D -m 0755 $(BIN_DIR)/kioskctl $(DESTDIR)$(PREFIX)/bin/kioskctl
	install -D -m 0644 systemd/kioskd.service $(DESTDIR)$(PREFIX)/lib/systemd/system/kioskd.service
	install -D -m 0644 systemd/kioskd.sysusers $(DESTDIR)$(PREFIX)/lib/sysusers.d/health-kiosk.conf
	install -D -m 0644 systemd/kioskd.tmpfiles $(DESTDIR)$(PREFIX)/lib/tmpfiles.d/health-kiosk.conf
	install -D -m 0644 systemd/50-health-kiosk-pcscd.rules $(DESTDIR)$(PREFIX)/share/polkit-1/rules.d/50-health-kiosk-pcscd.rules
	for rules in udev/*.rules; do install -D -m 0644 "$$rules" "$(DESTDIR)$(PREFIX)/lib/udev/rules.d/$$(basename $$rules)"; done
	install -D -m 0644 config/kioskd.example.toml $(DESTDIR)$(PREFIX)/share/doc/health-kiosk/kioskd.example.toml
	install -d -m 0750 $(DESTDIR)/etc/health-kiosk
	install -d -m 0755 $(DESTDIR)/etc/health-kiosk/csca
	[ -e $(DESTDIR)/etc/health-kiosk/kioskd.toml ] || install -m 0640 config/kioskd.example.toml $(DESTDIR)/etc/health-kiosk/kioskd.toml

# Benchmarks in release mode; each prints its figures. pcscd + vpcd run for the card-read one.
bench: setup
	$(SWIFT) build -c release --product kioskd
	$(SWIFT) build -c release --product fhir-test-upstream
	$(SWIFT) build -c release --product bhxh-test-portal
	$(SWIFT) build -c release --product virtual-cccd
	$(SWIFT) build -c release --product kiosk-bench
	scripts/with-pcscd.sh $(BIN_DIR)/kiosk-bench $(BENCH)

# libFuzzer runs of EMRTD's parsers of card and scanner input and of USBDevices' parsers of device
# input: FUZZ_SECONDS each (default 60), FUZZ_TARGETS (default all: tlv mrz qr dg13 cardAccess sod
# secureMessaging hid ecr printerStatus).
FUZZ_SECONDS ?= 60
fuzz: setup
	scripts/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

clean:
	rm -rf .build
