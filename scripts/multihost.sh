#!/usr/bin/env bash
# make multihost: three hosts feeding one PostgreSQL store, with faults (issue 18).
#
# Four network namespaces on this machine, linked by veth pairs: nm-pg runs a private PostgreSQL
# 15 (initdb'd into a temporary folder, run as the unprivileged `postgres` user, TCP on its veth
# addresses, TLS required with a self-signed certificate, scram-sha-256), and nm-h1…nm-h3 each run `noticed serve` on a spool of their own,
# connecting over TCP. Each host is sent FILES files; a third of them are also sent to a second
# host at the same moment: half of those as the same bytes (one must be stored, the other a
# duplicate sighting), half as a damaged copy (the two must share a cluster). Meanwhile the daemon
# of host 1 is killed with SIGKILL KILLS times and restarted, and the server is restarted
# RESTARTS times. At the end: every unique file stored once (0 lost, 0 doubled), nothing left in
# incoming/, and the clusters equal those of one `noticed ingest` of the same files into SQLite.
#
# Usage: scripts/multihost.sh NOTICED NOTICED-PROOF   (root: namespaces, veth, runuser)
# Env:   FILES (2000), KILLS (10), RESTARTS (2), TIMEOUT seconds for the drain (600)
set -euo pipefail
noticed=$(realpath "${1:?usage: scripts/multihost.sh NOTICED NOTICED-PROOF}")
proof=$(realpath "${2:?usage: scripts/multihost.sh NOTICED NOTICED-PROOF}")
files=${FILES:-2000}
kills=${KILLS:-10}
restarts=${RESTARTS:-2}
timeout=${TIMEOUT:-600}
say() { printf 'multihost: %s\n' "$*"; }
[ "$(id -u)" = 0 ] || { echo "multihost: needs root (ip netns, veth, runuser)" >&2; exit 2; }
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "multihost: no PostgreSQL server (apt-get install postgresql)" >&2; exit 2; }
command -v ip >/dev/null || { echo "multihost: no ip (apt-get install iproute2)" >&2; exit 2; }

work=$(mktemp -d /tmp/noticed-multihost.XXXXXX)
chmod 0755 "$work"
tag=nm$$
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
    for h in 1 2 3; do [ -f "$work/h$h.pid" ] && kill -9 "$(cat "$work/h$h.pid")" 2>/dev/null || true; done
    ip netns exec "$tag-pg" runuser -u postgres -- "$bin/pg_ctl" -D "$work/pg" -m immediate -w stop >/dev/null 2>&1 || true
    for ns in pg h1 h2 h3; do ip netns del "$tag-$ns" 2>/dev/null || true; done
    if [ "${KEEP:-0}" = 1 ]; then say "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# --- the network: pg ↔ each host over its own veth pair ------------------------------------------
for ns in pg h1 h2 h3; do
    ip netns add "$tag-$ns"
    ip -n "$tag-$ns" link set lo up
done
for h in 1 2 3; do
    ip link add "$tag-h$h" type veth peer name "$tag-p$h"
    ip link set "$tag-h$h" netns "$tag-h$h"
    ip link set "$tag-p$h" netns "$tag-pg"
    ip -n "$tag-h$h" addr add "10.77.$h.2/24" dev "$tag-h$h"
    ip -n "$tag-pg" addr add "10.77.$h.1/24" dev "$tag-p$h"
    ip -n "$tag-h$h" link set "$tag-h$h" up
    ip -n "$tag-pg" link set "$tag-p$h" up
done
say "namespaces $tag-pg, $tag-h1…3; host N reaches the server at 10.77.N.1:5432"

# --- the server ---------------------------------------------------------------------------------------
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
printf '%s\n' "$password" >"$work/password"
chmod 0600 "$work/password"
mkdir -p "$work/pg" "$work/sock"
chown postgres "$work/pg" "$work/sock"
install -o postgres -m 0600 "$work/password" "$work/pwfile"
runuser -u postgres -- "$bin/initdb" -D "$work/pg" -U noticed --pwfile="$work/pwfile" --auth=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log" >&2; exit 2; }
# TLS only over the veth links (hostssl): the server's certificate is signed by a CA of this run,
# for the three addresses the hosts reach it at. Hosts 1 and 2 ask for sslmode=require (encrypted,
# not checked); host 3 for verify-full against that CA (sslrootcert), so the certificate chain and
# the address are checked by NIOSSL.
echo "hostssl all all 10.77.0.0/16 scram-sha-256" >>"$work/pg/pg_hba.conf"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=noticed-multihost CA" \
    -keyout "$work/ca.key" -out "$work/ca.pem" >/dev/null 2>&1
openssl req -newkey rsa:2048 -nodes -subj "/CN=noticed-multihost" \
    -keyout "$work/pg/server.key" -out "$work/server.csr" >/dev/null 2>&1
printf 'subjectAltName=IP:10.77.1.1,IP:10.77.2.1,IP:10.77.3.1\n' >"$work/san.ext"
openssl x509 -req -in "$work/server.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -CAcreateserial -days 2 \
    -extfile "$work/san.ext" -out "$work/pg/server.crt" >/dev/null 2>&1
chown postgres "$work/pg/server.key" "$work/pg/server.crt"
chmod 0600 "$work/pg/server.key"
echo "ssl = on" >>"$work/pg/postgresql.conf"
pg_start() {
    ip netns exec "$tag-pg" runuser -u postgres -- "$bin/pg_ctl" -D "$work/pg" -l "$work/pg/server.log" -w -t 60 \
        -o "-c listen_addresses='*' -k $work/sock -c max_connections=50" start >/dev/null
}
pg_start
PGPASSWORD=$password "$bin/psql" -h "$work/sock" -U noticed -d postgres -qAt -c "CREATE DATABASE noticed" >/dev/null
psql_q() { PGPASSWORD=$password "$bin/psql" -h "$work/sock" -U noticed -d noticed -qAt -c "$1"; }

# --- the files ------------------------------------------------------------------------------------------
# Per host: FILES files: a third its own, a third it shares with the next host and a third the
# previous host shares with it (the same bytes or a damaged copy, alternately).
shared=$((files / 3))
own=$((files - 2 * shared))
"$proof" generate --count $((3 * own + 3 * shared)) --seed 18 "$work/corpus" >/dev/null
python3 - "$work" "$own" "$shared" <<'EOF'
import os, sys
work, own, shared = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
names = sorted(os.listdir(f"{work}/corpus"), key=lambda n: int(n[1:].split(".")[0]))
for h in (1, 2, 3):
    os.makedirs(f"{work}/send/h{h}", exist_ok=True)
def put(h, name, data):
    with open(f"{work}/send/h{h}/{name}", "wb") as f: f.write(data)
unique = []
i = 0
for h in (1, 2, 3):
    for _ in range(own):
        data = open(f"{work}/corpus/{names[i]}", "rb").read(); i += 1
        put(h, f"own-{names[i-1]}", data); unique.append(data)
    other = h % 3 + 1
    for k in range(shared):
        data = open(f"{work}/corpus/{names[i]}", "rb").read(); i += 1
        put(h, f"sh-{names[i-1]}", data); unique.append(data)
        if k % 2 == 0:
            put(other, f"dup-{names[i-1]}", data)         # the same bytes on two hosts
        else:
            # Its last line cut (a line break is one byte in every encoding the corpus uses).
            body = data.rstrip(b"\r\n")
            cut = body.rfind(b"\n")
            copy = body[:cut] + b"\n" if cut > 0 else data + b"\n"
            put(other, f"copy-{names[i-1]}", copy)         # a damaged copy on the other host
            unique.append(copy)
import hashlib
with open(f"{work}/unique.txt", "w") as f:
    for data in unique: f.write(hashlib.sha256(data).hexdigest() + "\n")
EOF
unique=$(sort -u "$work/unique.txt" | wc -l)
ls "$work"/send/h1 "$work"/send/h2 "$work"/send/h3 >"$work/send-list.txt"
say "$((3 * files)) files dropped, $unique distinct ($((3 * shared)) of them on two hosts at once)"

# --- the daemons ----------------------------------------------------------------------------------------
start_daemon() { # start_daemon N
    local h=$1
    mkdir -p "$work/h$h/spool/incoming"
    local tls="sslmode=require"
    [ "$h" = 3 ] && tls="sslmode=verify-full&sslrootcert=$work/ca.pem"
    ip netns exec "$tag-h$h" "$noticed" serve --spool "$work/h$h/spool" \
        --db "postgresql://noticed@10.77.$h.1:5432/noticed?$tls" --password-file "$work/password" \
        --log-target stderr --settle-delay 0.2 >>"$work/h$h.log" 2>&1 &
    echo $! >"$work/h$h.pid"
}
for h in 1 2 3; do start_daemon $h; done

# Drop everything in rounds, the shared files on both hosts in the same round.
dropper() {
    python3 - "$work" <<'EOF'
import os, sys, time
work = sys.argv[1]
lists = {h: sorted(os.listdir(f"{work}/send/h{h}")) for h in (1, 2, 3)}
rounds = 20
for r in range(rounds):
    for h in (1, 2, 3):
        part = lists[h][r::rounds]
        for name in part:
            src = f"{work}/send/h{h}/{name}"
            tmp = f"{work}/h{h}/spool/incoming/.{name}.part"
            os.makedirs(os.path.dirname(tmp), exist_ok=True)
            with open(src, "rb") as s, open(tmp, "wb") as d: d.write(s.read())
            os.rename(tmp, f"{work}/h{h}/spool/incoming/{name}")
    time.sleep(0.2)
EOF
}
t0=$SECONDS
dropper &
drop_pid=$!
pids+=("$drop_pid")

# Faults while the files arrive and drain: SIGKILL host 1's daemon, restart the server.
kill_every=$(awk -v k="$kills" 'BEGIN { printf "%.2f", 12.0 / (k > 0 ? k : 1) }')
restart_at=()
for r in $(seq 1 "$restarts"); do restart_at+=($((r * kills / (restarts + 1)))); done
killed=0
restarted=0
for k in $(seq 1 "$kills"); do
    sleep "$kill_every"
    kill -9 "$(cat "$work/h1.pid")" 2>/dev/null || true
    killed=$((killed + 1))
    start_daemon 1
    for at in "${restart_at[@]}"; do
        if [ "$k" = "$at" ]; then
            ip netns exec "$tag-pg" runuser -u postgres -- "$bin/pg_ctl" -D "$work/pg" -m fast -w restart \
                -o "-c listen_addresses='*' -k $work/sock -c max_connections=50" >/dev/null
            restarted=$((restarted + 1))
        fi
    done
done
wait "$drop_pid" || true

# --- the drain --------------------------------------------------------------------------------------------
left() { find "$work"/h?/spool/incoming -type f | wc -l; }
deadline=$((SECONDS + timeout))
dead=0
until [ "$(left)" = 0 ]; do
    if [ $SECONDS -ge $deadline ]; then say "timeout: $(left) file(s) still in incoming/"; break; fi
    for h in 1 2 3; do
        if ! kill -0 "$(cat "$work/h$h.pid")" 2>/dev/null; then
            say "the daemon of host $h exited by itself:"
            tail -3 "$work/h$h.log" | sed 's/^/    /'
            dead=1
        fi
    done
    [ "$dead" = 0 ] || break
    sleep 0.5
done
drained=$((SECONDS - t0))
for h in 1 2 3; do kill -TERM "$(cat "$work/h$h.pid")" 2>/dev/null || true; done
for h in 1 2 3; do while kill -0 "$(cat "$work/h$h.pid")" 2>/dev/null; do sleep 0.1; done; done

# --- TLS checks -----------------------------------------------------------------------------------------
# verify-full against this run's CA connects; against the system's roots (which do not know it)
# it is refused, in one line, without the password.
url3="postgresql://noticed@10.77.3.1:5432/noticed"
verified=no
ip netns exec "$tag-h3" "$noticed" stats --db "$url3?sslmode=verify-full&sslrootcert=$work/ca.pem" \
    --password-file "$work/password" >/dev/null 2>&1 && verified=yes
untrusted=no
if ! ip netns exec "$tag-h3" "$noticed" stats --db "$url3?sslmode=verify-full" --password-file "$work/password" \
    >"$work/untrusted.out" 2>&1; then
    [ "$(wc -l <"$work/untrusted.out")" = 1 ] && grep -q "certificate" "$work/untrusted.out" \
        && ! grep -qF "$password" "$work/untrusted.out" && untrusted=yes
fi
sed 's/^/multihost: verify-full with an unknown CA: /' "$work/untrusted.out" >&2

# --- the count ------------------------------------------------------------------------------------------
psql_q "SELECT sha256, count(*) FROM document GROUP BY sha256" >"$work/stored.txt"
psql_q "SELECT sha256, cluster FROM document" >"$work/clusters.txt"
duplicates=$(psql_q "SELECT count(*) FROM duplicate")
retries=$(cat "$work"/h?.log | grep -c 'NOTICE_EVENT=retry ' || true)
failed=$(find "$work"/h?/spool/failed -type f -not -name '*.json' | wc -l)
# The single-host reference: the same distinct files, one `noticed ingest` into SQLite.
mkdir -p "$work/single"
for h in 1 2 3; do cp -n "$work"/send/h$h/* "$work/single/" 2>/dev/null || true; done
"$noticed" ingest --db "$work/single.sqlite" "$work/single" >/dev/null 2>&1 || true
sqlite3 -separator '|' "$work/single.sqlite" "SELECT sha256, cluster FROM document" >"$work/single-clusters.txt"
python3 - "$work" "$verified" "$untrusted" "$unique" "$duplicates" "$retries" "$failed" "$killed" "$restarted" "$drained" <<'EOF'
import sys, collections
work, verified, untrusted = sys.argv[1:4]
unique, duplicates, retries, failed, killed, restarted, drained = map(int, sys.argv[4:])
wanted = set(open(f"{work}/unique.txt").read().split())
stored = {}
for line in open(f"{work}/stored.txt"):
    sha, n = line.strip().split("|"); stored[sha] = int(n)
lost = len(wanted - set(stored))
doubled = sum(n - 1 for n in stored.values() if n > 1)
extra = len(set(stored) - wanted)
def partition(path):
    groups = collections.defaultdict(set)
    for line in open(path):
        sha, c = line.strip().split("|"); groups[c].add(sha)
    return {frozenset(g) for g in groups.values()}
multi, single = partition(f"{work}/clusters.txt"), partition(f"{work}/single-clusters.txt")
differ = len(multi ^ single)
sightings = sum(1 for line in open(f"{work}/send-list.txt") if line.startswith("dup-"))
print()
print("| measure | value |")
print("| --- | --- |")
for k, v in [
    ("distinct files", unique), ("documents stored", len(stored)), ("lost", lost), ("doubled", doubled),
    ("stored but never dropped", extra), ("duplicate sightings (same bytes, other host)", f"{duplicates} of {sightings}"), ("files in failed/", failed),
    ("SIGKILLs of host 1's daemon", killed), ("server restarts", restarted), ("retry log lines", retries),
    ("clusters (3 hosts)", len(multi)), ("clusters (one ingest into SQLite)", len(single)),
    ("clusters that differ", differ), ("seconds to drain", drained),
    ("verify-full against the run's CA (host 3's daemon, and a command)", verified),
    ("verify-full against the system's roots refused, in one line", untrusted),
]:
    print(f"| {k} | {v} |")
ok = (lost == 0 and doubled == 0 and extra == 0 and failed == 0 and differ == 0 and len(stored) == unique
      and duplicates == sightings and verified == "yes" and untrusted == "yes")
print()
print("multihost: " + ("ok" if ok else "FAILED"))
sys.exit(0 if ok else 1)
EOF
