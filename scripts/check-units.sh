#!/usr/bin/env bash
# Checks the files in systemd/:
#   1. `systemd-analyze verify` on systemd/kioskd.service reports nothing (see "The missing binary").
#   2. `systemd-analyze security --offline=yes` exposure of kioskd.service is at most 2.0; the score is
#      printed.
#   3. kioskd.sysusers and kioskd.tmpfiles, applied to a temporary root, create user/group "kiosk", the
#      state and runtime directories, and hand the configuration to group kiosk, with the intended modes.
#   4. The polkit rule grants the two pcsc-lite actions to user "kiosk" and nothing else (evaluated with
#      node when it is installed; polkitd itself cannot be run here).
#
# The missing binary: `systemd-analyze verify` also checks that every Exec*= command is an executable
# file, and /usr/bin/kioskd exists only once the package is installed. The check runs twice:
#   a. on the real root, with the unit file as it is. If /usr/bin/kioskd is absent, exactly one line is
#      accepted: "kioskd.service: Command /usr/bin/kioskd is not executable: No such file or directory".
#      Any other line (a bad key, a bad value, a missing dependency, ...) fails the check. If the binary
#      is installed, no line at all is accepted.
#   b. with --root on a temporary tree holding a copy of the host's unit directory, /bin/kill and an
#      executable stub at /usr/bin/kioskd: here verify must print nothing and exit 0. The stub stands
#      in only for the existence check; the unit file is the same byte for byte.
#
# Usage: scripts/check-units.sh   (from any directory; needs systemd 250 or newer for --offline)
# Exit status: 0 when every check passes, 1 otherwise.
set -u

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
unit="$repo/systemd/kioskd.service"
max_exposure="2.0"
failed=0

fail() { echo "FAIL: $*"; failed=1; }
pass() { echo "ok:   $*"; }

if ! command -v systemd-analyze >/dev/null 2>&1; then
    echo "FAIL: systemd-analyze not found (Debian package: systemd)"
    exit 1
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# --- 1a. verify on the real root -----------------------------------------------------------------
exec_path="$(sed -n 's/^ExecStart=\([^ ]*\).*/\1/p' "$unit" | head -n 1)"
unit_name="$(basename "$unit")"
tolerated="$unit_name: Command $exec_path is not executable: No such file or directory"
verify_out="$(systemd-analyze verify "$unit" 2>&1)"
verify_rc=$?
unexpected="$(printf '%s\n' "$verify_out" | grep -v '^$' || true)"
if [ ! -x "$exec_path" ]; then
    unexpected="$(printf '%s\n' "$unexpected" | grep -v -x -F "$tolerated" || true)"
fi
if [ -n "$unexpected" ]; then
    fail "systemd-analyze verify $unit_name (exit $verify_rc):"
    printf '%s\n' "$unexpected" | sed 's/^/      /'
elif [ ! -x "$exec_path" ]; then
    pass "systemd-analyze verify $unit_name: clean apart from the not-yet-installed $exec_path"
else
    pass "systemd-analyze verify $unit_name: clean"
fi

# --- 1b. verify in a temporary root where the binary exists ---------------------------------------
vroot="$tmp/root"
mkdir -p "$vroot/usr/lib/systemd" "$vroot/etc/systemd/system" "$vroot/bin" "$vroot/$(dirname "$exec_path")"
cp -a /usr/lib/systemd/system "$vroot/usr/lib/systemd/"
cp "$(command -v kill)" "$vroot/bin/kill" 2>/dev/null || cp /bin/kill "$vroot/bin/kill"
printf '#!/bin/sh\nexit 0\n' > "$vroot/$exec_path"
chmod 0755 "$vroot/$exec_path"
cp "$unit" "$vroot/etc/systemd/system/$unit_name"
root_out="$(systemd-analyze verify --root="$vroot" "$vroot/etc/systemd/system/$unit_name" 2>&1)"
root_rc=$?
if [ "$root_rc" -ne 0 ] || [ -n "$root_out" ]; then
    fail "systemd-analyze verify --root (binary present) exit $root_rc:"
    printf '%s\n' "$root_out" | sed 's/^/      /'
else
    pass "systemd-analyze verify --root with $exec_path present: exit 0, no output"
fi

# --- 2. security exposure --------------------------------------------------------------------------
sec_out="$(systemd-analyze security --offline=yes --no-pager "$unit" 2>&1)"
sec_rc=$?
score="$(printf '%s\n' "$sec_out" | sed -n 's/.*Overall exposure level for [^:]*: \([0-9][0-9.]*\).*/\1/p' | tail -n 1)"
if [ "$sec_rc" -ne 0 ] || [ -z "$score" ]; then
    fail "systemd-analyze security --offline=yes $unit_name (exit $sec_rc), no score found:"
    printf '%s\n' "$sec_out" | tail -n 20 | sed 's/^/      /'
else
    echo "exposure: $score (limit $max_exposure) from: systemd-analyze security --offline=yes systemd/$unit_name"
    if awk -v s="$score" -v m="$max_exposure" 'BEGIN { exit !(s > m) }'; then
        fail "exposure $score is above $max_exposure; items that count:"
        printf '%s\n' "$sec_out" | grep '^✗' | sed 's/^/      /'
    else
        pass "exposure $score <= $max_exposure"
    fi
fi

# --- 3. sysusers and tmpfiles in a temporary root ---------------------------------------------------
sroot="$tmp/sysroot"
mkdir -p "$sroot/etc/health-kiosk"
# As `make install` leaves the configuration: root-owned; tmpfiles must hand it to group kiosk.
chmod 0700 "$sroot/etc/health-kiosk"
install -m 0600 /dev/null "$sroot/etc/health-kiosk/kioskd.toml"
if ! out="$(systemd-sysusers --root="$sroot" "$repo/systemd/kioskd.sysusers" 2>&1)"; then
    fail "systemd-sysusers: $out"
elif ! out="$(systemd-tmpfiles --root="$sroot" --create "$repo/systemd/kioskd.tmpfiles" 2>&1)"; then
    fail "systemd-tmpfiles --create: $out"
else
    uid="$(awk -F: '$1 == "kiosk" { print $3 }' "$sroot/etc/passwd")"
    gid="$(awk -F: '$1 == "kiosk" { print $3 }' "$sroot/etc/group")"
    shell="$(awk -F: '$1 == "kiosk" { print $7 }' "$sroot/etc/passwd")"
    if [ -z "$uid" ] || [ -z "$gid" ]; then
        fail "sysusers did not create user and group kiosk"
    elif [ "$uid" -ge 1000 ] || [ "$shell" != "/usr/sbin/nologin" ]; then
        fail "kiosk is not a system user without login (uid $uid, shell $shell)"
    else
        pass "sysusers: system user kiosk (uid $uid, gid $gid, shell $shell)"
    fi
    for spec in "var/lib/health-kiosk 700 $uid $gid" "run/health-kiosk 750 $uid $gid" \
                "etc/health-kiosk 750 0 $gid" "etc/health-kiosk/kioskd.toml 640 0 $gid"; do
        set -- $spec
        got="$(stat -c '%a %u %g' "$sroot/$1" 2>/dev/null || echo missing)"
        if [ "$got" != "$2 $3 $4" ]; then
            fail "tmpfiles: /$1 is '$got' (mode uid gid), expected '$2 $3 $4'"
        else
            pass "tmpfiles: /$1 mode $2 owner $3:$4"
        fi
    done
fi

# --- 4. polkit rule --------------------------------------------------------------------------------
rule="$repo/systemd/50-health-kiosk-pcscd.rules"
if command -v node >/dev/null 2>&1; then
    if out="$(node - "$rule" 2>&1 <<'EOF'
const src = require("fs").readFileSync(process.argv[2], "utf8");
const rules = [];
const polkit = { Result: { YES: "yes", NO: "no", AUTH_ADMIN: "auth_admin", NOT_HANDLED: null },
                 addRule: (f) => rules.push(f), log: () => {} };
new Function("polkit", src)(polkit);
const decide = (id, user) => {
  for (const r of rules) { const v = r({ id, lookup: () => undefined }, { user }); if (v != null) return v; }
  return null;
};
const want = [
  ["org.debian.pcsc-lite.access_pcsc", "kiosk", "yes"],
  ["org.debian.pcsc-lite.access_card", "kiosk", "yes"],
  ["org.debian.pcsc-lite.access_pcsc", "nobody", null],
  ["org.debian.pcsc-lite.access_card", "www-data", null],
  ["org.freedesktop.login1.reboot", "kiosk", null],
];
let bad = 0;
for (const [id, user, expected] of want) {
  const got = decide(id, user);
  if (got !== expected) { console.log(`${id} for ${user}: got ${got}, expected ${expected}`); bad++; }
}
process.exit(bad ? 1 : 0);
EOF
)"; then
        pass "polkit rule: access_pcsc and access_card for kiosk only"
    else
        fail "polkit rule: $out"
    fi
else
    echo "skip: polkit rule not evaluated (node not installed)"
fi

if [ "$failed" -ne 0 ]; then
    echo "check-units: FAILED"
    exit 1
fi
echo "check-units: all checks passed"
