#!/usr/bin/env bash
# CI: build the standalone app with the README's command and smoke-test the frozen program.
#
#   packaging/ci-build.sh
#
# 1. installs PyInstaller (the `build` extra), 2. runs `pyinstaller packaging/descent-lab.spec
# --noconfirm` (one folder: dist/descent-lab/), 3. runs `dist/descent-lab/descent-lab
# --self-test --screenshot <png>` offscreen (and under Xvfb with the real xcb platform plugin
# when xvfb-run is installed), checks the exit codes and the screenshots, and 4. prints the
# build time, the folder and .tgz sizes and the start-up time. The build writes only build/
# and dist/, which must be gitignored (checked).
set -euo pipefail
cd "$(dirname "$0")/.."

APP=dist/descent-lab/descent-lab
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
say() { echo "ci-build: $*"; }
fail() { echo "ci-build: FAILED: $*" >&2; exit 1; }
now() { python -c 'import time; print(time.perf_counter())'; }
since() { python -c "import sys, time; print(f'{time.perf_counter() - float(sys.argv[1]):.1f}')" "$1"; }

for dir in build dist; do
  git check-ignore -q "$dir/" 2>/dev/null || fail "$dir/ is not in .gitignore"
done

python -m pip install -q -e ".[build]"

say "building (pyinstaller packaging/descent-lab.spec --noconfirm)"
start=$(now)
if ! pyinstaller packaging/descent-lab.spec --noconfirm >"$TMP/build.log" 2>&1; then
  tail -40 "$TMP/build.log" >&2
  fail "pyinstaller failed (log above)"
fi
build_seconds=$(since "$start")
[ -x "$APP" ] || fail "$APP was not built"

# check_png FILE: a real screenshot, not an empty or tiny image
check_png() {
  python - "$1" <<'EOF' || fail "screenshot $1 is missing or trivial"
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

self_test offscreen env QT_QPA_PLATFORM=offscreen
if command -v xvfb-run >/dev/null && command -v xauth >/dev/null; then
  self_test xvfb env -u QT_QPA_PLATFORM xvfb-run -a -s "-screen 0 1920x1080x24"
else
  say "xvfb-run/xauth not installed: skipped the run on a real X display"
fi

tar -czf "$TMP/descent-lab.tgz" -C dist descent-lab
say "build ${build_seconds} s; folder $(du -sh dist/descent-lab | cut -f1)" \
    "($(du -sm dist/descent-lab | cut -f1) MiB); .tgz $(du -sh "$TMP/descent-lab.tgz" | cut -f1)"
[ -z "$(git status --porcelain -- build dist 2>/dev/null)" ] || fail "git sees build/ or dist/"
say "passed"
