#!/usr/bin/env bash
# The follower's figures (issue 28, point 6) on the generated city, in a private local server
# (tests/database/cluster.sh, wal_level=logical): the city filled with primary keys and REPLICA
# IDENTITY FULL, then tests/bench/follow_bench.cc (rows applied per second from transactions of
# 100 changed rows, the lag after a burst of 100,000 changes, memory over a million changes).
#   bash tests/bench/follow.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target orgnet orgnet_follow_bench >/dev/null
data=build/bench-data/city
if [ ! -f "$data/orgs.csv" ]; then
  PYTHONPATH="$root/bindings/python" python3 -m orgnet generate city "$data" >/dev/null
fi
env_file=$(mktemp)
bash tests/database/cluster.sh start >"$env_file"
set -a
. "$env_file"
set +a
rm -f "$env_file"
trap 'bash "$root/tests/database/cluster.sh" stop "$ORGNET_TEST_CLUSTER"' EXIT
"$ORGNET_TEST_PSQL" -X -q "$ORGNET_TEST_DATABASE" -c "CREATE DATABASE city"
uri="${ORGNET_TEST_DATABASE/orgnet_test/city}"
PYTHONPATH="$root/bindings/python" ORGNET_LIBRARY="$root/build/liborgnet.so" \
  python3 tests/database/fill.py --keys "$data" "$uri"
"$ORGNET_TEST_PSQL" -X -q "$uri" -c "VACUUM ANALYZE" >/dev/null
ORGNET_BENCH_DATABASE="$uri" build/tests/bench/orgnet_follow_bench "$@"
