#!/usr/bin/env bash
# Runs kioskd in the foreground on the example config, with a temporary state directory, and a
# virtual citizen ID card (config/demo-resident.json) in pcscd's vpcd reader "Virtual PCD 00 00".
# In another terminal: kioskctl status, kioskctl card read --can 004567 (the commands are printed).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/opt/swift/usr/bin"

# The card needs pcscd with the vpcd driver: run the whole demo under the harness that starts it.
if [ -f /etc/reader.conf.d/vpcd ] && [ -z "${DEMO_UNDER_PCSCD:-}" ]; then
  DEMO_UNDER_PCSCD=1 exec scripts/with-pcscd.sh "$0" "$@"
fi

bin="$(swift build --show-bin-path)"
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
echo "demo: state in $state"
echo "demo: in another terminal run:  $bin/kioskctl status --socket $socket"
echo "demo: Ctrl-C stops the daemon"
"$bin/kioskd" --config config/kioskd.example.toml --state-dir "$state" --socket "$socket"
