#!/usr/bin/env bash
# Build every Go program here for FreeBSD and for Linux, run the FreeBSD build under the
# emulator and the Linux build natively, and compare their stdout and exit status.
#
#   run-go-tests.sh EMULATOR OUTDIR [PROGRAM...]
#
# Installs Debian's golang-go when no go command is found. Each run gets its own TMPDIR and
# a time limit of $GUEST_TIMEOUT seconds (default 120).
set -u
[ $# -ge 2 ] || { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
emu=$1
out=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd -P)
timeout_s=${GUEST_TIMEOUT:-120}

if ! command -v go >/dev/null; then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq golang-go >/dev/null
fi
command -v go >/dev/null || { echo "run-go-tests: no go toolchain" >&2; exit 2; }
mkdir -p "$out"
out=$(cd "$out" && pwd -P)
export GOCACHE=${GOCACHE:-$out/gocache} GOFLAGS=-mod=mod GOTOOLCHAIN=local CGO_ENABLED=0

progs=("$@")
if [ ${#progs[@]} -eq 0 ]; then
    for d in "$here"/*/; do [ -f "$d/main.go" ] && progs+=("$(basename "$d")"); done
fi

pass=0; fail=0
for p in "${progs[@]}"; do
    (cd "$here" && GOOS=freebsd GOARCH=amd64 go build -o "$out/$p-freebsd" "./$p" && GOOS=linux GOARCH=amd64 go build -o "$out/$p-linux" "./$p") || {
        echo "FAIL $p (build)"; fail=$((fail + 1)); continue; }
    work=$(mktemp -d)
    mkdir -p "$work/l" "$work/f"
    TMPDIR=$work/l timeout "$timeout_s" "$out/$p-linux" >"$work/expected" 2>"$work/expected.err"; es=$?
    TMPDIR=$work/f timeout "$timeout_s" "$emu" "$out/$p-freebsd" >"$work/actual" 2>"$work/actual.err"; as=$?
    if [ $es -eq $as ] && cmp -s "$work/expected" "$work/actual"; then
        echo "PASS $p"; pass=$((pass + 1))
    else
        echo "FAIL $p (exit $es expected, $as got)"; fail=$((fail + 1))
        diff -u "$work/expected" "$work/actual" | head -40 | sed 's/^/    /'
        tail -5 "$work/actual.err" | sed 's/^/    /'
    fi
    rm -rf "$work"
done
echo "$pass/$((pass + fail)) Go programs passed"
[ $fail -eq 0 ]
