#!/usr/bin/env bash
# with-postgres.sh COMMAND…: run COMMAND with a private PostgreSQL 15 cluster of its own, then
# stop the cluster and delete it, whatever COMMAND did.
#
# The cluster lives in a temporary folder: initdb'd there, its socket there, no TCP
# (listen_addresses=''), run by an unprivileged user (the `postgres` user when started as root),
# scram-sha-256 with a random password kept in a file. COMMAND sees:
#   NOTICED_TEST_PG             postgresql://noticed@%2F<socket dir>:<port>/noticed
#   NOTICED_TEST_PG_PASSWORD    the password file (mode 0600, readable by the caller)
# Tests run it with fsync off (a throwaway cluster); NOTICED_PG_FSYNC=on keeps fsync on, as the
# benchmark does, so its figures pay for durable commits as a real server would.
# and the tests that need PostgreSQL read those two (they are skipped where they are unset).
# Like Debian's pg_virtualenv, but socket-only, which pg_virtualenv is not.
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: scripts/with-postgres.sh COMMAND…" >&2; exit 2; }

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "with-postgres: no PostgreSQL server (apt-get install postgresql)" >&2; exit 2; }

dir=$(mktemp -d /tmp/noticed-pg.XXXXXX)
chmod 0755 "$dir"
owner=$(id -un)
as_owner() { "$@"; }
if [ "$(id -u)" = 0 ]; then
    owner=postgres
    as_owner() { runuser -u postgres -- "$@"; }
fi
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
printf '%s\n' "$password" >"$dir/password"
chmod 0600 "$dir/password"
mkdir -p "$dir/data" "$dir/socket"
chown "$owner" "$dir/data" "$dir/socket"
cp "$dir/password" "$dir/pwfile"
chown "$owner" "$dir/pwfile"
port=$((20000 + RANDOM % 20000))

stop() {
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap stop EXIT

as_owner "$bin/initdb" -D "$dir/data" -U noticed --pwfile="$dir/pwfile" --auth=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 2; }
rm -f "$dir/pwfile"
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w -t 60 \
    -o "-c listen_addresses='' -k $dir/socket -p $port -c fsync=${NOTICED_PG_FSYNC:-off} -c max_connections=200 ${NOTICED_PG_OPTIONS:-}" start >/dev/null ||
    { cat "$dir/data/server.log" >&2; exit 2; }
PGPASSWORD=$password "$bin/psql" -h "$dir/socket" -p "$port" -U noticed -d postgres -qAt \
    -c "CREATE DATABASE noticed" >/dev/null

export NOTICED_TEST_PG="postgresql://noticed@${dir//\//%2F}%2Fsocket:$port/noticed"
export NOTICED_TEST_PG_PASSWORD="$dir/password"
export NOTICED_TEST_PG_BIN="$bin"
export NOTICED_TEST_PG_DATA="$dir/data"
set +e
"$@"
status=$?
set -e
exit $status
