#!/usr/bin/env bash
# make e2e: boot a real systemd (Debian bookworm in systemd-nspawn) with noticed installed the way a
# package would install it, and drive the unit as an operator does: systemctl, journalctl, the spool.
#
# The host needs no systemd of its own: nspawn runs with --register=no --keep-unit and we enter the
# container with nsenter. The bookworm rootfs is built once by debootstrap and cached in E2E_CACHE;
# every run boots a fresh copy of it, so sysusers and tmpfiles start from nothing each time.
#
# Usage: scripts/e2e.sh BINARY   (BINARY: a --static-swift-stdlib build of noticed)
# Env:   E2E_CACHE (default /var/cache/noticed-e2e), E2E_KEEP=1 keeps the run's rootfs and container.
set -euo pipefail

binary=${1:?usage: scripts/e2e.sh BINARY}
here=$(cd "$(dirname "$0")/.." && pwd)
cache=${E2E_CACHE:-/var/cache/noticed-e2e}
base=$cache/rootfs
# What a Debian package of noticed would depend on: the libraries the static binary still links
# (checked with ldd below) and procps for the unit's ExecReload=/bin/kill.
runtime_packages=procps,systemd,systemd-sysv,dbus,libsqlite3-0,libopencc1.1,libicu72,zlib1g,libsystemd0,libre2-9,libstdc++6,libxml2,libarchive13,libpoppler-cpp0v5

passed=0
failed=0
say() { printf 'e2e: %s\n' "$*"; }
ok() { passed=$((passed + 1)); printf 'ok     %s\n' "$*"; }
failures=()
not_ok() { failed=$((failed + 1)); failures+=("$*"); printf 'NOT OK %s\n' "$*"; }
check() { # check DESCRIPTION COMMAND…
    local what=$1; shift
    if "$@"; then ok "$what"; else not_ok "$what"; fi
}

[ "$(id -u)" = 0 ] || { echo "e2e: needs root (debootstrap, systemd-nspawn, nsenter)" >&2; exit 2; }
for tool in debootstrap:debootstrap systemd-nspawn:systemd-container; do
    command -v "${tool%%:*}" >/dev/null || {
        say "installing ${tool##*:}"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${tool##*:}" >/dev/null
    }
done

# --- the cached base system --------------------------------------------------------------------------
if [ ! -x "$base/lib/systemd/systemd" ]; then
    mirror=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
    [ -n "$mirror" ] || mirror=$(awk '/^deb / { print $2; exit }' /etc/apt/sources.list)
    say "building the bookworm rootfs in $base (once; cached)"
    mkdir -p "$cache"
    rm -rf "$base.tmp"
    debootstrap --variant=minbase --include="$runtime_packages" bookworm "$base.tmp" "$mirror" >"$cache/debootstrap.log" 2>&1 ||
        { tail -20 "$cache/debootstrap.log" >&2; exit 2; }
    mv "$base.tmp" "$base"
fi
# A cache made by an older version of this script may lack a package added since.
missing_packages=$(for p in ${runtime_packages//,/ }; do
    chroot "$base" dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
done)
if [ -n "$missing_packages" ]; then
    say "adding to the cached rootfs: $missing_packages"
    chroot "$base" apt-get update -qq >/dev/null
    chroot "$base" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing_packages >/dev/null
fi

# --- this run's system: a fresh copy of the base, noticed installed into it ----------------------------
root=$(mktemp -d "$cache/run.XXXXXX")
nspawn_pid=
cleanup() {
    if [ -n "$nspawn_pid" ] && kill -0 "$nspawn_pid" 2>/dev/null; then
        kill -TERM "$nspawn_pid" 2>/dev/null || true
        for _ in $(seq 100); do kill -0 "$nspawn_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$nspawn_pid" 2>/dev/null || true
    fi
    if [ "${E2E_KEEP:-0}" = 1 ]; then say "kept $root"; else rm -rf "$root"; fi
}
trap cleanup EXIT
cp -a "$base/." "$root/"
make -s -C "$here" install-files DESTDIR="$root" PREFIX=/usr BINARY="$binary" >/dev/null
mkdir -p "$root/root/seeds"
cp "$here"/Tests/PipelineTests/Fixtures/seeds/*.txt "$root/root/seeds/"
missing=$(chroot "$root" ldd /usr/bin/noticed | grep 'not found' || true)
[ -z "$missing" ] || { echo "e2e: libraries missing in the rootfs: $missing" >&2; exit 2; }

# --- boot ----------------------------------------------------------------------------------------------
say "booting systemd in $root"
systemd-nspawn -q -D "$root" --boot --register=no --keep-unit --private-network --console=passive \
    >"$root.console.log" 2>&1 &
nspawn_pid=$!
leader=
for _ in $(seq 300); do
    leader=$(pgrep -P "$nspawn_pid" | head -1 || true)
    [ -n "$leader" ] && break
    sleep 0.1
done
[ -n "$leader" ] || { cat "$root.console.log" >&2; echo "e2e: the container did not start" >&2; exit 2; }

# inside COMMAND…: run a command inside the booted container (all its namespaces, a clean environment).
inside() { nsenter -t "$leader" -a -- env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }
# until SECONDS COMMAND…: wait for a condition with a deadline (no fixed sleeps).
until_true() {
    local deadline=$((SECONDS + $1)); shift
    until "$@" >/dev/null 2>&1; do
        [ $SECONDS -lt $deadline ] || return 1
        sleep 0.2
    done
}
booted() {
    local state
    state=$(inside systemctl is-system-running 2>/dev/null || true)
    [ "$state" = running ] || [ "$state" = degraded ]
}
until_true 300 booted || { inside systemctl --failed --no-pager || true; echo "e2e: boot did not finish" >&2; exit 2; }
say "booted: $(inside systemctl is-system-running || true), $(inside systemctl --version | head -1)"

# journal EXTRA…: the unit's journal as JSON lines.
journal() { inside journalctl -u noticed -o json --no-pager "$@"; }
# events EVENT: how many entries of that NOTICE_EVENT the unit has logged.
events() { journal "NOTICE_EVENT=$1" | grep -c . || true; }
at_least() { # at_least N EVENT
    [ "$(events "$2")" -ge "$1" ]
}
main_pid() { inside systemctl show -p MainPID --value noticed; }
as_noticed() { inside runuser -u noticed -- "$@"; }

# --- 1. start ------------------------------------------------------------------------------------------
check "systemctl start noticed succeeds" inside systemctl start noticed
check "the unit is active" inside systemctl is-active --quiet noticed
check "sysusers created the noticed user" inside getent passwd noticed
check "tmpfiles created incoming/ group-writable (2775)" \
    test "$(inside stat -c %a /var/spool/noticed/incoming)" = 2775
status_line() { inside systemctl status noticed --no-pager | grep -q 'Status: ".*ingested'; }
check "systemctl status shows the STATUS= counters" until_true 30 status_line
inside systemctl status noticed --no-pager | sed -n '1,12p' | sed 's/^/    /'

# --- 2. the seeds -------------------------------------------------------------------------------------
inside sh -c 'cp /root/seeds/*.txt /var/spool/noticed/incoming/'
check "5 seeds → 5 ingested entries in journalctl -u noticed" until_true 60 at_least 5 ingested
fields_ok() {
    journal NOTICE_EVENT=ingested | python3 -c '
import json, sys
need = ["SYSLOG_IDENTIFIER", "PRIORITY", "MESSAGE", "MESSAGE_ID", "NOTICE_EVENT", "NOTICE_FILE", "NOTICE_SHA256",
        "NOTICE_DOC_ID", "NOTICE_TITLE", "NOTICE_AGENCY", "NOTICE_REGION", "NOTICE_TAGS", "NOTICE_DURATION_US"]
rows = [json.loads(l) for l in sys.stdin if l.strip()]
bad = [(r.get("NOTICE_FILE"), k) for r in rows for k in need if k not in r]
bad += [(r.get("NOTICE_FILE"), "_SYSTEMD_UNIT") for r in rows if r.get("_SYSTEMD_UNIT") != "noticed.service"]
bad += [(r.get("NOTICE_FILE"), "PRIORITY") for r in rows if r.get("PRIORITY") != "6"]
for r in rows[:2]:
    print("    %s  %s  %s" % (r.get("NOTICE_FILE"), r.get("NOTICE_DOC_ID"), r.get("NOTICE_TITLE")))
print("    missing:", bad) if bad else None
sys.exit(1 if bad or len(rows) < 5 else 0)'
}
check "ingested entries carry the DESIGN §6 fields, PRIORITY 6, _SYSTEMD_UNIT=noticed.service" fields_ok
stored() { [ "$(as_noticed noticed search 养老 --config /etc/noticed/noticed.toml --json | grep -c .)" -ge 1 ]; }
rows() { as_noticed noticed export --config /etc/noticed/noticed.toml --format jsonl | grep -c . || true; }
five_rows() { [ "$(rows)" = 5 ]; }
check "the store holds 5 documents (noticed export)" until_true 30 five_rows
check "noticed search 养老 finds them in the store" until_true 30 stored
five_in_status() { inside systemctl status noticed --no-pager | grep -q 'Status: "ingested 5,'; }
check "systemctl status now says ingested 5" until_true 30 five_in_status
archived() { [ "$(inside sh -c 'ls /var/spool/noticed/done/*/ | wc -l')" = 5 ] && [ -z "$(inside ls /var/spool/noticed/incoming)" ]; }
check "inputs archived to done/DATE/, incoming/ empty" until_true 30 archived

# --- 3b. the web unit ------------------------------------------------------------------------------------
# web PATH: GET http://127.0.0.1:8080PATH from inside the container's network namespace (the host's curl).
web() { nsenter -t "$leader" -n -- curl -s --max-time 5 "http://127.0.0.1:8080$1"; }
web_up() { web /api/stats | grep -q '"documents":5'; }
check "systemctl start noticed-web succeeds" inside systemctl start noticed-web
check "… /api/stats says 5 documents" until_true 30 web_up
search_finds() { web '/search?q=%E5%85%BB%E8%80%81' | grep -q 'data-total="[1-9]'; }
csp_header() {
    nsenter -t "$leader" -n -- curl -s --max-time 5 -D - -o /dev/null http://127.0.0.1:8080/ |
        grep -qi '^content-security-policy: default-src'
}
check "… the search page finds 养老 (data-total)" until_true 30 search_finds
check "… its pages carry the Content-Security-Policy" until_true 30 csp_header
web_exposure=$(inside systemd-analyze security noticed-web.service --no-pager 2>/dev/null | grep 'Overall exposure' || true)
say "systemd-analyze security noticed-web.service: ${web_exposure:-none}"
web_score=$(sed -n 's/.*exposure level for noticed-web.service: \([0-9.]*\).*/\1/p' <<<"$web_exposure")
check "noticed-web exposure ≤ 2.0 (got ${web_score:-none})" awk -v s="${web_score:-99}" 'BEGIN { exit !(s <= 2.0) }'
check "systemctl stop noticed-web succeeds" inside systemctl stop noticed-web

# --- 3. a binary file ---------------------------------------------------------------------------------
inside sh -c 'head -c 8192 /dev/urandom > /tmp/blob.bin && mv /tmp/blob.bin /var/spool/noticed/incoming/blob.bin'
failed_err() { journal NOTICE_EVENT=failed -p err | grep -q '"NOTICE_FILE":"incoming/blob.bin"'; }
check "a binary file → NOTICE_EVENT=failed at PRIORITY err" until_true 30 failed_err
check "… and lands in failed/ with its sidecar" \
    inside test -f /var/spool/noticed/failed/blob.bin -a -f /var/spool/noticed/failed/blob.bin.error.json
inside sed 's/^/    /' /var/spool/noticed/failed/blob.bin.error.json | head -12

# --- 4. reload ---------------------------------------------------------------------------------------
inside sh -c 'cat >> /etc/noticed/rules.toml <<EOF

[[tag]]
id = "e2e-reload"
name = "端到端"
any = ["民政"]
EOF'
reloads_before=$(events reloaded)
check "systemctl reload noticed succeeds" inside systemctl reload noticed
check "… and logs NOTICE_EVENT=reloaded" until_true 20 at_least $((reloads_before + 1)) reloaded
inside sh -c 'f=$(ls /root/seeds/*.txt | head -1); { cat "$f"; echo; echo "（转载）"; } > /tmp/new.txt && mv /tmp/new.txt /var/spool/noticed/incoming/after-reload.txt'
new_tag() { journal NOTICE_EVENT=ingested | grep '"NOTICE_FILE":"incoming/after-reload.txt"' | grep -q e2e-reload; }
check "a file dropped after the reload gets the new rule's tag" until_true 30 new_tag

# --- 5. watchdog --------------------------------------------------------------------------------------
pid_before=$(main_pid)
restarts_before=$(inside systemctl show -p NRestarts --value noticed)
say "SIGSTOP to the daemon (pid $pid_before); WatchdogSec=30s"
inside kill -STOP "$pid_before"
restarted() {
    local pid; pid=$(main_pid)
    [ "$pid" != 0 ] && [ "$pid" != "$pid_before" ] && inside systemctl is-active --quiet noticed
}
t0=$SECONDS
check "the watchdog restarts a hung daemon" until_true 150 restarted
say "restarted after $((SECONDS - t0)) s; NRestarts $restarts_before → $(inside systemctl show -p NRestarts --value noticed)"
inside journalctl -u noticed --no-pager -o cat -g 'atchdog' | tail -3 | sed 's/^/    /' || true

# --- 6. stop ------------------------------------------------------------------------------------------
check "systemctl stop noticed succeeds" inside systemctl stop noticed
check "… the daemon exited 0 (Result=success)" \
    test "$(inside systemctl show -p Result --value noticed)/$(inside systemctl show -p ExecMainStatus --value noticed)" = success/0
check "… after logging NOTICE_EVENT=stopping" until_true 15 at_least 1 stopping

# --- 7. hardening -------------------------------------------------------------------------------------
exposure=$(inside systemd-analyze security noticed.service --no-pager 2>/dev/null | grep 'Overall exposure' || true)
say "systemd-analyze security noticed.service: ${exposure:-none}"
score=$(sed -n 's/.*exposure level for noticed.service: \([0-9.]*\).*/\1/p' <<<"$exposure")
check "exposure ≤ 2.0 (got ${score:-none})" awk -v s="${score:-99}" 'BEGIN { exit !(s <= 2.0) }'

echo
echo "e2e: $passed passed, $failed failed"
for f in "${failures[@]}"; do echo "e2e: failed: $f"; done
[ "$failed" = 0 ]
