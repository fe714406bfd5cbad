#!/bin/sh
# What bkpc needs to build and test, installed where it is missing.
# `make` calls this; it is safe to run by hand.
#   scripts/install-deps.sh          build dependencies
#   scripts/install-deps.sh --all    also the test tools (script checkers, node/npm,
#                                    the editors and shells the editor and completion
#                                    tests drive, pre-commit, yamllint, clang and
#                                    libFuzzer for make fuzz) and, where the .NET SDK
#                                    is, PowerShell 7
#
# Libraries are found with pkg-config, tools on the PATH, so any system that
# has them builds; dpkg is asked only about the few Debian packages that have
# neither (and only where dpkg exists). What is missing is installed with
# apt-get (as root, or through sudo). Where that cannot be done, the script
# says what to install; a missing build dependency then stops make (exit 1),
# a missing test tool does not (its tests say they were skipped).
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

missing_build="" missing_test="" hints=""
tier=build
add() {        # $1 = Debian package(s), $2 = what else names it (for other systems)
    if [ $tier = build ]; then missing_build="$missing_build $1"; else missing_test="$missing_test $1"; fi
    hints="$hints
  $1${2:+ ($2)}"
}
need_cmd() {   # $1 = command, $2 = Debian packages that provide it
    command -v "$1" >/dev/null 2>&1 || add "$2" "the command $1"
}
need_lib() {   # $1 = pkg-config module, $2 = Debian package
    if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists "$1" 2>/dev/null; then
        add "$2" "pkg-config module $1"
    fi
}
need_fuzzer() {   # clang and its libFuzzer runtime (make fuzz, tests/fuzz/)
    if ! command -v clang >/dev/null 2>&1; then
        add "clang libclang-rt-dev" "clang, and its runtime libclang_rt.fuzzer"
        return 0
    fi
    rt=$(clang -print-file-name="libclang_rt.fuzzer-$(uname -m).a" 2>/dev/null) || rt=""
    [ -f "$rt" ] || add libclang-rt-dev "clang's runtime libclang_rt.fuzzer"
}
need_deb() {   # $1 = Debian package without a command or a .pc; $2 = what it is
    command -v dpkg-query >/dev/null 2>&1 || return 0    # cannot tell: its tests will say
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed" || add "$1" "$2"
}

need_cmd cc gcc
need_cmd make make
need_cmd flex flex
need_cmd bison bison
need_cmd pkg-config pkg-config
need_cmd python3 python3
need_lib jansson libjansson-dev
need_lib icu-i18n libicu-dev
need_lib icu-uc libicu-dev
need_lib cmocka libcmocka-dev
if [ "${1:-}" = "--all" ]; then
    tier=tests
    need_cmd shellcheck shellcheck
    need_cmd npm "nodejs npm"
    need_cmd git git
    need_cmd man man-db
    need_cmd vim vim-nox
    need_cmd nvim neovim
    need_cmd emacs emacs-nox
    need_cmd zsh zsh
    need_cmd fish fish
    need_cmd pre-commit pre-commit
    need_cmd yamllint yamllint
    need_fuzzer
    need_deb bash-completion "bash-completion's loader"
    need_deb elpa-eglot "Emacs's eglot package"
    install_pwsh
fi
# Each package once (libicu-dev is named twice), on one line.
words() {
    # shellcheck disable=SC2086  # split on purpose
    printf '%s\n' $1 | sort -u | tr '\n' ' ' | sed 's/ $//'
}
missing_build=$(words "$missing_build")
missing=$(words "$missing_build $missing_test")
[ -z "$missing" ] && exit 0

cannot() {     # $1 = why apt-get cannot run
    echo "bkpc: missing (the Debian package, and what else names it):" >&2
    printf '%s\n' "$hints" | sed '/^$/d' | sort -u >&2
    echo "bkpc: $1" >&2
    if [ -n "$missing_build" ]; then
        echo "bkpc: the build needs: $missing_build" >&2
        exit 1
    fi
    echo "bkpc: the build has what it needs; the tests of the missing tools will be skipped" >&2
    exit 0
}
command -v apt-get >/dev/null 2>&1 ||
    cannot "this is not a Debian-like system: install the equivalents with your package manager"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || cannot "as root, run: apt-get install $missing"
    SUDO="sudo"
fi
echo "bkpc: installing: $missing" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >&2
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >&2
