#!/usr/bin/env bash
# Runs a command beside a private PostgreSQL server (cluster.sh) holding the bundled district
# in the database orgnet_district_c (for the C and C++ tests; the Python tests make their own)
# and, with primary keys, in orgnet_district_keys (the C test's follower), with
# ORGNET_TEST_DATABASE, ORGNET_TEST_DATABASE_DISTRICT, ORGNET_TEST_DATABASE_FOLLOW and
# ORGNET_TEST_PSQL exported and
# ORGNET_REQUIRE_DATABASE=1 (a database test that finds no server fails). The server is stopped
# and its folder removed when the command ends, also on failure or interruption.
#   bash tests/database/with_server.sh LIBRARY COMMAND...   (LIBRARY: a liborgnet.so that fills)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
library=$1
shift
env_file=$(mktemp)
bash "$here/cluster.sh" start >"$env_file"
set -a
. "$env_file"
set +a
rm -f "$env_file"
trap 'bash "$here/cluster.sh" stop "$ORGNET_TEST_CLUSTER"' EXIT
"$ORGNET_TEST_PSQL" -X -q "$ORGNET_TEST_DATABASE" -c "CREATE DATABASE orgnet_district_c"
export ORGNET_TEST_DATABASE_DISTRICT="${ORGNET_TEST_DATABASE/orgnet_test/orgnet_district_c}"
PYTHONPATH="$root/bindings/python" ORGNET_LIBRARY="$library" \
  python3 "$here/fill.py" "$root/examples/district" "$ORGNET_TEST_DATABASE_DISTRICT"
# The district again with primary keys and REPLICA IDENTITY FULL, for the C test's follower.
"$ORGNET_TEST_PSQL" -X -q "$ORGNET_TEST_DATABASE" -c "CREATE DATABASE orgnet_district_keys"
export ORGNET_TEST_DATABASE_FOLLOW="${ORGNET_TEST_DATABASE/orgnet_test/orgnet_district_keys}"
PYTHONPATH="$root/bindings/python" ORGNET_LIBRARY="$library" \
  python3 "$here/fill.py" --keys "$root/examples/district" "$ORGNET_TEST_DATABASE_FOLLOW"
export ORGNET_REQUIRE_DATABASE=1
"$@"
