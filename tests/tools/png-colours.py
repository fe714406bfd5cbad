#!/usr/bin/env python3
"""Check a PNG's size and that it shows given colours.

usage: png-colours.py FILE WIDTH HEIGHT RRGGBB[@ALPHA]:MIN...

Decodes FILE (8-bit RGB or RGBA, not interlaced: what Chromium writes) with
the standard library alone, and checks that it is WIDTH x HEIGHT and that,
for each spec, at least MIN pixels are within 6 of the colour in every
channel; @ALPHA: the colour as drawn with that opacity on white. Prints the
counts; exit 1 if a check fails, 2 if the file cannot be read.
"""
import struct
import sys
import zlib


def read_png(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, head = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            head = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    w, h, depth, ctype, _, _, interlace = head
    if depth != 8 or ctype not in (2, 6) or interlace:
        raise ValueError("unsupported PNG: depth %d, colour type %d, interlace %d" % (depth, ctype, interlace))
    bpp = 3 if ctype == 2 else 4
    raw, stride, rows, prev = zlib.decompress(idat), w * bpp, [], bytearray(w * bpp)
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return w, h, [tuple(r[x * bpp:x * bpp + 3]) for r in rows for x in range(w)]


def main():
    if len(sys.argv) < 4:
        sys.exit("usage: png-colours.py FILE WIDTH HEIGHT RRGGBB[@ALPHA]:MIN...")
    try:
        w, h, pixels = read_png(sys.argv[1])
    except (OSError, ValueError, zlib.error, TypeError) as e:
        print("%s: %s" % (sys.argv[1], e))
        sys.exit(2)
    good = (w, h) == (int(sys.argv[2]), int(sys.argv[3]))
    print("size %dx%d%s" % (w, h, "" if good else " (expected %sx%s)" % tuple(sys.argv[2:4])))
    counts = {}
    for p in pixels:
        counts[p] = counts.get(p, 0) + 1
    for spec in sys.argv[4:]:
        colour, least = spec.split(":")
        hexa, _, alpha = colour.partition("@")
        rgb = [int(hexa[i:i + 2], 16) for i in (0, 2, 4)]
        if alpha:
            rgb = [round(float(alpha) * v + (1 - float(alpha)) * 255) for v in rgb]
        n = sum(k for p, k in counts.items() if all(abs(p[i] - rgb[i]) <= 6 for i in range(3)))
        ok = n >= int(least)
        good = good and ok
        print("%s: %d pixels%s" % (spec, n, "" if ok else " (too few)"))
    sys.exit(0 if good else 1)


main()
