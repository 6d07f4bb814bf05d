#!/usr/bin/env bash
# The README's two commands, each doing all of its own set-up on a fresh Debian 12 machine:
#   bash run.sh demo   the main job: the demo analysis of the bundled district
#   bash run.sh test   every test: C++ (GoogleTest), the C ABI from C, Python, the Doxygen
#                      build, the offline pip install and a consumer of the installed library
set -euo pipefail
cd "$(dirname "$0")"
root=$PWD

packages=(build-essential cmake pkg-config libboost-graph-dev libabsl-dev libgtest-dev
          libgmock-dev libbenchmark-dev libxxhash-dev doxygen graphviz python3 python3-venv
          python3-numpy python3-pandas python3-networkx python3-igraph libpq-dev
          nlohmann-json3-dev)
# Only the tests need these: the report in a real browser with a CJK font, xlsx export, the
# C parser that checks the ABI's description (tools/abi).
test_packages=(chromium fonts-noto-cjk python3-openpyxl python3-clang postgresql)

ensure_packages() {  # the packages named (default: those of the demo)
  local missing=()
  local wanted=("${packages[@]}")
  [ $# -gt 0 ] && wanted=("$@")
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "run.sh: installing ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

build() {
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DORGNET_WERROR=ON >/dev/null
  mkdir -p build
  if ! cmake --build build -j"$(nproc)" >build/build.log 2>&1; then
    cat build/build.log
    exit 1
  fi
  # Warnings are errors, except GCC 12's -Wrestrict false positive in tests/CMakeLists.txt.
  grep -E "warning:" build/build.log | grep -v "Wrestrict" || true
}

run_demo() {
  ensure_packages
  build >&2
  PYTHONPATH="$root/bindings/python" ORGNET_LIBRARY="$root/build/liborgnet.so" \
    python3 -m orgnet demo "$@"
}

run_tests() {
  ensure_packages "${packages[@]}" "${test_packages[@]}"
  build
  echo "== a private PostgreSQL server for the database tests (stopped and removed at the end)"
  bash tests/database/with_server.sh "$root/build/liborgnet.so" bash run.sh tests-built
}

# Every test, the library built and a database server running (run_tests starts it).
run_built_tests() {
  echo "== C++ and C tests (ctest)"
  ctest --test-dir build --output-on-failure -j"$(nproc)"
  echo "== documentation (Doxygen: every public name documented)"
  cmake --build build --target docs
  echo "== Python package: offline install into a fresh venv, then its tests"
  rm -rf build/venv
  python3 -m venv build/venv
  build/venv/bin/python -m pip install -q --no-index --no-build-isolation bindings/python
  echo "== and beside it, Python interop (numpy, pandas, networkx, igraph) under /usr/bin/python3"
  # The two suites run side by side (each mostly on one core; their logs in build/). The
  # package's run from outside the source tree, so that the installed package is the one
  # tested. The interop suite runs under /usr/bin/python3: a venv of another interpreter does
  # not see Debian's packages; with CI=true a skip fails.
  (cd build && ORGNET_LIBRARY= venv/bin/python -m unittest discover -s "$root/tests/python" \
    -t "$root/tests/python" -v >python-tests.log 2>&1) &
  local python_pid=$!
  (cd build && PYTHONPATH="$root/bindings/python" ORGNET_LIBRARY="$root/build/liborgnet.so" \
    /usr/bin/python3 -m unittest discover -s "$root/tests/python_interop" \
    -t "$root/tests/python_interop" -v >interop-tests.log 2>&1) &
  local interop_pid=$!
  local python_rc=0 interop_rc=0
  wait "$python_pid" || python_rc=$?
  wait "$interop_pid" || interop_rc=$?
  echo "-- Python package:"
  if [ "$python_rc" -ne 0 ]; then grep -v " ... ok$" build/python-tests.log; else tail -n 4 build/python-tests.log; fi
  echo "-- Python interop:"
  if [ "$interop_rc" -ne 0 ]; then grep -v " ... ok$" build/interop-tests.log; else tail -n 4 build/interop-tests.log; fi
  [ "$python_rc" -eq 0 ] && [ "$interop_rc" -eq 0 ] || exit 1
  (cd build && venv/bin/orgnet check "$root/examples/district" | head -n 1)
  echo "== the HTML report in headless chromium (DevTools protocol; screenshots in build/report-screens)"
  (cd build && PYTHONPATH="$root/bindings/python" ORGNET_LIBRARY="$root/build/liborgnet.so" \
    ORGNET_BUILD_DIR="$root/build" python3 -m unittest discover -s "$root/tests/browser" \
    -t "$root/tests/browser" -v 2>&1 | tail -n 4)
  echo "== installed library: find_package(orgnet) and pkg-config"
  rm -rf build/install build/consumer
  cmake --install build --prefix build/install >/dev/null
  cmake -S tests/consumer -B build/consumer -DCMAKE_PREFIX_PATH="$root/build/install" >/dev/null
  cmake --build build/consumer >/dev/null
  LD_LIBRARY_PATH=build/install/lib build/consumer/consumer_cpp examples/district
  LD_LIBRARY_PATH=build/install/lib build/consumer/consumer_c examples/district
  local pc=build/install/lib/pkgconfig
  [ -d "$pc" ] || pc=$(dirname "$(find build/install -name orgnet.pc | head -n 1)")
  cc -std=c99 -o build/consumer/consumer_pkgconfig tests/consumer/consumer.c \
    $(PKG_CONFIG_PATH="$pc" pkg-config --cflags --libs orgnet)
  LD_LIBRARY_PATH=build/install/lib:build/install/lib/x86_64-linux-gnu \
    build/consumer/consumer_pkgconfig examples/district
  # The Python package without a library of its own finds the installed one on the loader's
  # search path (here LD_LIBRARY_PATH; after an install into /usr/local, ldconfig's cache).
  # (A copy outside the source tree, whose build/ the package would otherwise find first.)
  local bare
  bare=$(mktemp -d)
  cp -r bindings/python/orgnet "$bare/"
  (cd "$bare" && ORGNET_LIBRARY= LD_LIBRARY_PATH="$root/build/install/lib:$root/build/install/lib/x86_64-linux-gnu" \
    python3 -c "import orgnet, sys; p = orgnet.library_path; print('python finds', p); sys.exit(0 if p.startswith('$root/build/install/') else 1)")
  rm -rf "$bare"
  echo "all tests passed"
}

case "${1:-}" in
  demo) shift; run_demo "$@" ;;
  test) shift; run_tests "$@" ;;
  tests-built) shift; run_built_tests "$@" ;;
  *) echo "usage: bash run.sh demo [DATASET] | bash run.sh test" >&2; exit 2 ;;
esac
