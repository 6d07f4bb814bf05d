#!/usr/bin/env bash
# Benchmarks: generates the city dataset (and a 10% national slice with --national) under
# build/bench-data, then prints the medians of repeated Google Benchmark runs.
#   bash tests/bench/run.sh [--national]
set -euo pipefail
cd "$(dirname "$0")/../.."
export PYTHONPATH="$PWD/bindings/python"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target orgnet orgnet_bench orgnet_edit_bench orgnet_live_bench \
  >/dev/null
data=build/bench-data
if [ ! -f "$data/city/orgs.csv" ]; then
  python3 -m orgnet generate city "$data/city" >/dev/null
fi
# The city's core tables without the service-reach files (a year of grid events doubles the
# CSV): the load figures compare with earlier runs; the full dataset's load is printed after.
core="$data/city-core"
mkdir -p "$core"
for f in "$data"/city/*.csv; do
  case "$(basename "$f")" in
    events.csv|centres.csv|funds.csv) ;;
    *) ln -sf "../city/$(basename "$f")" "$core/$(basename "$f")" ;;
  esac
done
echo "city dataset, core tables: $(du -shL --apparent-size "$core" | cut -f1) of CSV"
ORGNET_BENCH_DATASET="$core" build/tests/bench/orgnet_bench \
  --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_filter='BM_Load' 2>/dev/null | grep -E 'median|Benchmark'
echo "city dataset with centres, a year of events and funds: $(du -sh --apparent-size "$data/city" | cut -f1) of CSV"
ORGNET_BENCH_DATASET="$data/city" build/tests/bench/orgnet_bench \
  --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_filter='BM_Load/2' 2>/dev/null | grep -E 'median'
ORGNET_BENCH_DATASET="$data/city" build/tests/bench/orgnet_bench \
  --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_filter='-BM_Load|BM_BetweennessExact' 2>/dev/null | grep -E 'median|Benchmark'
echo "district (examples/district): exact betweenness"
ORGNET_BENCH_DATASET=examples/district build/tests/bench/orgnet_bench \
  --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_filter='BM_BetweennessExact|BM_LinksStructure|BM_Matching' 2>/dev/null |
  grep -E 'median'
echo "live edits on the city (in place: medians of 5; rebuilding: single runs)"
ORGNET_BENCH_DATASET="$data/city" build/tests/bench/orgnet_edit_bench \
  --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_filter='BM_EditSetMemberField|BM_EditAddLink|BM_EditInsertMember|BM_EditBatch|BM_EditRemove|BM_EditReparent' \
  2>/dev/null |
  grep -E 'median'
echo "everyday live edits on the city (issue 25; medians of 5, the day's stream of 3)"
ORGNET_BENCH_DATASET="$data/city" build/tests/bench/orgnet_live_bench \
  --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_filter='-BM_LiveDayOfChanges' 2>/dev/null | grep -E 'median'
ORGNET_BENCH_DATASET="$data/city" build/tests/bench/orgnet_live_bench \
  --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \
  --benchmark_filter='BM_LiveDayOfChanges' 2>/dev/null | grep -E 'median'
ORGNET_LIBRARY="$PWD/build/liborgnet.so" python3 tests/bench/edit_python.py "$data/city"
ORGNET_BENCH_DATASET="$data/city" build/tests/bench/orgnet_edit_bench \
  --benchmark_filter='BM_EditRebuild' 2>/dev/null | grep -E 'BM_'
if [ "${1:-}" = "--national" ]; then
  if [ ! -f "$data/national-10pct/orgs.csv" ]; then
    python3 -m orgnet generate national "$data/national-10pct" --fraction 0.1 >/dev/null
  fi
  echo "national 10% slice: $(du -sh --apparent-size "$data/national-10pct" | cut -f1) of CSV"
  ORGNET_BENCH_DATASET="$data/national-10pct" build/tests/bench/orgnet_bench \
    --benchmark_filter='BM_Load/2|BM_Coverage|BM_LinksStructure|BM_Matching' 2>/dev/null | grep -E 'BM_'
fi
