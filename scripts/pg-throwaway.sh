#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: `start` makes one in a temporary folder (initdb,
# trust authentication, superuser `jalon`, 127.0.0.1 only) and prints its URL; `stop` stops it and
# deletes the folder. Nothing is installed or left behind: Debian's `postgresql` package gives the
# binaries (`apt-get install -y postgresql`). initdb and postgres refuse to run as root, so as root
# they run as the `postgres` user.
#
#   url=$(scripts/pg-throwaway.sh start)   # port JALON_PG_PORT, 54329 unless set
#   JALON_TEST_DATABASE_URL=$url npm test
#   scripts/pg-throwaway.sh stop           # the same JALON_PG_PORT; nothing to do when none runs
#
# A test cluster is thrown away, so by default it does not flush commits to the disk (fsync,
# synchronous_commit off: same answers, faster); JALON_PG_DURABLE=1 keeps PostgreSQL's defaults
# (for a benchmark of durable writes).
set -euo pipefail

port=${JALON_PG_PORT:-54329}
# which folder holds this port's cluster (mktemp's name cannot be guessed)
pointer="${TMPDIR:-/tmp}/jalon-pg-$port.dir"

bindir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) "$(pg_config --bindir 2>/dev/null || true)"; do
    if [ -x "$d/initdb" ]; then
      echo "$d"
      return
    fi
  done
  echo "pg-throwaway: no initdb (apt-get install -y postgresql)" >&2
  exit 1
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    if [ -e "$pointer" ]; then
      echo "pg-throwaway: a cluster already runs on port $port ($(cat "$pointer")); stop it first" >&2
      exit 1
    fi
    bin=$(bindir)
    dir=$(mktemp -d "${TMPDIR:-/tmp}/jalon-pg-XXXXXX")
    if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U jalon -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
      cat "$dir/initdb.log" >&2
      rm -rf "$dir"
      exit 1
    }
    opts="-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200"
    if [ "${JALON_PG_DURABLE:-0}" != 1 ]; then
      opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    fi
    if ! as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 30 -o "$opts" start >/dev/null; then
      echo "pg-throwaway: PostgreSQL did not start on port $port:" >&2
      tail -n 20 "$dir/log" >&2
      rm -rf "$dir"
      exit 1
    fi
    echo "$dir" >"$pointer"
    echo "postgres://jalon@127.0.0.1:$port/postgres"
    ;;
  stop)
    [ -e "$pointer" ] || exit 0
    dir=$(cat "$pointer")
    as_owner "$(bindir)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    rm -rf "$dir" "$pointer"
    ;;
  *)
    echo "usage: JALON_PG_PORT=54329 $0 start|stop" >&2
    exit 2
    ;;
esac
