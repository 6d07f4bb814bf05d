#!/usr/bin/env bash
# Snapshot figures (issue 12), medians of fresh processes:
#   bash tests/bench/snapshot.sh [RUNS]              the generated city (made if absent)
#   bash tests/bench/snapshot.sh --national [RUNS]   the whole national dataset (generated if
#                                                    absent: 11-17 minutes and 7.7 GiB)
# For each: the CSV load (time, resident memory, memory_bytes), the snapshot write (fsync
# included), the open in a fresh process with a first is-ancestor query by string id (warm
# page cache: verified, trusted; cold: after dropping the page cache, as root), the resident
# memory right after opening, and the full coverage analysis on the opened network against
# the loaded one, interleaved after a first (cold) run of each.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PYTHONPATH="$PWD/bindings/python"
scale=city
if [ "${1:-}" = "--national" ]; then
  scale=national
  shift
fi
runs=${1:-7}
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target orgnet orgnet_snapshot_probe >/dev/null
probe=build/tests/bench/orgnet_snapshot_probe
data=build/bench-data/$scale
if [ ! -f "$data/orgs.csv" ]; then
  python3 -m orgnet generate "$scale" "$data" --seed 1 >/dev/null
fi
file=build/bench-data/$scale.orgnet
# Two org ids for the first query: the second organization and the last one.
a=$(sed -n 3p "$data/orgs.csv" | cut -d, -f1)
b=$(tail -n 1 "$data/orgs.csv" | cut -d, -f1)

median() { sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
field() { tr ' ' '\n' | sed -n "s/^$1=//p"; }

echo "== $scale: $(du -sh --apparent-size "$data" | cut -f1) of CSV; $runs runs each, medians"
load_runs=$runs
[ "$scale" = national ] && load_runs=1
for _ in $(seq "$load_runs"); do $probe load "$data" "$a" "$b"; done >build/bench-load.txt
echo "CSV load (fresh process): $(field load_ms <build/bench-load.txt | median) ms;" \
  "resident after $(field rss_mib <build/bench-load.txt | median) MiB," \
  "peak $(field hwm_mib <build/bench-load.txt | median) MiB;" \
  "memory_bytes $(field memory_bytes <build/bench-load.txt | median)"
for _ in $(seq "$load_runs"); do $probe save "$data" "$file"; done >build/bench-save.txt
echo "snapshot write, fsync included: $(field save_ms <build/bench-save.txt | median) ms;" \
  "file $(du -h --apparent-size "$file" | cut -f1)"
for mode in verified trusted; do
  $probe open "$file" "$mode" "$a" "$b" >/dev/null  # warm the page cache
  for _ in $(seq "$runs"); do $probe open "$file" "$mode" "$a" "$b"; done >build/bench-open.txt
  echo "open $mode + first query (warm): $(field first_query_ms <build/bench-open.txt | median) ms;" \
    "resident after $(field rss_mib <build/bench-open.txt | median) MiB" \
    "($(field file_mib <build/bench-open.txt | median) MiB of the file," \
    "$(field anon_mib <build/bench-open.txt | median) MiB built)"
done
if [ "$(id -u)" -eq 0 ] && [ -w /proc/sys/vm/drop_caches ]; then
  for _ in 1 2 3; do
    sync
    echo 3 >/proc/sys/vm/drop_caches
    $probe open "$file" verified "$a" "$b"
  done >build/bench-open.txt
  echo "open verified + first query (cold: page cache dropped): $(field first_query_ms <build/bench-open.txt | median) ms (median of 3)"
else
  echo "cold open: skipped (needs root to drop the page cache)"
fi
$probe coverage "$data" "$file" "$runs"
