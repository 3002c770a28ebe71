"""Make the theme's web fonts: subsets of Charis SIL, renamed "Edition Serif".

The HTML edition sets its text in a self-hosted serif so that readers on Linux and Android get a
good reading face too (their ``serif`` is often DejaVu Serif, wide and heavy). Charis SIL is
based on Matthew Carter's Charter (similar, SIL says, though not identical), extended by SIL and
released under the SIL Open Font License 1.1; Apple readers know Charter itself. The files are
committed; this program remakes them from Charis SIL's TrueType files and prints the
``@font-face`` rules for ``edition.css``.

What it does, and why:

- **Subsets.** Each style is split by Unicode range, as Google Fonts does: ``latin`` (ASCII,
  Latin-1, typographic punctuation, arrows) and ``latin-ext`` (Latin Extended-A and -B, Latin
  Extended Additional). A browser downloads a file only when the page has a character in its
  ``unicode-range``, so an English page loads only the small ``latin`` files; a name such as
  "Wałęsa" loads ``latin-ext`` too. Ligatures are kept (Charis SIL 6.101 has no kerning), and
  mark positioning in ``latin-ext``; hinting is dropped (modern rasterisers do without it, and
  it would make the regular ``latin`` file 8.6 KB, 65 %, larger).
- **Renamed.** Under the OFL a subset is a Modified Version and may not use the Reserved Font
  Names "Charis" and "SIL" (OFL-FAQ 2.6), so the family is renamed "Edition Serif". Copyright,
  designer and the licence stay in the font's name table; the licence's full text is in
  ``OFL.txt`` beside the files.
- **Three styles**: regular, italic and bold. Bold italic is synthesised by the browser.

Usage::

    PYTHONPATH=tools .venv/bin/python -m edition_lab.fonts [--source DIR] [--out DIR]

``--source`` is a folder with ``CharisSIL-{Regular,Italic,Bold}.ttf`` of Charis SIL 6 (Debian 12's
``fonts-sil-charis``, 6.101, puts them in /usr/share/fonts/truetype/charis; SIL publishes them
at https://software.sil.org/charis/). Charis 7 renamed the family "Charis" and its files
``Charis-*.ttf``: give ``--source`` a folder with the files renamed, and check the result.
Exit 0 when written, 2 when a source file is missing.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from reading_edition import THEME_DIR

FAMILY = "Edition Serif"
OUT = THEME_DIR / "static" / "fonts"
SOURCE = Path("/usr/share/fonts/truetype/charis")


@dataclass(frozen=True)
class Style:
    """One style of the family: its source file, CSS descriptors and file-name part."""

    source: str
    name: str
    weight: int
    italic: bool


STYLES = (
    Style("CharisSIL-Regular.ttf", "regular", 400, False),
    Style("CharisSIL-Italic.ttf", "italic", 400, True),
    Style("CharisSIL-Bold.ttf", "bold", 700, False),
)

#: Ranges of each subset (Google Fonts' split of Latin, so a page needs the second rarely).
RANGES = {
    "latin": "U+0000-00FF,U+0131,U+0152-0153,U+02C6,U+02DA,U+02DC,U+2000-206F,U+20AC,U+2122,"
    "U+2190-2193,U+2212",
    "latin-ext": "U+0100-0130,U+0132-0151,U+0154-02C5,U+02C7-02D9,U+02DB,U+02DD-036F,"
    "U+1E00-1EFF,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF",
}

#: OpenType features kept in each subset: ligatures for running text (Charis SIL 6.101 has no
#: kerning); the extended subset also keeps mark positioning and composition, which its
#: combining accents need.
FEATURES = {
    "latin": ["liga"],
    "latin-ext": ["liga", "ccmp", "locl", "mark", "mkmk"],
}

#: Name-table entries kept from the source (copyright, version, manufacturer, designer, URLs),
#: besides the names we rewrite. The licence entry (13) is shortened to its notice: the full text
#: is in OFL.txt beside the files, and in every file it would cost about 1.5 KB each.
KEEP_NAMES = (0, 5, 7, 8, 9, 11, 12, 14)
LICENCE = (
    "This Font Software is licensed under the SIL Open Font License, Version 1.1. "
    "The license is in OFL.txt beside this file, and at https://openfontlicense.org"
)


def file_name(style: Style, part: str) -> str:
    return f"edition-serif-{style.name}-{part}.woff2"


def codepoints(spec: str) -> set[int]:
    return set(subset.parse_unicodes(spec))


def unicode_range(points: set[int]) -> str:
    """``unicode-range`` value listing exactly these code points, as runs."""
    runs: list[str] = []
    ordered = sorted(points)
    start = prev = ordered[0]
    for cp in [*ordered[1:], -1]:
        if cp == prev + 1:
            prev = cp
            continue
        runs.append(f"U+{start:04X}" if start == prev else f"U+{start:04X}-{prev:04X}")
        start = prev = cp
    return ",".join(runs)


def rename(font: TTFont, style: Style) -> None:
    """Give the subset its own family name (the OFL's Reserved Font Names may not be used)."""
    table = font["name"]
    sub = "Italic" if style.italic else ("Bold" if style.weight == 700 else "Regular")
    original = table.getDebugName(1)
    ps = f"{FAMILY.replace(' ', '')}-{sub}"
    keep = [n for n in table.names if n.nameID in KEEP_NAMES]
    table.names = keep
    for name_id, value in {
        1: FAMILY,
        2: sub,
        3: f"{ps};{table.getDebugName(5)}",
        4: f"{FAMILY} {sub}" if sub != "Regular" else FAMILY,
        6: ps,
        10: f"A subset of {original} for a reading edition's web pages, renamed as the SIL "
        "Open Font License asks of Modified Versions.",
        13: LICENCE,
    }.items():
        table.setName(value, name_id, 3, 1, 0x409)
    font["OS/2"].achVendID = "    "


def make(source: Path, out: Path) -> list[str]:
    """Write every subset into *out*; return the ``@font-face`` rules for them."""
    options = subset.Options()
    options.flavor = "woff2"
    options.hinting = False
    options.desubroutinize = True
    options.name_IDs = ["*"]
    options.name_languages = [0x409]
    options.notdef_outline = True
    options.drop_tables += ["DSIG", "STAT", "Feat", "Glat", "Gloc", "Silf", "Sill", "Silt"]
    rules: list[str] = []
    out.mkdir(parents=True, exist_ok=True)
    original = TTFont(str(source / STYLES[0].source))["name"]
    (out / "OFL.txt").write_text(
        f"{FAMILY} (the edition-serif-*.woff2 files here) is a Modified Version of\n"
        f"{original.getDebugName(1)} ({original.getDebugName(5)}): subsets of its "
        "characters, without hinting,\nrenamed because the Reserved Font Names below may not be "
        "used for a Modified Version.\nThe original: https://software.sil.org/charis/\n\n"
        f"{original.getDebugName(13)}\n",
        encoding="utf-8",
    )
    for style in STYLES:
        for part, spec in RANGES.items():
            options.layout_features = FEATURES[part]
            font = subset.load_font(str(source / style.source), options)
            font.recalcTimestamp = False  # the same files from the same source, every run
            wanted = codepoints(spec) & set(font.getBestCmap())
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=wanted)
            subsetter.subset(font)
            rename(font, style)
            covered = set(font.getBestCmap()) & wanted
            name = file_name(style, part)
            subset.save_font(font, str(out / name), options)
            rules.append(
                f'@font-face {{ font-family: "{FAMILY}"; '
                f'src: url("fonts/{name}") format("woff2");\n'
                f"  font-style: {'italic' if style.italic else 'normal'}; "
                f"font-weight: {style.weight}; font-display: swap;\n"
                f"  unicode-range: {unicode_range(covered)}; }}"
            )
    return rules


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=SOURCE, help=f"default: {SOURCE}")
    parser.add_argument("--out", type=Path, default=OUT, help="default: the theme's fonts/")
    args = parser.parse_args(argv)
    missing = [s.source for s in STYLES if not (args.source / s.source).is_file()]
    if missing:
        print(
            f"{args.source}: missing {', '.join(missing)}; install Debian's fonts-sil-charis or "
            "download Charis SIL from https://software.sil.org/charis/ and give --source",
            file=sys.stderr,
        )
        return 2
    for rule in make(args.source, args.out):
        print(rule)
    for path in sorted(args.out.glob("*.woff2")):
        print(f"/* {path.name}: {path.stat().st_size} bytes */")
    return 0


if __name__ == "__main__":
    sys.exit(main())
