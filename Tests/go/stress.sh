#!/usr/bin/env bash
# Run the `stress` Go guest N times in a row under the emulator and count the runs whose stdout
# and exit status match the native Linux build's.
#
#   stress.sh EMULATOR OUTDIR [N]     (N defaults to 100)
#
# Prints "P/N passed" and exits non-zero unless every run passed. The first failures are shown.

set -u
here=$(cd "$(dirname "$0")" && pwd -P)
. "$here/run-lib.sh"

[ $# -ge 2 ] || { sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
out=$(cd "$2" 2>/dev/null && pwd -P) || { echo "stress: no such directory: $2" >&2; exit 2; }
resolve_emulator "$1"
n=${3:-100}
for os in linux freebsd; do
    [ -x "$out/$os/stress" ] || { echo "stress: missing $out/$os/stress (make -C Tests/go OUT=$out)" >&2; exit 2; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/stress-go.XXXXXX") || exit 2
work=$(cd "$work" && pwd -P)
trap 'rm -rf "$work"' EXIT

run_guest expected "$out/linux/stress"
[ "$(cat "$work/expected.status")" = 0 ] || { echo "stress: the native run failed" >&2; exit 2; }

passed=0
shown=0
start=$SECONDS
for ((i = 1; i <= n; i++)); do
    run_guest actual "${emu[@]}" "$out/freebsd/stress"
    st=$(cat "$work/actual.status")
    if [ "$st" = 0 ] && cmp -s "$work/expected.out" "$work/actual.out"; then
        passed=$((passed + 1))
        continue
    fi
    if [ $shown -lt 3 ]; then
        shown=$((shown + 1))
        echo "run $i failed: $(describe "$st")"
        diff -u --label expected --label actual "$work/expected.out" "$work/actual.out" | head -n 20 | sed 's/^/    /'
        show_stderr "$work/actual.err" | sed 's/^/    | /'
        first=$(first_unimplemented "$work/actual.err") && echo "$first" | sed 's/^/    > /'
    fi
done
echo "$passed/$n passed ($((SECONDS - start)) s)"
echo "stress: $passed passed, $((n - passed)) failed"
[ $passed = "$n" ]
