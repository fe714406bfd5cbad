#!/bin/sh
# Where `bkpc build -o OUT` writes, for each kind of OUT (src/cli/out.c):
#  1. a regular file is replaced whole and keeps its mode (and owner, as
#     root); a new file gets the default mode; -o "" is a usage error;
#  2. a symbolic link is followed, its target replaced, the link kept; a
#     dangling one creates its target;
#  3. a FIFO and a character device are written through and stay what they
#     are (fake devices made with mknod in a temporary directory; the real
#     /dev/null and /dev/full only when not root); a socket, a directory
#     and a missing directory are refused, nothing written;
#  4. /dev/stdout is standard output, appended to as the shell opened it;
#  5. -o DIR/ replaces the set or nothing: a NAME.json that is a directory or
#     a FIFO stops it before anything is replaced; SIGTERM mid-way leaves no
#     temporary and the set whole or untouched;
#  6. a write error of the interpreter's JSON output is exit 2 with a message.
# Runs from the repository root; ends with "N passed, N failed".
. "$(dirname "$0")/../lib.sh"
E=examples/prod-vms.bkp
M=examples/multi-policy.bkp
d=$tmp/p
mkdir -p "$d"
"$BKPC" build "$E" >"$tmp/body.json" || ko "bkpc build $E"
check() {   # NAME CONDITION...: ok when the test command holds, else ko NAME
    _n=$1
    shift
    if "$@"; then ok; else ko "$_n"; fi
}
same() {   # NAME FILE: FILE holds the body
    if cmp -s "$tmp/body.json" "$2"; then ok; else ko "$1: $2 is not the body"; fi
}
kind() {   # NAME PATH WANT (stat's %F)
    got=$(stat -c %F "$2" 2>/dev/null)
    if [ "$got" = "$3" ]; then ok; else ko "$1: $2 is a $got, not a $3"; fi
}
temporaries() {   # NAME DIR: no temporary (NAME.XXXXXX) left in DIR
    left=$(find "$2" -name '*.??????' -o -name '*.old' | head -3)
    if [ -z "$left" ]; then ok; else ko "$1: temporaries left: $left"; fi
}

# 1. regular files, modes, owner
t empty-path 2 "$BKPC" build -o "" "$E";   has empty-path "$tmp/err" "-o wants a file or a directory"
t new-file 0 "$BKPC" build -o "$d/new.json" "$E"; same new-file "$d/new.json"
check "new-file: mode $(stat -c %a "$d/new.json")" [ "$(stat -c %a "$d/new.json")" = "$(printf '%o' $((0666 & ~$(umask))))" ]
echo old >"$d/private.json"; chmod 600 "$d/private.json"
t keep-mode 0 "$BKPC" build -o "$d/private.json" "$E"; same keep-mode "$d/private.json"
check "keep-mode: mode $(stat -c %a "$d/private.json")" [ "$(stat -c %a "$d/private.json")" = 600 ]
echo old >"$d/run.sh"; chmod 750 "$d/run.sh"
t keep-script-mode 0 "$BKPC" build -t azcli -o "$d/run.sh" "$E"
check "keep-script-mode: mode $(stat -c %a "$d/run.sh")" [ "$(stat -c %a "$d/run.sh")" = 750 ]
t new-script 0 "$BKPC" build -t azcli -o "$d/new.sh" "$E"
check "new-script: not executable" [ -x "$d/new.sh" ]
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
    echo old >"$d/theirs.json"; chown nobody "$d/theirs.json"
    t keep-owner 0 "$BKPC" build -o "$d/theirs.json" "$E"
    check "keep-owner: owner $(stat -c %U "$d/theirs.json")" [ "$(stat -c %U "$d/theirs.json")" = nobody ]
fi
t missing-dir 2 "$BKPC" build -o "$d/no/such/dir/x.json" "$E"; has missing-dir "$tmp/err" "cannot write"
check "missing-dir: created something" [ ! -e "$d/no" ]
t is-dir 2 "$BKPC" build -t ps1 -o "$d" "$E"
has is-dir "$tmp/err" "-o DIR/ writes one JSON body per policy"

# 2. symbolic links
mkdir -p "$d/elsewhere" "$d/links"
echo old >"$d/elsewhere/target.json"; chmod 640 "$d/elsewhere/target.json"
ln -s ../elsewhere/target.json "$d/links/rel.json"
ln -s "$d/links/rel.json" "$d/links/chain.json"
t symlink 0 "$BKPC" build -o "$d/links/chain.json" "$E"
kind symlink "$d/links/chain.json" "symbolic link"; kind symlink "$d/links/rel.json" "symbolic link"
same symlink "$d/elsewhere/target.json"
check "symlink: target's mode changed" [ "$(stat -c %a "$d/elsewhere/target.json")" = 640 ]
temporaries symlink "$d/links"; temporaries symlink "$d/elsewhere"
ln -s made.json "$d/links/dangling.json"
t dangling 0 "$BKPC" build -o "$d/links/dangling.json" "$E"
kind dangling "$d/links/dangling.json" "symbolic link"; same dangling "$d/links/made.json"

# 3. FIFOs, devices, sockets
mkfifo "$d/fifo"
cat "$d/fifo" >"$tmp/from-fifo" &
reader=$!
t fifo 0 "$BKPC" build -o "$d/fifo" "$E"
wait $reader
kind fifo "$d/fifo" fifo; same fifo "$tmp/from-fifo"
if mknod "$d/null" c 1 3 2>/dev/null && mknod "$d/full" c 1 7 2>/dev/null; then
    t fake-null 0 "$BKPC" build -o "$d/null" "$E";  kind fake-null "$d/null" "character special file"
    t fake-full 2 "$BKPC" build -o "$d/full" "$E";  kind fake-full "$d/full" "character special file"
    has fake-full "$tmp/err" "No space left on device"
else
    echo "paths: fake devices skipped: mknod is not allowed here"
fi
if [ "$(id -u)" != 0 ]; then    # a process that may not replace them: safe to try
    t dev-null 0 "$BKPC" build -o /dev/null "$E";  kind dev-null /dev/null "character special file"
    t dev-full 2 "$BKPC" build -o /dev/full "$E";  kind dev-full /dev/full "character special file"
else
    echo "paths: /dev/null and /dev/full themselves skipped as root (the fake ones above stand in)"
fi
python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$d/sock"
t socket 2 "$BKPC" build -o "$d/sock" "$E"; has socket "$tmp/err" "it is a socket"
kind socket "$d/sock" socket

# 4. standard output under another name
check dev-stdout "$BKPC" build -o /dev/stdout "$E" >"$d/stdout.json"
same dev-stdout "$d/stdout.json"
echo first >"$d/log"
check dev-stdout-append "$BKPC" build -o /dev/stdout "$E" >>"$d/log"
{ echo first; cat "$tmp/body.json"; } >"$tmp/want-log"
check "dev-stdout-append: the log was not appended to" cmp -s "$tmp/want-log" "$d/log"

# 5. sets
check set "$BKPC" build -o "$d/set/" "$M"
for f in "$d"/set/*.json; do echo old >"$f"; done
names=$(cd "$d/set" && ls)
rm "$d/set/web-tier.json"; mkdir "$d/set/web-tier.json"
t set-dir 2 "$BKPC" build -o "$d/set/" "$M"; has set-dir "$tmp/err" "it is a directory"
for f in $names; do
    [ "$f" = web-tier.json ] && continue
    check "set-dir: $f was replaced" [ "$(cat "$d/set/$f")" = old ]
done
temporaries set-dir "$d/set"
rmdir "$d/set/web-tier.json"; mkfifo "$d/set/web-tier.json"
t set-fifo 2 "$BKPC" build -o "$d/set/" "$M"; has set-fifo "$tmp/err" "not a regular file"
kind set-fifo "$d/set/web-tier.json" fifo; temporaries set-fifo "$d/set"
awk 'BEGIN { for (i = 0; i < 1500; i++) printf "policy pol%d { daily at 02:00 }\n", i }' >"$tmp/many.bkp"
for delay in 0.1 0.3 0.6; do
    rm -rf "$d/many"
    "$BKPC" build -o "$d/many/" "$tmp/many.bkp" 2>"$tmp/err" &
    pid=$!
    sleep $delay
    kill -TERM $pid 2>/dev/null
    wait $pid 2>/dev/null
    n=$(find "$d/many" -name '*.json' 2>/dev/null | wc -l)
    if [ "$n" = 0 ] || [ "$n" = 1500 ]; then ok; else ko "sigterm after ${delay}s: $n of 1500 files"; fi
    [ -d "$d/many" ] && temporaries "sigterm after ${delay}s" "$d/many"
done

# 6. the interpreter's JSON output, to /dev/full opened by the shell (bkpc
#    writes to its standard output: nothing to replace, even as root)
for cmd in "next -n 50" "explain" "simulate --at 2026-01-01"; do
    # shellcheck disable=SC2086
    t "$cmd-json-full" 2 sh -c '"$1" '"$cmd"' --format json "$2" >/dev/full' sh "$BKPC" "$E"
    has "$cmd-json-full" "$tmp/err" "cannot write standard output: No space left on device"
done
kind interp-full /dev/full "character special file"
summary
