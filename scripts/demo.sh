#!/usr/bin/env bash
# Runs kioskd in the foreground on the example config, with a temporary state directory.
# In another terminal: kioskctl status (the command to use is printed below).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/opt/swift/usr/bin"

bin="$(swift build --show-bin-path)"
state="$(mktemp -d /tmp/health-kiosk-demo.XXXXXX)"
socket=/run/health-kiosk/control.sock
if ! mkdir -p /run/health-kiosk 2>/dev/null || [ ! -w /run/health-kiosk ]; then
  socket="$state/control.sock"
fi
trap 'rm -rf "$state"' EXIT

echo "demo: state in $state"
echo "demo: in another terminal run:  $bin/kioskctl status${socket:+ --socket $socket}"
echo "demo: Ctrl-C stops the daemon"
"$bin/kioskd" --config config/kioskd.example.toml --state-dir "$state" --socket "$socket"
