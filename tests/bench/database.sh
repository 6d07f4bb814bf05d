#!/usr/bin/env bash
# The database load's three figures and the results' write (issue 27, point 5) on the
# generated city, in a private local server (tests/database/cluster.sh), medians of RUNS fresh
# processes each:
#   1. the loader's COPY statements through psql to /dev/null (one session, every table);
#   2. the CSV load of the same rows (2 threads);
#   3. the load from the database;
#   4. the coverage's roll-ups and findings written under a new run key (BM_WriteCoverageResults/0)
#      and the same key written again (/1: a replacement), and, for reference, the same rows
#      copied by psql into empty tables of the same definition (psql_write_ms).
#   bash tests/bench/database.sh [RUNS]    (RUNS defaults to 5)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
runs=${1:-5}
. tests/bench/city_server.sh orgnet_database_bench
start=$(date +%s.%N)
PYTHONPATH="$root/bindings/python" ORGNET_LIBRARY="$root/build/liborgnet.so" \
  python3 tests/database/fill.py "$data" "$uri"
echo "filled the city in $(echo "$(date +%s.%N) - $start" | bc -l | cut -c1-6) s"
"$ORGNET_TEST_PSQL" -X -q "$uri" -c "VACUUM ANALYZE" >/dev/null
copies=$(mktemp)
for table in manifest orgs grids units staff members links needs resources centres events funds; do
  if [ -f "$data/$table.csv" ]; then
    echo "\\copy (SELECT * FROM $table) TO '/dev/null' WITH (FORMAT binary)"
  fi
done >"$copies"
for i in $(seq "$runs"); do
  start=$(date +%s.%N)
  "$ORGNET_TEST_PSQL" -X -q "$uri" -f "$copies" >/dev/null
  echo "psql_copy_ms $(echo "($(date +%s.%N) - $start) * 1000" | bc -l)"
  ORGNET_BENCH_DATASET="$data" ORGNET_BENCH_DATABASE="$uri" build/tests/bench/orgnet_database_bench \
    --benchmark_format=json 2>/dev/null | python3 -c '
import json, sys
for b in json.load(sys.stdin)["benchmarks"]:
    name = b["name"].replace("/iterations:1", "").replace("BM_LoadCsv/2", "BM_LoadCsv")
    print(name + "_ms", b["real_time"], "peak_rss_MiB", b.get("peak_rss_MiB", 0))
    if "rows" in b:
        print(name + "_rows", b["rows"])'
done | python3 -c '
import statistics, sys
times, rss = {}, {}
for line in sys.stdin:
    parts = line.split()
    times.setdefault(parts[0], []).append(float(parts[1]))
    if len(parts) > 3:
        rss.setdefault(parts[0], []).append(float(parts[3]))
for name, values in times.items():
    extra = " (peak RSS median %.0f MiB)" % statistics.median(rss[name]) if name in rss else ""
    unit = " ms" if name.endswith("_ms") else ""
    print("%-24s median of %d: %10.1f%s%s" % (name, len(values), statistics.median(values), unit, extra))
'
rm -f "$copies"
# The floor of a write on this server: psql's own COPY of the same rows (in the same key order)
# into empty tables of the same definition, in one transaction.
rows_dir=$(mktemp -d)
chmod 777 "$rows_dir"
"$ORGNET_TEST_PSQL" -X -q "$uri" \
  -c "\\copy (SELECT * FROM orgnet_coverage_rollup WHERE run_key = (SELECT min(run_key) FROM orgnet_runs) ORDER BY run_key, level, place_id) TO '$rows_dir/rollup.txt'" \
  -c "\\copy (SELECT * FROM orgnet_coverage_findings WHERE run_key = (SELECT min(run_key) FROM orgnet_runs) ORDER BY run_key, rule, subject_table, subject_id) TO '$rows_dir/findings.txt'"
for i in $(seq "$runs"); do
  PGOPTIONS="-c client_min_messages=warning" "$ORGNET_TEST_PSQL" -X -q "$uri" -c "DROP TABLE IF EXISTS w_rollup, w_findings" \
    -c "CREATE TABLE w_rollup (LIKE orgnet_coverage_rollup INCLUDING ALL)" \
    -c "CREATE TABLE w_findings (LIKE orgnet_coverage_findings INCLUDING ALL)"
  start=$(date +%s.%N)
  printf '%s\n' "BEGIN;" "\\copy w_rollup FROM '$rows_dir/rollup.txt'" \
    "\\copy w_findings FROM '$rows_dir/findings.txt'" "COMMIT;" |
    "$ORGNET_TEST_PSQL" -X -q -v ON_ERROR_STOP=1 "$uri" >/dev/null
  echo "psql_write_ms $(echo "($(date +%s.%N) - $start) * 1000" | bc -l)"
done | python3 -c '
import statistics, sys
values = [float(line.split()[1]) for line in sys.stdin]
print("%-24s median of %d: %10.1f ms" % ("psql_write_ms", len(values), statistics.median(values)))
'
rm -rf "$rows_dir"
