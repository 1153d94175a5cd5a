#!/usr/bin/python3
"""Builds the four text faces that render embeds, from Noto Serif and DejaVu Sans.

    /usr/bin/python3 layout/fonts/build.py \
        /usr/share/fonts/truetype/noto \
        /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf layout/fonts

Needs fontTools (Debian: python3-fonttools), Noto Serif 2.004 (Debian:
fonts-noto-core 20201225-1) and DejaVu Sans 2.37 (Debian: fonts-dejavu-core).
Each face is the Noto Serif face (SIL Open Font License 1.1,
LICENSE-NotoSerif.txt)

- subset to the scripts and signs a contract needs (Latin with its
  extensions, Greek, Cyrillic, punctuation, currency, letterlike signs,
  number forms) and without hinting: PDF viewers
  scale outlines, and gofpdf parses the whole font for every document, so a
  smaller font is a faster PDF;
- without layout tables (GSUB, GPOS: gofpdf does not shape text), so the
  default figures are the ones drawn: Noto Serif's default figures are
  lining and tabular (every digit as wide as the others), so amounts in a
  right-aligned column line up; its zero is not slashed;
- with the symbols Noto Serif lacks (arrows, mathematical operators such as
  the minus sign and ≤, geometric shapes, dingbats: U+2190-22FF,
  U+25A0-25FF, U+2600-26FF, U+2700-27BF; the documents use ● ○ ■ ◦ ❖ ✓ ☐) from DejaVu Sans (Bitstream Vera licence, DejaVu changes in
  the public domain, LICENSE-DejaVu.txt), scaled to Noto's 1000 units per
  em; where both have a glyph Noto Serif's is kept.

One file per face, so that a PDF embeds one font per face. The output is
reproducible: the same inputs give the same bytes (no timestamps are
recalculated).
"""

import os
import sys

from fontTools import subset
from fontTools.merge import Merger
from fontTools.ttLib import TTFont
from fontTools.ttLib.scaleUpem import scale_upem

TEXT = ",".join([
    "U+0020-007E",  # ASCII
    "U+00A0-024F",  # Latin-1, Latin Extended-A and -B
    "U+0250-02FF",  # IPA, spacing modifier letters
    "U+0300-036F",  # combining diacritical marks
    "U+0370-03FF",  # Greek
    "U+0400-04FF",  # Cyrillic
    "U+1E00-1EFF",  # Latin Extended Additional
    "U+2000-206F",  # general punctuation
    "U+20A0-20CF",  # currency
    "U+2100-214F",  # letterlike (№, ™)
    "U+2150-218F",  # number forms
    "U+FFFD",  # the replacement character, for text that is not UTF-8
])
SYMBOLS = "U+2190-21FF,U+2200-22FF,U+25A0-25FF,U+2600-26FF,U+2700-27BF"
FACES = [
    ("NotoSerif-Regular.ttf", "NotoSerif-Regular.ttf"),
    ("NotoSerif-Bold.ttf", "NotoSerif-Bold.ttf"),
    ("NotoSerif-Italic.ttf", "NotoSerif-Italic.ttf"),
    ("NotoSerif-BoldItalic.ttf", "NotoSerif-BoldItalic.ttf"),
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
    opts.drop_tables += ["gasp", "GSUB", "GPOS", "GDEF", "kern", "MATH", "FFTM", "DSIG"]
    s = subset.Subsetter(opts)
    s.populate(unicodes=unicodes)
    s.subset(font)
    return font


def main(notodir, dejavu, out):
    tmp = os.path.join(out, ".build")
    os.makedirs(tmp, exist_ok=True)
    sym = TTFont(dejavu)
    unhinted(sym, subset.parse_unicodes(SYMBOLS))
    scale_upem(sym, 1000)
    sym_path = os.path.join(tmp, "symbols.ttf")
    sym.save(sym_path, reorderTables=True)
    for src, dst in FACES:
        text = TTFont(os.path.join(notodir, src))
        created, modified = text["head"].created, text["head"].modified
        unhinted(text, subset.parse_unicodes(TEXT))
        text_path = os.path.join(tmp, src)
        text.save(text_path)
        text = TTFont(text_path)
        merged = Merger().merge([text_path, sym_path])
        # The text face's vertical metrics, not the larger of the two.
        for tag, attrs in [
            ("hhea", ["ascent", "descent", "lineGap"]),
            ("OS/2", ["sTypoAscender", "sTypoDescender", "sTypoLineGap", "usWinAscent", "usWinDescent"]),
            ("head", ["yMin", "yMax"]),
        ]:
            for a in attrs:
                setattr(merged[tag], a, getattr(text[tag], a))
        merged["head"].created, merged["head"].modified = created, modified
        merged.recalcTimestamp = False
        name = merged["name"]
        for rec in list(name.names):
            if rec.nameID == 0:
                rec.string = rec.toUnicode() + (
                    " Symbols from DejaVu Sans 2.37: Copyright (c) 2003 by Bitstream, Inc."
                    " All Rights Reserved; DejaVu changes are in the public domain."
                )
            elif rec.nameID == 5:
                rec.string = "Version 2.004; termsmith: subset, unhinted, DejaVu Sans symbols"
        merged.save(os.path.join(out, dst), reorderTables=True)
        os.remove(text_path)
    os.remove(sym_path)
    os.rmdir(tmp)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
