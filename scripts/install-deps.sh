#!/bin/sh
# Install what bkpc needs to build and test on a Debian machine.
# `make` calls this when a tool or library is missing; it is safe to run by hand.
#   scripts/install-deps.sh          build and test dependencies
#   scripts/install-deps.sh --all    also the script checkers (shellcheck, node/npm)
#                                    and, where the .NET SDK is, PowerShell 7
set -eu

# PowerShell 7 runs the generated scripts in tests/extra/pwsh.sh. It is a .NET
# global tool (in ~/.dotnet/tools); without dotnet that test says it skipped.
install_pwsh() {
    command -v pwsh >/dev/null 2>&1 && return 0
    [ -x "${DOTNET_CLI_HOME:-$HOME}/.dotnet/tools/pwsh" ] && return 0
    command -v dotnet >/dev/null 2>&1 || return 0
    echo "bkpc: installing PowerShell 7.6.9 (dotnet tool install --global PowerShell)" >&2
    DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 \
        dotnet tool install --global PowerShell --version 7.6.9 >&2 ||
        echo "bkpc: PowerShell could not be installed: tests/extra/pwsh.sh will fail" >&2
}

missing=""
need_pkg() {   # $1 = Debian package
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $1"
}
need_cmd() {   # $1 = command, $2 = packages that provide it
    command -v "$1" >/dev/null 2>&1 || missing="$missing $2"
}

need_cmd cc gcc
need_cmd make make
need_cmd flex flex
need_cmd bison bison
need_cmd pkg-config pkg-config
need_cmd python3 python3
need_pkg libcmocka-dev
need_pkg libjansson-dev
need_pkg libicu-dev
if [ "${1:-}" = "--all" ]; then
    need_cmd shellcheck shellcheck
    need_cmd npm "nodejs npm"
    install_pwsh
fi
[ -z "$missing" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "bkpc: missing:$missing" >&2
    echo "bkpc: this is not a Debian-like system; install the equivalents by hand" >&2
    exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
        echo "bkpc: missing:$missing" >&2
        echo "bkpc: as root, run: apt-get install$missing" >&2
        exit 1
    fi
fi
echo "bkpc: installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >&2
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >&2
