# Shared by run-go.sh and stress.sh (sourced, not run): how one Go guest is run.
#
# Every run gets a fresh scratch directory as its working directory, HOME and TMPDIR, an empty
# environment plus a fixed few variables (GOMAXPROCS=2), stdin from /dev/null, no core files,
# and a time limit of $GO_TIMEOUT seconds (default 120); `timeout` kills the whole process group.

GO_TIMEOUT=${GO_TIMEOUT:-120}

# resolve_emulator SPEC: sets the array emu (the words of SPEC, first one made absolute).
resolve_emulator() {
    read -r -a emu <<<"$1"
    local dir
    if [[ ${emu[0]} == */* ]] && dir=$(cd "$(dirname "${emu[0]}")" 2>/dev/null && pwd -P); then
        emu[0]=$dir/$(basename "${emu[0]}")
    fi
    command -v "${emu[0]}" >/dev/null || { echo "emulator not found: ${emu[0]}" >&2; exit 2; }
}

# guest_args NAME: sets the array args, the extra arguments a program gets.
guest_args() {
    case $1 in
        hello) args=("one" "two words" "" "x=y" "ünï") ;;
        *) args=() ;;
    esac
}

# run_guest TAG PREFIX... BINARY: runs BINARY (under the PREFIX words, if any) with the program's
# arguments; leaves $work/TAG.out, TAG.err and TAG.status (the exit status as the shell sees it).
run_guest() {
    local tag=$1 scratch name
    shift
    name=$(basename "${@: -1}")
    guest_args "$name"
    scratch=$(mktemp -d "$work/scratch.XXXXXX")
    scratch=$(cd "$scratch" && pwd -P)
    # The outer braces keep bash's own "Bad system call"-style job messages out of the report.
    {
        (
            cd "$scratch" || exit 99
            ulimit -c 0
            exec env -i PATH=/usr/bin:/bin HOME="$scratch" TMPDIR="$scratch" LC_ALL=C TZ=UTC \
                GOMAXPROCS=2 GO_TEST_VAR="a value" \
                timeout -k 5 "$GO_TIMEOUT" "$@" "${args[@]}" </dev/null
        ) >"$work/$tag.out" 2>"$work/$tag.err"
        echo $? >"$work/$tag.status"
    } 2>/dev/null
    rm -rf "$scratch"
}

# describe STATUS: how a process ended.
describe() {
    local st=$1 name
    if [ "$st" -eq 124 ]; then
        echo "timeout after ${GO_TIMEOUT}s"
    elif [ "$st" -gt 128 ] && name=$(kill -l $((st - 128)) 2>/dev/null); then
        echo "killed by SIG$name"
    else
        echo "exit $st"
    fi
}

# first_unimplemented FILE: the emulator's first few reports of what it does not support.
first_unimplemented() {
    grep -m 3 -i -E 'unimplemented|unsupported|not implemented|illegal instruction|invalid opcode' "$1"
}

# show_stderr FILE: the informative part of a guest's stderr — Go's fatal error and goroutine
# headers come first, its tab-indented frame lines are skipped — then the file's last 3 lines.
show_stderr() {
    grep -v -E $'^\t|^$' "$1" | head -n 10 | cut -c1-300
    if [ "$(wc -l <"$1")" -gt 10 ]; then
        echo "..."
        tail -n 3 "$1" | cut -c1-300
    fi
}
