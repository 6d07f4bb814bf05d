# Sourced by the database benchmarks (database.sh, follow.sh) from the repository's root, with
# $root set: builds the library and the benchmark TARGET (Release), generates the city into
# build/bench-data/city once, starts a private server (tests/database/cluster.sh; stopped on
# exit) and creates the database `city`; sets $data and $uri.
#   . tests/bench/city_server.sh TARGET
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target orgnet "$1" >/dev/null
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
