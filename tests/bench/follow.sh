#!/usr/bin/env bash
# The follower's figures (issue 28, point 6) on the generated city, in a private local server
# (tests/database/cluster.sh, wal_level=logical): the city filled with primary keys and REPLICA
# IDENTITY FULL, then tests/bench/follow_bench.cc (rows applied per second from transactions of
# 100 changed rows, the lag after a burst of 100,000 changes, memory over a million changes).
#   bash tests/bench/follow.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
. tests/bench/city_server.sh orgnet_follow_bench
PYTHONPATH="$root/bindings/python" ORGNET_LIBRARY="$root/build/liborgnet.so" \
  python3 tests/database/fill.py --keys "$data" "$uri"
"$ORGNET_TEST_PSQL" -X -q "$uri" -c "VACUUM ANALYZE" >/dev/null
ORGNET_BENCH_DATABASE="$uri" build/tests/bench/orgnet_follow_bench "$@"
