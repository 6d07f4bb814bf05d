#!/usr/bin/env bash
# A private PostgreSQL cluster for the database tests: initdb in a temporary folder, the
# server on a Unix socket in that folder only (no TCP), trust authentication for the socket.
# Run as root, the cluster belongs to the unprivileged user nobody (initdb refuses root).
#   eval "$(bash tests/database/cluster.sh start)"   exports ORGNET_TEST_DATABASE (a URI),
#                                                    ORGNET_TEST_CLUSTER (the folder)
#   bash tests/database/cluster.sh stop [FOLDER]     stops the server and removes the folder
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/initdb" ] || { echo "cluster.sh: no PostgreSQL server (apt-get install postgresql)" >&2; exit 1; }

as_owner() {  # runs a command as the cluster's owner
  if [ "$(id -u)" -eq 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    dir=$(mktemp -d /tmp/orgnet-pg.XXXXXX)
    chmod 755 "$dir"
    [ "$(id -u)" -eq 0 ] && chown nobody:nogroup "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U orgnet --auth=trust -E UTF8 --locale=C.UTF-8 \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    port=54329
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-k $dir -c listen_addresses='' -p $port -c fsync=off -c wal_level=logical" start \
      >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    "$bin/createdb" -h "$dir" -p "$port" -U orgnet orgnet_test
    echo "export ORGNET_TEST_CLUSTER=$dir"
    echo "export ORGNET_TEST_DATABASE='postgresql:///orgnet_test?host=$dir&port=$port&user=orgnet'"
    echo "export ORGNET_TEST_PSQL='$bin/psql'"
    ;;
  stop)
    dir=${2:-${ORGNET_TEST_CLUSTER:-}}
    [ -n "$dir" ] && [ -d "$dir" ] || exit 0
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: cluster.sh start | stop [FOLDER]" >&2; exit 2 ;;
esac
