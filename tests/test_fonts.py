"""The theme's web fonts: what edition.css declares is what the files hold, and their licence.

The stylesheet's ``@font-face`` rules decide which file a browser downloads for which character;
a ``unicode-range`` that names a character its file lacks makes the browser fetch a file for
nothing, and one that leaves out a character the file has wastes it. The files are a Modified
Version of an OFL font with Reserved Font Names, so they must carry another name and the licence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from fontTools.subset import parse_unicodes
from fontTools.ttLib import TTFont
from reading_edition import THEME_DIR

STATIC = THEME_DIR / "static"
CSS = (STATIC / "edition.css").read_text(encoding="utf-8")
RESERVED = re.compile(r"\b(charis|sil)\b", re.IGNORECASE)  # the source's Reserved Font Names
#: Names a user or a program sees as the font's name (family, style, full, PostScript, typographic).
NAME_IDS = (1, 2, 3, 4, 6, 16, 17, 18, 21, 22)


@dataclass(frozen=True)
class Face:
    """One ``@font-face`` rule of the stylesheet."""

    family: str
    url: str
    style: str
    weight: str
    ranges: frozenset[int]

    @property
    def path(self) -> Path:
        return STATIC / self.url


def descriptor(rule: str, name: str) -> str:
    found = re.search(rf"{name}\s*:\s*([^;]+);", rule)
    assert found, f"@font-face without {name}: {rule}"
    return found.group(1).strip()


def faces() -> list[Face]:
    rules = re.findall(r"@font-face\s*\{([^}]*)\}", CSS)
    found = []
    for rule in rules:
        url = re.search(r'src:\s*url\("?([^")]+)"?\)\s*format\("woff2"\)', rule)
        assert url, f"@font-face whose src is not one local WOFF2 file: {rule}"
        found.append(
            Face(
                family=descriptor(rule, "font-family").strip('"'),
                url=url.group(1),
                style=descriptor(rule, "font-style"),
                weight=descriptor(rule, "font-weight"),
                ranges=frozenset(parse_unicodes(descriptor(rule, "unicode-range"))),
            )
        )
    return found


FACES = faces()


def test_the_stylesheet_serves_its_own_serif_first() -> None:
    assert FACES, "edition.css declares no @font-face"
    serif = re.search(r"--serif:\s*([^;]+);", CSS)
    assert serif and serif.group(1).split(",")[0].strip().strip('"') == FACES[0].family
    assert {f.family for f in FACES} == {FACES[0].family}
    # Every file in fonts/ is declared (nothing shipped for nothing), every declared one exists.
    shipped = {p.name for p in (STATIC / "fonts").glob("*.woff2")}
    assert shipped == {Path(f.url).name for f in FACES}


@pytest.mark.parametrize("face", FACES, ids=lambda f: Path(f.url).name)
def test_unicode_range_is_exactly_what_the_file_holds(face: Face) -> None:
    font = TTFont(face.path)
    assert font.flavor == "woff2"
    cmap = set(font.getBestCmap())
    assert face.ranges - cmap == set(), "declared but not in the file"
    assert cmap - face.ranges <= set(range(0x20)), "in the file but never used from it"


@pytest.mark.parametrize("face", FACES, ids=lambda f: Path(f.url).name)
def test_the_file_is_renamed_and_its_style_matches_the_rule(face: Face) -> None:
    font = TTFont(face.path)
    names = font["name"]
    assert names.getDebugName(1) == face.family
    for name_id in NAME_IDS:
        value = names.getDebugName(name_id) or ""
        assert not RESERVED.search(value), (name_id, value)
    assert "Open Font License" in (names.getDebugName(13) or "")
    italic = bool(font["OS/2"].fsSelection & 1)
    assert italic == (face.style == "italic")
    assert font["OS/2"].usWeightClass == int(face.weight)


def test_one_file_per_character_and_style() -> None:
    # Two files of one style claiming the same character: the browser would load both.
    by_style: dict[tuple[str, str], list[Face]] = {}
    for face in FACES:
        by_style.setdefault((face.style, face.weight), []).append(face)
    for style, group in by_style.items():
        for i, one in enumerate(group):
            for other in group[i + 1 :]:
                assert not one.ranges & other.ranges, (style, one.url, other.url)


def test_the_licence_travels_with_the_files() -> None:
    licence = (STATIC / "fonts" / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert 'Reserved Font Names "Charis" and "SIL"' in licence
    assert "Modified Version" in licence


def test_the_preloaded_file_is_the_texts_regular_face() -> None:
    # The page preloads one file; it must be one the stylesheet uses for upright regular text,
    # or the browser fetches a file for nothing (and warns that it was not used).
    layout = (THEME_DIR / "layout.html").read_text(encoding="utf-8")
    preloaded = re.findall(
        r"""rel="preload" href="\{\{ pathto\('_static/([^']+)', 1\) \}\}" as="font\"""", layout
    )
    regular = {f.url for f in FACES if f.style == "normal" and f.weight == "400"}
    assert preloaded and set(preloaded) <= regular, (preloaded, regular)
    assert all(ord("a") in f.ranges for f in FACES if f.url in preloaded)
