# Shared helpers of the tool tests: run the installed executables as a user
# would and compare what they print and write.
set -euo pipefail
: "${SSB_BIN:?SSB_BIN (the bin folder of the build) must be set; run through ctest}"
: "${SSB_SOURCE_DIR:?}"
PY=${SSB_PYTHON:-/usr/bin/python3}
export PATH="$SSB_BIN:$PATH"
WORK=$(mktemp -d /tmp/ssbvox-tooltest-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
failures=0
checks=0

pass() { checks=$((checks + 1)); echo "ok: $*"; }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); echo "FAIL: $*"; }

# expect_exit CODE DESCRIPTION -- COMMAND...: the exit code must be CODE and,
# for errors, stderr must end with exactly one error line (progress and log
# lines may come before it).
expect_exit() {
  local want=$1 what=$2; shift 3
  local rc=0
  "$@" >"$WORK/out.txt" 2>"$WORK/err.txt" || rc=$?
  local lines
  lines=$(grep -c -E ': (error|failed): ' "$WORK/err.txt" || true)
  if [ "$rc" -ne "$want" ]; then
    fail "$what: exit $rc, expected $want; stderr: $(head -c 400 "$WORK/err.txt")"
  elif [ "$want" -ne 0 ] && { [ "$lines" -ne 1 ] || ! tail -n 1 "$WORK/err.txt" | grep -q -E ': (error|failed): '; }; then
    fail "$what: expected a one-line error, got $lines lines: $(cat "$WORK/err.txt")"
  else
    pass "$what (exit $rc) $( [ "$want" -ne 0 ] && tail -n 1 "$WORK/err.txt")"
  fi
}

finish() {
  echo "$((checks - failures)) passed, $failures failed"
  [ "$failures" -eq 0 ]
}
