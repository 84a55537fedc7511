#!/usr/bin/env bash
# Which FreeBSD system calls each Go guest can make (from its disassembly), one line per program.
#
#   syscalls-used.sh OUTDIR [NAME...]     (GO=/path/to/go, else setup-go.sh OUTDIR provides it)
#
# SYSCALLS_MASTER defaults to ../shared/reference/syscalls.master beside the repository.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd -P)
[ $# -ge 1 ] || { sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
out=$(cd "$1" && pwd -P)
shift
master=${SYSCALLS_MASTER:-$here/../../../shared/reference/syscalls.master}
[ -f "$master" ] || { echo "syscalls-used: no syscalls.master at $master" >&2; exit 2; }
GO=${GO:-$("$here/setup-go.sh" "$out")}
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(hello goroutines timers panics signals crash tcp exec files stress)
for n in "${names[@]}"; do
    echo "$n: $("$GO" tool objdump "$out/freebsd/$n" | python3 "$here/syscalls-used.py" "$master" --names | sort | tr '\n' ' ')"
done
