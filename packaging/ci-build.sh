#!/usr/bin/env bash
# CI: build the standalone app with the README's command and smoke-test the frozen program.
#
#   bash packaging/ci-build.sh
#
# 1. runs the README's build command, `python3 lab.py build` (PyInstaller in .venv, one
# folder: dist/descent-lab/; the spec refuses to build without the libraries the window
# needs), 2. runs `dist/descent-lab/descent-lab --self-test --screenshot <png>` offscreen and
# in a real window (Xvfb with the openbox window manager, xcb platform plugin), checks the
# exit codes and the screenshots, and 3. prints the build time, the folder and .tgz sizes and
# the start-up time. The build writes only build/ and dist/, which must be gitignored.
set -euo pipefail
cd "$(dirname "$0")/.."

APP=dist/descent-lab/descent-lab
TMP=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$TMP"' EXIT
say() { echo "ci-build: $*"; }
fail() { echo "ci-build: FAILED: $*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

for dir in build dist; do
  git check-ignore -q "$dir/" 2>/dev/null || fail "$dir/ is not in .gitignore"
done

say "building (python3 lab.py build)"
start=$(now)
if ! python3 lab.py build >"$TMP/build.log" 2>&1; then
  tail -40 "$TMP/build.log" >&2
  fail "pyinstaller failed (log above)"
fi
build_seconds=$(since "$start")
[ -x "$APP" ] || fail "$APP was not built"
xcb_libs=$(find dist/descent-lab/_internal -maxdepth 1 -name 'libxcb*.so*' | wc -l)
say "bundled $xcb_libs libxcb libraries for the window"

# check_png FILE: a real screenshot, not an empty or tiny image
check_png() {
  python3 - "$1" <<'EOF' || fail "screenshot $1 is missing or trivial"
import struct, sys
from pathlib import Path
data = Path(sys.argv[1]).read_bytes()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
width, height = struct.unpack(">II", data[16:24])
assert width >= 800 and height >= 500 and len(data) > 20_000, (width, height, len(data))
print(f"ci-build: screenshot {sys.argv[1]}: {width}x{height}, {len(data) // 1024} KiB")
EOF
}

# self_test NAME [launcher...]: run the frozen self-test, time the whole process
self_test() {
  local name=$1; shift
  local png="$TMP/$name.png"
  start=$(now)
  if ! "$@" "$APP" --self-test --screenshot "$png" >"$TMP/$name.out" 2>"$TMP/$name.err"; then
    cat "$TMP/$name.out" "$TMP/$name.err" >&2
    fail "frozen self-test ($name) exited non-zero"
  fi
  local seconds
  seconds=$(since "$start")
  grep -v "propagateSizeHints" "$TMP/$name.err" >&2 || true
  say "$name: $(cat "$TMP/$name.out") (whole process ${seconds} s)"
  check_png "$png"
}

# with_window_manager CMD...: run CMD on a fresh Xvfb display managed by openbox
with_window_manager() {
  Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp 3>"$TMP/display" \
    >"$TMP/xvfb.log" 2>&1 &
  local xvfb=$! tries=0
  until [ -s "$TMP/display" ]; do
    tries=$((tries + 1)); [ $tries -lt 100 ] || fail "Xvfb did not start: $(cat "$TMP/xvfb.log")"
    sleep 0.1
  done
  export DISPLAY=":$(cat "$TMP/display")"
  openbox >"$TMP/openbox.log" 2>&1 &
  local wm=$!
  tries=0
  until xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q "window id"; do
    tries=$((tries + 1)); [ $tries -lt 100 ] || fail "openbox did not start: $(cat "$TMP/openbox.log")"
    sleep 0.1
  done
  local wid
  wid=$(xprop -root _NET_SUPPORTING_WM_CHECK | awk '{print $NF}')
  say "display $DISPLAY, window manager: $(xprop -id "$wid" _NET_WM_NAME | cut -d'"' -f2)"
  local rc=0
  "$@" || rc=$?
  kill "$wm" "$xvfb" 2>/dev/null || true
  wait "$wm" "$xvfb" 2>/dev/null || true
  unset DISPLAY
  return $rc
}

self_test offscreen env QT_QPA_PLATFORM=offscreen
for tool in Xvfb openbox xprop; do
  command -v $tool >/dev/null || fail "$tool is missing (.ci/run installs xvfb openbox x11-utils)"
done
with_window_manager self_test xvfb-openbox env QT_QPA_PLATFORM=xcb

tar -czf "$TMP/descent-lab.tgz" -C dist descent-lab
say "build ${build_seconds} s; folder $(du -sh dist/descent-lab | cut -f1)" \
    "($(du -sm dist/descent-lab | cut -f1) MiB); .tgz $(du -sh "$TMP/descent-lab.tgz" | cut -f1)"
[ -z "$(git status --porcelain -- build dist 2>/dev/null)" ] || fail "git sees build/ or dist/"
say "passed"
