#!/usr/bin/env bash
# Runs each benchmark natively (Linux build), under bsd-user-gdb (FreeBSD build) and under
# qemu-x86_64 (Linux build), in one run, and prints times, guest instructions per second and
# ratios. A benchmark, not a test: it never fails on time.
set -u
EMU=${1:?usage: run-bench.sh EMULATOR BENCHDIR}
DIR=${2:?usage: run-bench.sh EMULATOR BENCHDIR}
QEMU=$(command -v qemu-x86_64 || true)

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "-" }'; }

printf "%-10s %9s %9s %9s %12s %10s %10s\n" bench native emulator qemu "guest MIPS" "emu/native" "emu/qemu"
for b in inthash floatloop memcopy; do
    t0=$(now); expected=$("$DIR/linux/$b"); t1=$(now)
    native=$(elapsed "$t0" "$t1")
    stats=$(mktemp)
    t0=$(now); got=$("$EMU" -stats "$DIR/freebsd/$b" 2>"$stats"); t1=$(now)
    emu=$(elapsed "$t0" "$t1")
    insns=$(sed -n 's/.*stats: \([0-9]*\) guest instructions.*/\1/p' "$stats")
    rm -f "$stats"
    mips=$(awk -v n="${insns:-0}" -v t="$emu" 'BEGIN { if (t > 0) printf "%.0f", n / t / 1e6; else print "-" }')
    if [ -n "$QEMU" ]; then
        t0=$(now); "$QEMU" "$DIR/linux/$b" >/dev/null; t1=$(now)
        qemu=$(elapsed "$t0" "$t1")
    else
        qemu="-"
    fi
    note=""
    [ "$got" = "$expected" ] || note="  (OUTPUT DIFFERS: emulator '$got' vs native '$expected')"
    printf "%-10s %9s %9s %9s %12s %10s %10s%s\n" "$b" "$native" "$emu" "$qemu" "$mips" \
        "$(ratio "$emu" "$native")" "$( [ "$qemu" = - ] && echo - || ratio "$emu" "$qemu")" "$note"
done
