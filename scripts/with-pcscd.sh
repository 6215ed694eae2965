#!/usr/bin/env bash
# Runs a command with pcscd up and the vpcd readers listed.
#
#   scripts/with-pcscd.sh CMD [ARGS...]
#
# Reuses a pcscd that is already running; otherwise starts `pcscd --foreground`, waits until
# the vpcd readers are listed, runs CMD and stops the pcscd it started (by PID).
# The exit status is CMD's. Runs that overlap share one pcscd; the run that started it stops
# it when it ends, so overlapping runs should be started from one wrapper.
#
# Environment:
#   PCSCD_DEBUG_LOG=FILE   start pcscd with --debug, writing its output to FILE
#   PCSCD_WAIT_SECONDS=N   how long to wait for the readers (default 15)
#   PCSCD=PATH             the pcscd binary (default: pcscd on PATH, then /usr/sbin/pcscd)
set -euo pipefail

if [[ $# -eq 0 ]]; then
    echo "usage: $0 CMD [ARGS...]" >&2
    exit 64
fi

readonly vpcd_conf=/etc/reader.conf.d/vpcd
readonly wait_seconds=${PCSCD_WAIT_SECONDS:-15}
pcscd_bin=${PCSCD:-$(command -v pcscd || echo /usr/sbin/pcscd)}

if [[ ! -f $vpcd_conf ]]; then
    echo "with-pcscd: $vpcd_conf is missing; install vsmartcard-vpcd (make setup)" >&2
    exit 69
fi

# True once pcscd lists a vpcd reader. pcsc_scan -r prints the reader list and exits.
readers_listed() {
    if command -v pcsc_scan >/dev/null 2>&1; then
        timeout 5 pcsc_scan -r 2>/dev/null | grep -q "Virtual PCD"
    else
        # Without pcsc-tools: pcscd's socket is there and the driver is loaded.
        [[ -S /run/pcscd/pcscd.comm ]]
    fi
}

started_pid=""
stop_pcscd() {
    if [[ -n $started_pid ]] && kill -0 "$started_pid" 2>/dev/null; then
        kill -TERM "$started_pid" 2>/dev/null || true
        for _ in $(seq 1 50); do
            kill -0 "$started_pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$started_pid" 2>/dev/null || true
        wait "$started_pid" 2>/dev/null || true
    fi
}
trap stop_pcscd EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if pgrep -x pcscd >/dev/null; then
    echo "with-pcscd: reusing running pcscd (pid $(pgrep -x pcscd | head -n1))" >&2
else
    if [[ ! -x $pcscd_bin ]]; then
        echo "with-pcscd: pcscd not found; install pcscd (make setup)" >&2
        exit 69
    fi
    if [[ -n ${PCSCD_DEBUG_LOG:-} ]]; then
        "$pcscd_bin" --foreground --debug >"$PCSCD_DEBUG_LOG" 2>&1 &
    else
        "$pcscd_bin" --foreground >/dev/null 2>&1 &
    fi
    started_pid=$!
    echo "with-pcscd: started pcscd (pid $started_pid)" >&2
fi

deadline=$((SECONDS + wait_seconds))
until readers_listed; do
    if [[ -n $started_pid ]] && ! kill -0 "$started_pid" 2>/dev/null; then
        wait "$started_pid" 2>/dev/null || true
        if pgrep -x pcscd >/dev/null; then
            # Another run started pcscd at the same moment; ours gave way. Use theirs.
            echo "with-pcscd: pcscd (pid $started_pid) gave way to pid $(pgrep -x pcscd | head -n1); reusing it" >&2
            started_pid=""
        else
            echo "with-pcscd: pcscd (pid $started_pid) exited before listing readers" >&2
            exit 70
        fi
    fi
    if ((SECONDS >= deadline)); then
        echo "with-pcscd: pcscd did not list the vpcd readers within ${wait_seconds}s (see $vpcd_conf)" >&2
        exit 70
    fi
    sleep 0.2
done

status=0
"$@" || status=$?
exit "$status"
