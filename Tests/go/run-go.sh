#!/usr/bin/env bash
# Run each Go guest twice and compare: the GOOS=linux build natively (the expected output) and
# the GOOS=freebsd build under the emulator. stdout and the way the process ended (exit status or
# fatal signal) must match; for `crash` the panic report on stderr must match too, once
# addresses, goroutine ids, +0x offsets and directory names are taken out.
#
#   run-go.sh EMULATOR OUTDIR [NAME...]
#
# EMULATOR  the emulator command (words after the first are options), or --native to run the
#           Linux build against itself (checks that the expected outputs are deterministic).
# OUTDIR    the OUT= directory of `make -C Tests/go`, holding freebsd/ and linux/.
# GO_TIMEOUT (default 120) limits each run in seconds. Exit status: 0 if all passed.

set -u
here=$(cd "$(dirname "$0")" && pwd -P)
. "$here/run-lib.sh"

[ $# -ge 2 ] || { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
out=$(cd "$2" 2>/dev/null && pwd -P) || { echo "run-go: no such directory: $2" >&2; exit 2; }
native=0
if [ "$1" = --native ]; then native=1; emu=(); else resolve_emulator "$1"; fi
shift 2
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(hello goroutines timers panics signals crash tcp exec files stress netpoll)

work=$(mktemp -d "${TMPDIR:-/tmp}/run-go.XXXXXX") || exit 2
work=$(cd "$work" && pwd -P)
trap 'rm -rf "$work"' EXIT

# normalize_panic: the structure of a Go panic report without the parts that vary.
normalize_panic() {
    sed -E \
        -e 's/pc=0x[0-9a-f]+/pc=PC/' \
        -e '/^\[signal /!s/0x[0-9a-f]{4,}\??/ADDR/g' \
        -e 's/^goroutine [0-9]+ /goroutine N /' \
        -e 's/^(\t)(.*\/)?([^/]+\.(go|s)):([0-9]+)( \+ADDR| \+0x[0-9a-f]+)?$/\1\3:\5/' \
        -e 's/ fp=ADDR sp=ADDR pc=ADDR$//'
}

pass=0
fail=0
for name in "${names[@]}"; do
    for os in linux freebsd; do
        [ -x "$out/$os/$name" ] || { echo "run-go: missing $out/$os/$name (make -C Tests/go OUT=$out)" >&2; exit 2; }
    done
    run_guest expected "$out/linux/$name"
    if [ $native = 1 ]; then
        run_guest actual "$out/linux/$name"
    else
        run_guest actual "${emu[@]}" "$out/freebsd/$name"
    fi
    ok=1
    why=()
    exp_st=$(describe "$(cat "$work/expected.status")")
    act_st=$(describe "$(cat "$work/actual.status")")
    [ "$exp_st" = "$act_st" ] || { ok=0; why+=("status: expected $exp_st, got $act_st"); }
    cmp -s "$work/expected.out" "$work/actual.out" || { ok=0; why+=("stdout differs"); }
    if [ "$name" = crash ]; then
        normalize_panic <"$work/expected.err" >"$work/expected.nerr"
        normalize_panic <"$work/actual.err" >"$work/actual.nerr"
        cmp -s "$work/expected.nerr" "$work/actual.nerr" || { ok=0; why+=("panic report differs"); }
    fi
    if [ $ok = 1 ]; then
        echo "PASS $name"
        pass=$((pass + 1))
        continue
    fi
    fail=$((fail + 1))
    echo "FAIL $name: ${why[*]}"
    diff -u --label "expected stdout (linux, native)" --label "actual stdout" \
        "$work/expected.out" "$work/actual.out" | head -n 40 | sed 's/^/    /'
    if [ "$name" = crash ]; then
        diff -u --label "expected panic report" --label "actual panic report" \
            "$work/expected.nerr" "$work/actual.nerr" | head -n 40 | sed 's/^/    /'
    fi
    if [ -s "$work/actual.err" ]; then
        echo "    --- stderr (first lines without stack frames, then the last 3):"
        show_stderr "$work/actual.err" | sed 's/^/    | /'
    fi
    if first=$(first_unimplemented "$work/actual.err"); then
        echo "    --- first unimplemented:"
        echo "$first" | cut -c1-300 | sed 's/^/    > /'
    fi
done

echo "go guests: $pass passed, $fail failed"
[ $fail = 0 ]
