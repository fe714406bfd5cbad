#!/bin/sh
# The command line: help, version, usage errors, stdin, atomic output.
. "$(dirname "$0")/../lib.sh"

good=$tmp/good.bkp bad=$tmp/bad.bkp two=$tmp/two.bkp
printf 'policy good-vms { daily at 02:00 }\n' >"$good"
printf 'policy bad-vms { daily at 02:15 }\n' >"$bad"
printf 'policy one-vms { daily at 01:00 }\npolicy two-vms { daily at 02:00 }\n' >"$two"

t version 0 "$BKPC" --version;             has version "$tmp/out" "bkpc "
t help 0 "$BKPC" --help;                   has help "$tmp/out" "usage: bkpc COMMAND"
for c in check build explain next simulate parse; do
    t "help-$c" 0 "$BKPC" "$c" --help;     has "help-$c" "$tmp/out" "usage: bkpc $c"
done
t no-command 2 "$BKPC"
t unknown-command 2 "$BKPC" frobnicate;    has unknown-command "$tmp/err" "unknown command"
t unknown-option 2 "$BKPC" check --frob "$good"; has unknown-option "$tmp/err" "unknown option '--frob'"
t no-file 2 "$BKPC" check
t missing-file 2 "$BKPC" check "$tmp/nope.bkp"; has missing-file "$tmp/err" "cannot read"
t bad-target 2 "$BKPC" build -t yaml "$good"
t check-ok 0 "$BKPC" check "$good"
t check-bad 1 "$BKPC" check "$bad";        has check-bad "$tmp/err" "error[B3]"
t check-many 1 "$BKPC" check "$good" "$bad" "$good"
t check-io-wins 2 "$BKPC" check "$bad" "$tmp/nope.bkp"

# parse: the tree on stdout; syntax errors only (the checker does not run)
t parse-ok 0 "$BKPC" parse "$good";        has parse-ok "$tmp/out" 'name `good-vms` bare 1:8-1:16'
t parse-unchecked 0 "$BKPC" parse "$bad";  has parse-unchecked "$tmp/out" 'time at `02:15`'
printf 'policy p { daily 02:00 }\n' | "$BKPC" parse - >"$tmp/out" 2>"$tmp/err"
if [ $? = 1 ]; then ok; else ko "parse-syntax status"; fi
has parse-syntax "$tmp/err" "<stdin>:1:18: error[syntax]"
has parse-syntax-tree "$tmp/out" 'policy `p` recovered'
t parse-no-file 2 "$BKPC" parse
t parse-two-files 2 "$BKPC" parse "$good" "$good"; has parse-two-files "$tmp/err" "one file at a time"
t parse-missing 2 "$BKPC" parse "$tmp/nope.bkp"; has parse-missing "$tmp/err" "cannot read"

# standard input: named <stdin>, bare clauses named `stdin`
printf 'daily at 02:15\n' | "$BKPC" check - >"$tmp/out" 2>"$tmp/err"
if [ $? = 1 ]; then ok; else ko "stdin status"; fi
has stdin-name "$tmp/err" "<stdin>:1:10: error[B3]"
printf 'daily at 02:00\n' | "$BKPC" build - >"$tmp/out" 2>&1
has stdin-build "$tmp/out" '"scheduleRunFrequency": "Daily"'

# -o FILE: complete or untouched
t out-ok 0 "$BKPC" build -o "$tmp/a.json" "$good"; has out-ok "$tmp/a.json" '"policyType": "V2"'
cp "$tmp/a.json" "$tmp/a.keep"
t out-error 1 "$BKPC" build -o "$tmp/a.json" "$bad"
if cmp -s "$tmp/a.json" "$tmp/a.keep"; then ok; else ko "out-error changed the file"; fi
t out-error-new 1 "$BKPC" build -o "$tmp/new.json" "$bad"
if [ ! -e "$tmp/new.json" ]; then ok; else ko "out-error-new created the file"; fi
if [ -z "$(ls "$tmp" | grep -F '.json.')" ]; then ok; else ko "temporary files left"; fi
t out-bad-dir 2 "$BKPC" build -o "$tmp/no/such/dir/a.json" "$good"

# several policies
t multi-needs-choice 2 "$BKPC" build "$two"; has multi-needs-choice "$tmp/err" "--policy NAME"
t multi-policy 0 "$BKPC" build --policy two-vms "$two"; has multi-policy "$tmp/out" '"2024-01-01T02:00:00Z"'
t multi-unknown 2 "$BKPC" build --policy three-vms "$two"
t multi-dir 0 "$BKPC" build -o "$tmp/out-dir/" "$two"
if [ -f "$tmp/out-dir/one-vms.json" ] && [ -f "$tmp/out-dir/two-vms.json" ]; then ok; else
    ko "multi-dir files"; fi
t multi-all 0 "$BKPC" build --all "$two"
if [ "$(grep -c '"backupManagementType"' "$tmp/out")" = 2 ]; then ok; else ko "multi-all: two bodies"; fi
t all-not-with-policy 2 "$BKPC" build --all --policy one-vms "$two"
# --all writes each body as its policy checks: nothing shows of a file with
# an error after clean policies, wherever the bodies go (a file on standard
# output is cut back to where it was, a pipe gets nothing, OUT is untouched)
late=$tmp/late.bkp
{ i=0; while [ $i -lt 300 ]; do printf 'policy many-%03d { daily at 02:00 keep daily 30d }\n' $i; i=$((i + 1)); done
  printf 'policy late-vms { daily at 25:00 }\n'; } >"$late"
printf 'kept\n' >"$tmp/late.out"
"$BKPC" build --all "$late" >>"$tmp/late.out" 2>"$tmp/err"
if [ $? = 1 ] && [ "$(cat "$tmp/late.out")" = kept ]; then ok; else ko "all-late-error: standard output not cut back"; fi
n=$("$BKPC" build --all "$late" 2>/dev/null | wc -c)
if [ "$n" = 0 ]; then ok; else ko "all-late-error: $n bytes into a pipe"; fi
cp "$tmp/late.out" "$tmp/late.keep"
t all-late-out 1 "$BKPC" build --all -o "$tmp/late.out" "$late"
if cmp -s "$tmp/late.out" "$tmp/late.keep"; then ok; else ko "all-late-out changed the file"; fi
sed 's/25:00/03:00/' "$late" >"$tmp/late-ok.bkp"
"$BKPC" build --all "$tmp/late-ok.bkp" >"$tmp/all.file" 2>/dev/null
"$BKPC" build --all "$tmp/late-ok.bkp" 2>/dev/null | cat >"$tmp/all.pipe"
"$BKPC" build --all -o "$tmp/all.out" "$tmp/late-ok.bkp"
if [ "$(grep -c '"backupManagementType"' "$tmp/all.file")" = 301 ] && cmp -s "$tmp/all.file" "$tmp/all.pipe" &&
   cmp -s "$tmp/all.file" "$tmp/all.out"; then ok; else ko "all: the same bodies to a file, a pipe and -o"; fi
t azcli-executable 0 "$BKPC" build -t azcli -o "$tmp/x.sh" "$good"
if [ -x "$tmp/x.sh" ]; then ok; else ko "azcli-executable: not executable"; fi
# Standard input over 64 KiB is read whole; over 64 MiB it is refused.
{ printf 'policy big-vms {\n'; head -c 70000 /dev/zero | tr '\0' ' '; printf '\n  daily at 02:00\n}\n'; } >"$tmp/big.bkp"
t stdin-64k 0 sh -c 'exec "$1" check - <"$2"' sh "$BKPC" "$tmp/big.bkp"
head -c 67108865 /dev/zero >"$tmp/huge"
t stdin-too-large 2 sh -c 'exec "$1" check - <"$2"' sh "$BKPC" "$tmp/huge"; has stdin-too-large "$tmp/err" "file too large"
t file-too-large 2 "$BKPC" check "$tmp/huge"; has file-too-large "$tmp/err" "file too large"
rm -f "$tmp/huge"
# Output files get their mode less the umask, as any file a tool creates.
t azcli-umask 0 sh -c 'umask 077; exec "$1" build -t azcli -o "$2" "$3"' sh "$BKPC" "$tmp/u.sh" "$good"
m=$(stat -c %a "$tmp/u.sh"); if [ "$m" = 700 ]; then ok; else ko "azcli-umask: mode $m, expected 700"; fi
t json-umask 0 sh -c 'umask 027; exec "$1" build -o "$2" "$3"' sh "$BKPC" "$tmp/u.json" "$good"
m=$(stat -c %a "$tmp/u.json"); if [ "$m" = 640 ]; then ok; else ko "json-umask: mode $m, expected 640"; fi
t dir-not-for-ps1 2 "$BKPC" build -t ps1 -o "$tmp/out-dir/" "$two"
summary
