#!/bin/sh
# scripts/install-deps.sh on systems other than this one, through a PATH of
# stubs: without dpkg-query and apt-get (not Debian) with every library
# present it lets make go on; a missing library (pkg-config says so) is
# named with its pkg-config module and stops the build; apt-get, where there
# is one, is asked for exactly what is missing; missing test tools do not
# stop anything.
. "$(dirname "$0")/../lib.sh"
script=$(pwd)/scripts/install-deps.sh
bin=$tmp/bin
mkdir -p "$bin"
for c in grep id sort tr sed cc make flex bison pkg-config python3; do
    p=$(command -v "$c") || { echo "deps: skipped: no $c on this machine"; summary; exit; }
    ln -s "$p" "$bin/$c"
done
real_pkgconfig=$(command -v pkg-config)
# Stubs are written only to new files of $bin, never through one of its links.

run() {   # run NAME WANT_STATUS [ARGS]: the script with PATH=$bin
    name=$1 want=$2
    shift 2
    PATH=$bin /bin/sh "$script" "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ "$rc" = "$want" ]; then ok; else ko "$name: exit $rc, expected $want"; cat "$tmp/err"; fi
}
says() {  # says NAME TEXT: the script's standard error holds TEXT
    if grep -qF -- "$2" "$tmp/err"; then ok; else ko "$1: no '$2' in:"; cat "$tmp/err"; fi
}

# 1. Not Debian (no dpkg-query, no apt-get), everything there: silent, exit 0.
run all-present 0
if [ ! -s "$tmp/err" ] && [ ! -s "$tmp/out" ]; then ok; else ko "all-present printed something"; cat "$tmp/err"; fi

# 2. jansson missing: named by its Debian package and pkg-config module.
# (The link is removed first: writing to it would write the real pkg-config.)
rm -f "$bin/pkg-config"
cat >"$bin/pkg-config" <<STUB
#!/bin/sh
for a in "\$@"; do [ "\$a" = jansson ] && exit 1; done
exec "$real_pkgconfig" "\$@"
STUB
chmod +x "$bin/pkg-config"
run no-jansson 1
says no-jansson "libjansson-dev (pkg-config module jansson)"
says no-jansson "not a Debian-like system"
says no-jansson "the build needs: libjansson-dev"

# 3. ... and with apt-get: it installs exactly that (as root; else it says how).
cat >"$bin/apt-get" <<STUB
#!/bin/sh
echo "\$*" >>"$tmp/apt.log"
STUB
chmod +x "$bin/apt-get"
if [ "$(id -u)" = 0 ]; then
    run apt-installs 0
    if grep -qx "install -y -qq --no-install-recommends libjansson-dev" "$tmp/apt.log"; then ok; else
        ko "apt-get was not asked for libjansson-dev:"; cat "$tmp/apt.log"; fi
else
    run apt-not-root 1
    says apt-not-root "as root, run: apt-get install libjansson-dev"
fi
rm -f "$bin/apt-get" "$bin/pkg-config"
ln -s "$real_pkgconfig" "$bin/pkg-config"

# 4. No pkg-config at all: it is missing, and so is every library.
rm "$bin/pkg-config"
run no-pkg-config 1
says no-pkg-config "pkg-config (the command pkg-config)"
says no-pkg-config "libicu-dev (pkg-config module icu-i18n)"
ln -s "$real_pkgconfig" "$bin/pkg-config"

# 5. --all where the test tools are missing and cannot be installed: make goes on.
run tools-missing 0 --all
says tools-missing "shellcheck (the command shellcheck)"
says tools-missing "the tests of the missing tools will be skipped"
summary
