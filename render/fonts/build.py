#!/usr/bin/python3
"""Builds the four text faces that render embeds, from the Go fonts and DejaVu Sans.

    /usr/bin/python3 render/fonts/build.py \
        $(go env GOMODCACHE)/golang.org/x/image@v0.47.0/font/gofont/ttfs \
        /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf render/fonts

Needs fontTools (Debian: python3-fonttools) and DejaVu Sans 2.37 (Debian:
fonts-dejavu-core). Each face is the Go face (BSD licence, LICENSE-Go.txt)

- without hinting (PDF viewers scale outlines; the subsets gofpdf embeds are
  about half as large),
- with the symbols the Go fonts lack (arrows, geometric shapes, dingbats:
  U+2190-21FF, U+25A0-25FF, U+2600-26FF, U+2700-27BF) from DejaVu Sans
  (Bitstream Vera licence, DejaVu changes in the public domain,
  LICENSE-DejaVu.txt); where both have a glyph the Go font's is kept,
- with the hyphen-minus drawn by the Go font's own hyphen glyph (the one of
  the soft hyphen, U+00AD) instead of its minus-wide dash, so that "e-mail"
  does not read "e–mail". The text keeps U+002D: extraction is unchanged.

One file per face, so that a PDF embeds one font per face instead of a face
plus a symbols font. The output is reproducible: the same inputs give the
same bytes (no timestamps are recalculated).
"""

import os
import sys

from fontTools import subset
from fontTools.merge import Merger
from fontTools.ttLib import TTFont

SYMBOLS = "U+2190-21FF,U+25A0-25FF,U+2600-26FF,U+2700-27BF"
FACES = [
    ("Go-Regular.ttf", "Go-Regular.ttf"),
    ("Go-Bold.ttf", "Go-Bold.ttf"),
    ("Go-Italic.ttf", "Go-Italic.ttf"),
    ("Go-Bold-Italic.ttf", "Go-BoldItalic.ttf"),
]


def unhinted(font, unicodes):
    """Subsets font to unicodes, dropping hinting and layout tables."""
    opts = subset.Options()
    opts.hinting = False
    opts.notdef_outline = True
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.name_legacy = True
    opts.glyph_names = True
    opts.layout_features = []
    opts.drop_tables += ["gasp", "GSUB", "GPOS", "GDEF", "kern", "MATH", "FFTM"]
    s = subset.Subsetter(opts)
    s.populate(unicodes=unicodes)
    s.subset(font)
    return font


def main(godir, dejavu, out):
    tmp = os.path.join(out, ".build")
    os.makedirs(tmp, exist_ok=True)
    sym = TTFont(dejavu)
    unhinted(sym, subset.parse_unicodes(SYMBOLS))
    sym_path = os.path.join(tmp, "symbols.ttf")
    sym.save(sym_path, reorderTables=True)
    for src, dst in FACES:
        go = TTFont(os.path.join(godir, src))
        created, modified = go["head"].created, go["head"].modified
        unhinted(go, go.getBestCmap().keys())
        go_path = os.path.join(tmp, src)
        go.save(go_path)
        go = TTFont(go_path)
        merged = Merger().merge([go_path, sym_path])
        # The Go face's vertical metrics, not the larger of the two.
        for tag, attrs in [
            ("hhea", ["ascent", "descent", "lineGap"]),
            ("OS/2", ["sTypoAscender", "sTypoDescender", "sTypoLineGap", "usWinAscent", "usWinDescent"]),
            ("head", ["yMin", "yMax"]),
        ]:
            for a in attrs:
                setattr(merged[tag], a, getattr(go[tag], a))
        merged["head"].created, merged["head"].modified = created, modified
        merged.recalcTimestamp = False
        for t in merged["cmap"].tables:
            if t.isUnicode() and 0x2D in t.cmap and 0xAD in t.cmap:
                t.cmap[0x2D] = t.cmap[0xAD]
        name = merged["name"]
        for rec in list(name.names):
            if rec.nameID == 0:
                rec.string = rec.toUnicode() + (
                    " Symbols from DejaVu Sans 2.37: Copyright (c) 2003 by Bitstream, Inc."
                    " All Rights Reserved; DejaVu changes are in the public domain."
                )
            elif rec.nameID == 5:
                rec.string = rec.toUnicode() + "; termsmith: unhinted, hyphen, DejaVu Sans symbols"
        merged.save(os.path.join(out, dst), reorderTables=True)
        os.remove(go_path)
    os.remove(sym_path)
    os.rmdir(tmp)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
