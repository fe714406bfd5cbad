#!/bin/sh
# Bad input of any kind gets diagnostics and exit 1, never a crash or a hang:
# a few hundred deterministic mutations of the examples and test inputs
# (bytes dropped, swapped, duplicated, replaced), random bytes, and a deeply
# repetitive file. Under `make asan-check` this also catches memory errors.
. "$(dirname "$0")/../lib.sh"
python3 - "$tmp" examples/*.bkp tests/build/*.bkp tests/check/*.bkp <<'PY'
import os, random, sys
out, files = sys.argv[1], [f for f in sys.argv[2:] if os.path.exists(f)]
rnd = random.Random(20261124)
n = 0
for f in files:
    data = open(f, 'rb').read()
    for k in range(8):
        b = bytearray(data)
        for _ in range(rnd.randint(1, 6)):
            if not b:
                break
            i = rnd.randrange(len(b))
            op = rnd.randrange(4)
            if op == 0: del b[i:i + rnd.randint(1, 8)]
            elif op == 1: b[i] = rnd.randrange(256)
            elif op == 2: b[i:i] = b[i:i + rnd.randint(1, 12)]
            else:
                j = rnd.randrange(len(b)); b[i], b[j] = b[j], b[i]
        open(os.path.join(out, 'm%04d.bkp' % n), 'wb').write(b); n += 1
for k in range(20):
    open(os.path.join(out, 'r%04d.bkp' % k), 'wb').write(bytes(rnd.randrange(256) for _ in range(rnd.randint(0, 4000))))
open(os.path.join(out, 'deep.bkp'), 'w').write('policy p { ' * 5000 + '} ' * 5000 + 'keep , ' * 20000)
PY
# Exit 0 or 1 only: a crash, a hang (timeout's 124) or a sanitizer report
# (exit 86 under `make asan-check`) fails, and shows its standard error.
for f in "$tmp"/*.bkp; do
    timeout 10 "$BKPC" check "$f" >/dev/null 2>"$tmp/err"
    rc=$?
    if [ $rc = 0 ] || [ $rc = 1 ]; then ok; else
        ko "$(basename "$f"): exit $rc (input kept as /tmp/bkpc-crash-$(basename "$f"))"
        cp "$f" "/tmp/bkpc-crash-$(basename "$f")"
        head -20 "$tmp/err"
    fi
done
summary
