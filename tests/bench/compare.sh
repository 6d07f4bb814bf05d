#!/usr/bin/env bash
# Before/after: builds BASE (a commit) and the working tree, then runs the benchmarks on the
# generated city and the demo on the bundled district interleaved (base, head, base, head...),
# RUNS times each, and prints each median with head/base. "No behaviour change" also means the
# same demo output: the script fails when the two demos differ by a byte.
#   bash tests/bench/compare.sh BASE [RUNS]      (RUNS defaults to 5)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
base=${1:?usage: compare.sh BASE [RUNS]}
runs=${2:-5}
work=build/compare
mkdir -p "$work"
rm -rf "$work/base-src"
git worktree prune
git worktree add --detach -f "$work/base-src" "$base" >/dev/null 2>&1
trap 'git worktree remove --force "$work/base-src" >/dev/null 2>&1 || true' EXIT
for side in base head; do
  src=$root
  [ "$side" = base ] && src=$root/$work/base-src
  cmake -S "$src" -B "$work/$side" -DCMAKE_BUILD_TYPE=Release -DORGNET_BUILD_TESTS=OFF \
    -DORGNET_BUILD_BENCH=ON -DORGNET_BUILD_DOCS=OFF >/dev/null
  cmake --build "$work/$side" -j"$(nproc)" --target orgnet orgnet_bench >/dev/null
done
data=build/bench-data/city
if [ ! -f "$data/orgs.csv" ]; then
  PYTHONPATH="$root/bindings/python" python3 -m orgnet generate city "$data" >/dev/null
fi
filter='-BM_BetweennessExact'
for i in $(seq "$runs"); do
  for side in base head; do
    ORGNET_BENCH_DATASET="$data" "$work/$side/tests/bench/orgnet_bench" \
      --benchmark_filter="$filter" --benchmark_format=json 2>/dev/null >"$work/run.json"
    python3 - "$side" "$work/run.json" >>"$work/times.$$" <<'PY'
import json, sys
scale = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}
for b in json.load(open(sys.argv[2]))["benchmarks"]:
    print(sys.argv[1], b["name"] + "_ms", b["real_time"] * scale[b["time_unit"]])
PY
    src=$root
    [ "$side" = base ] && src=$root/$work/base-src
    start=$(date +%s.%N)
    PYTHONPATH="$src/bindings/python" ORGNET_LIBRARY="$root/$work/$side/liborgnet.so" \
      python3 -m orgnet demo "$root/examples/district" --report "$work/demo-report.html" \
      >"$work/demo.$side" 2>&1
    end=$(date +%s.%N)
    echo "$side demo_district_wall_ms $(echo "($end - $start) * 1000" | bc -l)" >>"$work/times.$$"
  done
done
python3 - "$work/times.$$" <<'PY'
import statistics, sys
times = {}
for line in open(sys.argv[1]):
    side, name, value = line.split()
    times.setdefault(name, {}).setdefault(side, []).append(float(value))
print("%-44s %12s %12s %8s" % ("median of %d runs (ms)" % len(next(iter(times.values()))["base"]), "base", "head", "head/base"))
for name, sides in times.items():
    b, h = statistics.median(sides["base"]), statistics.median(sides["head"])
    print("%-44s %12.6g %12.6g %8.3f" % (name, b, h, h / b if b else float("nan")))
PY
# Every run's figure stays in build/compare/times.txt (side, benchmark, ms), for a second look.
mv "$work/times.$$" "$work/times.txt"
rm -f "$work/run.json"
if cmp -s "$work/demo.base" "$work/demo.head"; then
  echo "demo output: byte-identical ($(wc -c <"$work/demo.head") bytes)"
else
  echo "demo output differs:" >&2
  diff "$work/demo.base" "$work/demo.head" | head -n 20 >&2
  exit 1
fi
