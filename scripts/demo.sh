#!/usr/bin/env bash
# Runs kioskd in the foreground on the example config, with a temporary state directory, and a
# virtual citizen ID card (config/demo-resident.json) in pcscd's vpcd reader "Virtual PCD 00 00",
# and simulated USB peripherals when none is attached.
# In another terminal: kioskctl status, kioskctl card read --can 004567 (the commands are printed).
# DEMO_BIN=DIR runs the binaries of another build.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/opt/swift/usr/bin"

# The card needs pcscd with the vpcd driver: run the whole demo under the harness that starts it.
if [ -f /etc/reader.conf.d/vpcd ] && [ -z "${DEMO_UNDER_PCSCD:-}" ]; then
  DEMO_UNDER_PCSCD=1 exec scripts/with-pcscd.sh "$0" "$@"
fi

bin="${DEMO_BIN:-$(swift build --show-bin-path)}"
state="$(mktemp -d /tmp/health-kiosk-demo.XXXXXX)"
socket=/run/health-kiosk/control.sock
if ! mkdir -p /run/health-kiosk 2>/dev/null || [ ! -w /run/health-kiosk ]; then
  socket="$state/control.sock"
fi
card_pid=""
cleanup() {
  [ -n "$card_pid" ] && kill "$card_pid" 2>/dev/null || true
  rm -rf "$state"
}
trap cleanup EXIT

if [ -n "${DEMO_UNDER_PCSCD:-}" ]; then
  "$bin/virtual-cccd" --profile config/demo-resident.json --port 35963 &
  card_pid=$!
  echo "demo: virtual citizen ID card in reader 'Virtual PCD 00 00' (CAN 004567)"
  echo "demo:   $bin/kioskctl card read --can 004567 --csca Tests/Fixtures/cccd/trust   (the test CSCAs: genuineness verdicts)"
fi
# The example config, with the test CSCAs (the virtual card's signers), the vpcd readers and the
# local API on a port of its own.
sed -e "s|^csca_dir = .*|csca_dir = \"$PWD/Tests/Fixtures/cccd/trust\"|" \
    -e 's|^name_patterns = .*|name_patterns = ["Virtual PCD"]|' \
    -e 's|^bind = "127.0.0.1:8080"|bind = "127.0.0.1:8088"|' config/kioskd.example.toml > "$state/kioskd.toml"
echo "demo: state in $state"
echo "demo: in another terminal run:  $bin/kioskctl status --socket $socket"
echo "demo:                           $bin/kioskctl checkin --can 004567 --socket $socket   (a visit with its queue number)"
echo "demo: Ctrl-C stops the daemon"
daemon=("$bin/kioskd" --config "$state/kioskd.toml" --state-dir "$state" --socket "$socket")

# Without USB peripherals attached, simulated ones (umockdev, scripts/usb-sim): a CDC QR scanner
# that scans the demo card's front QR a few seconds after kioskd claims it, an Epson receipt
# printer and an Ingenico card terminal that approves sales.
if [ -x /usr/bin/umockdev-wrapper ] && /usr/bin/python3 -c 'import gi; gi.require_version("UMockdev", "1.0")' 2>/dev/null \
   && [ -z "$(ls /dev/bus/usb/*/* 2>/dev/null | grep -v '/001$' || true)" ]; then
  sed -i 's/^terminal_protocol = "none"/terminal_protocol = "concert-e"/' "$state/kioskd.toml"
  python3 - "$state/usb-demo.json" config/demo-resident.json <<'PY'
import json, sys
card = json.load(open(sys.argv[2]))
def ddmmyyyy(iso):
    y, m, d = iso.split("-")
    return d + m + y
qr = "|".join([card["idNumber"], card.get("oldIdNumber", ""), card["fullName"], ddmmyyyy(card["dateOfBirth"]),
               card["sex"], card["placeOfResidence"], ddmmyyyy(card["issueDate"])])
scan = {"do": "push", "endpoint": 0x82, "after": "claim", "at_ms": 3000, "reports": [(qr.encode() + b"\r\n").hex()]}
json.dump({"interactive": True, "timeout_s": 7 * 86400, "devices": [
    {"kind": "scanner-cdc", "name": "scanner", "actions": [scan]},
    {"kind": "printer", "name": "printer"},
    {"kind": "terminal", "name": "terminal", "outcome": "approved"}]}, open(sys.argv[1], "w"))
PY
  echo "demo: simulated USB QR scanner, receipt printer and card terminal (umockdev); 3 s after start the scanner reads"
  echo "demo:   the card's front QR: kioskd checks the card in and prints the queue ticket"
  daemon=(/usr/bin/umockdev-wrapper /usr/bin/python3 scripts/usb-sim/usb_sim.py "$state/usb-demo.json" --
          "$bin/kioskd" --config "$state/kioskd.toml" --state-dir "$state" --socket "$socket")
fi
"${daemon[@]}"
