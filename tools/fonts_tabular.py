"""Map the figures and figure punctuation of the report fonts to their tabular forms in the cmap.

The reports set every figure tabular (CSS `font-variant-numeric: tabular-nums`), and the PDFs embed
the fonts whole (no subsetter runs, so the bytes do not depend on the machine's HarfBuzz). A whole
font's ToUnicode map comes from its cmap alone: glyphs that only a feature reaches (`zero.tf`) would
then have no text, and a PDF reader would lose every digit. With the tabular glyphs in the cmap the
text layer is complete, and the printed figures are the same glyphs as before.

    .venv/bin/python tools/fonts_tabular.py reports/static/fonts/Inter-*.otf

Idempotent: a font whose cmap already points at the tabular glyphs is left as it is.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools.ttLib import TTFont


def tabular_mapping(font: TTFont) -> dict[str, str]:
    """glyph -> tabular glyph, from the font's own `tnum` single substitutions."""
    gsub = font["GSUB"].table
    lookups = [
        i
        for fr in gsub.FeatureList.FeatureRecord
        if fr.FeatureTag == "tnum"
        for i in fr.Feature.LookupListIndex
    ]
    mapping: dict[str, str] = {}
    for index in lookups:
        for sub in gsub.LookupList.Lookup[index].SubTable:
            mapping.update(getattr(sub, "mapping", {}) or {})
    return mapping


def freeze(path: Path) -> int:
    font = TTFont(path, recalcTimestamp=False)  # keep the head table's dates: same input, same file
    mapping = tabular_mapping(font)
    changed = 0
    for table in font["cmap"].tables:
        for codepoint, glyph in list(table.cmap.items()):
            if glyph in mapping:
                table.cmap[codepoint] = mapping[glyph]
                changed += 1
    if changed:
        font.save(path)
    return changed


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(f"{Path(name).name}: {freeze(Path(name))} cmap-regels naar tabelcijfers")
