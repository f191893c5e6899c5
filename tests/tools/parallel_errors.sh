#!/usr/bin/env bash
# The run policy's error path under mpirun: a failure on any process reaches
# the user as one line with its exit code, and no process is left waiting.
source "$(dirname "$0")/lib/common.sh"
command -v mpirun > /dev/null || { echo "no mpirun: skipped"; finish; exit 0; }
MPI="mpirun --allow-run-as-root --oversubscribe"
TOOL="$SSB_BIN/../tests/failing_tool"

check() {  # description, expected exit, expected line (regex), mpirun arguments...
  local what=$1 want=$2 line=$3; shift 3
  local rc=0 start=$SECONDS
  timeout 60 $MPI "$@" > out.txt 2> err.txt || rc=$?
  local n
  n=$(grep -c -E '^failing_tool: (error|failed): ' err.txt || true)
  if [ "$rc" -eq "$want" ] && [ "$n" -eq 1 ] && grep -q -E "$line" err.txt; then
    pass "$what: exit $rc, one line ($(grep -E '^failing_tool:' err.txt)), $((SECONDS - start)) s"
  else
    fail "$what: exit $rc (expected $want), $n lines: $(head -5 err.txt)"
  fi
}
check "every process fails" 2 "^failing_tool: error: process 0 of 2 fails$" -n 2 "$TOOL" --all
check "every process fails at run time" 1 "^failing_tool: failed: process 0 of 3 fails$" -n 3 "$TOOL" --all --runtime
check "only the first process fails" 2 "^failing_tool: error: process 0 of 2 fails$" -n 2 "$TOOL" --fail-rank 0
check "only the second process fails (its stderr is silenced otherwise)" 2 "^failing_tool: error: process 1 of 2 fails$" -n 2 "$TOOL" --fail-rank 1
check "only the last of three fails at run time" 1 "^failing_tool: failed: process 2 of 3 fails$" -n 3 "$TOOL" --fail-rank 2 --runtime
finish
