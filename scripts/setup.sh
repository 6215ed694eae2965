#!/usr/bin/env bash
# Installs every build and test dependency of HealthKiosk on Debian 12. Idempotent: packages
# already present are not fetched again. Needs root (or sudo) when something is missing.
set -euo pipefail

packages=(
  pkg-config
  libpcsclite-dev pcscd pcsc-tools vsmartcard-vpcd   # PC/SC stack and the vpcd virtual reader
  libusb-1.0-0-dev umockdev libumockdev-dev gir1.2-umockdev-1.0 python3-gi  # libusb and its emulation
  libfreetype-dev fonts-dejavu-core                  # Vietnamese receipt text as raster images
  libssl-dev                                         # OpenSSL 3 libcrypto
  libsqlite3-dev sqlite3                             # SQLite (through GRDB)
  libqrencode-dev                                    # QR images
  python3-venv                                       # virtual environment for the test oracles
  systemd                                            # systemd-analyze for the unit checks
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: system packages present"
fi

# pcscd must not be started by the package's socket unit in tests; the harness starts its own.
command -v swift >/dev/null || [ -x /opt/swift/usr/bin/swift ] || { echo "setup: Swift 6 toolchain not found (expected swift on PATH or /opt/swift)" >&2; exit 1; }

# Python test oracles in the repository's .venv, from scripts/test-requirements.txt; reinstalled
# only when the requirements file is newer than the last install.
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
requirements="$repo/scripts/test-requirements.txt"
stamp="$repo/.venv/.test-requirements.installed"
if [ ! -x "$repo/.venv/bin/python" ]; then
  echo "setup: creating $repo/.venv"
  python3 -m venv "$repo/.venv"
fi
if [ ! -e "$stamp" ] || [ "$requirements" -nt "$stamp" ]; then
  echo "setup: installing the Python test oracles"
  "$repo/.venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
  touch "$stamp"
else
  echo "setup: Python test oracles present"
fi
