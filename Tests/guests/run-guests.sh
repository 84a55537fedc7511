#!/usr/bin/env bash
# Run every guest program twice and compare: the Linux build natively (the expected output) and
# the FreeBSD build under the emulator. stdout and the way the process ended (exit status or
# fatal signal) must be identical; stderr is kept for diagnosis only.
#
#   run-guests.sh EMULATOR OUTDIR [PROGRAM...]
#
# EMULATOR  the emulator command, e.g. .build/release/bsd-user-gdb (words after the first are
#           passed as options); or --native to run the Linux build against itself, which checks
#           that the expected outputs are deterministic.
# OUTDIR    the OUT= directory of `make -C Tests/guests`, holding freebsd/ and linux/.
# PROGRAM   optional names (int_arith) or full names (int_arith-O2) to run a subset.
#
# Each run gets a fresh scratch directory as argv[1], an empty environment plus a fixed few
# variables, stdin from /dev/null, umask 022, a core size limit of 0, an 8 MiB stack limit and a
# time limit of $GUEST_TIMEOUT seconds (default 120). Exit status: 0 if all passed, 1 otherwise.

set -u

usage() {
    sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}
[ $# -ge 2 ] || usage

emu_spec=$1
out=$(cd "$2" 2>/dev/null && pwd -P) || { echo "run-guests: no such directory: $2" >&2; exit 2; }
shift 2
filters=("$@")
timeout_s=${GUEST_TIMEOUT:-120}

[ -d "$out/linux" ] || { echo "run-guests: $out/linux missing (build with make OUT=$out)" >&2; exit 2; }
native=0
emu=()
if [ "$emu_spec" = "--native" ]; then
    native=1
else
    read -r -a emu <<<"$emu_spec"
    if [[ ${emu[0]} == */* ]]; then
        emu[0]=$(cd "$(dirname "${emu[0]}")" 2>/dev/null && pwd -P)/$(basename "${emu[0]}")
    fi
    command -v "${emu[0]}" >/dev/null || { echo "run-guests: emulator not found: ${emu[0]}" >&2; exit 2; }
    [ -d "$out/freebsd" ] || { echo "run-guests: $out/freebsd missing" >&2; exit 2; }
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/run-guests.XXXXXX") || exit 2
work=$(cd "$work" && pwd -P)
trap 'rm -rf "$work"' EXIT

# The whole environment the guests see (env -i clears the rest).
guest_env=(PATH=/usr/bin:/bin HOME=/nonexistent LC_ALL=C TZ=UTC GUEST_TEST=hello "GUEST_SPACES=a b  c" EMPTY=)

# Extra arguments after the scratch directory, per program.
extra_args() {
    case $1 in
        args_env) extra=("two words" "" "tab	inside" "x=y" "--flag" "éàü") ;;
        *) extra=() ;;
    esac
}

# describe STATUS: how a process ended, in words that do not depend on the OS numbering.
describe() {
    local st=$1
    if [ "$st" -eq 124 ]; then
        echo "timeout after ${timeout_s}s"
    elif [ "$st" -gt 128 ] && name=$(kill -l $((st - 128)) 2>/dev/null); then
        echo "killed by SIG$name"
    else
        echo "exit $st"
    fi
}

# run OS PROG TAG: run one binary; leaves $work/TAG.out, TAG.err, TAG.status.
run() {
    local os=$1 prog=$2 tag=$3 scratch
    scratch=$(mktemp -d "$work/scratch.XXXXXX")
    scratch=$(cd "$scratch" && pwd -P)
    local base=${prog%-O*}
    extra_args "$base"
    local cmd=("./$prog")
    [ "$os" = freebsd ] && cmd=("${emu[@]}" "./$prog")
    local st
    {   # the outer redirection swallows bash's own "Segmentation fault" job report
        (
            cd "$out/$os" || exit 125
            ulimit -c 0
            ulimit -s 8192
            umask 022
            exec timeout -k 5 "$timeout_s" env -i "${guest_env[@]}" "${cmd[@]}" "$scratch" "${extra[@]}"
        ) </dev/null >"$work/$tag.out" 2>"$work/$tag.err"
        st=$?
    } 2>/dev/null
    describe $st >"$work/$tag.status"
    rm -rf "$scratch"
}

selected() {
    [ ${#filters[@]} -eq 0 ] && return 0
    local f
    for f in "${filters[@]}"; do
        [ "$1" = "$f" ] || [ "${1%-O*}" = "$f" ] && return 0
    done
    return 1
}

pass=0
fail=0
failed=()
for path in "$out"/linux/*; do
    [ -f "$path" ] && [ -x "$path" ] || continue
    prog=$(basename "$path")
    selected "$prog" || continue
    run linux "$prog" expected
    if [ $native -eq 1 ]; then
        run linux "$prog" actual
    elif [ -x "$out/freebsd/$prog" ]; then
        run freebsd "$prog" actual
    else
        echo "missing FreeBSD build" >"$work/actual.out"
        echo "not run" >"$work/actual.status"
        : >"$work/actual.err"
    fi
    if cmp -s "$work/expected.out" "$work/actual.out" && cmp -s "$work/expected.status" "$work/actual.status"; then
        pass=$((pass + 1))
        status=$(cat "$work/actual.status")
        printf 'PASS %-24s %s\n' "$prog" "$status"
        # The emulator announces a fatal guest signal on stderr; only a note if it does not.
        if [ $native -eq 0 ] && [[ $status == "killed by "* ]] &&
            ! grep -q "guest killed by ${status#killed by }" "$work/actual.err"; then
            echo "     note: no 'guest killed by ${status#killed by }' line on the emulator's stderr"
        fi
    else
        fail=$((fail + 1))
        failed+=("$prog")
        printf 'FAIL %-24s expected: %s, got: %s\n' "$prog" "$(cat "$work/expected.status")" "$(cat "$work/actual.status")"
        diff -u --label "expected (linux)" --label "actual ($([ $native -eq 1 ] && echo linux || echo emulator))" \
            "$work/expected.out" "$work/actual.out" | head -n 60 | sed 's/^/    /'
        if [ -s "$work/actual.err" ]; then
            echo "    --- stderr (last lines):"
            tail -n 8 "$work/actual.err" | sed 's/^/    /'
        fi
    fi
done

total=$((pass + fail))
if [ $total -eq 0 ]; then
    echo "run-guests: no programs matched" >&2
    exit 2
fi
echo "$pass/$total passed"
if [ $fail -gt 0 ]; then
    echo "failed: ${failed[*]}"
    exit 1
fi
exit 0
