"""Colours stay apart for readers with colour-vision deficiencies, and every category has its own shape.

The simulation uses the matrices of Machado, Oliveira and Fernandes (2009), severity 1.0, applied in
linear RGB; distances are CIE76 ΔE in CIELAB.
"""

from itertools import combinations

import pytest

from sahel_atlas.codebook import CATEGORY_COLOURS, CATEGORY_SHAPES
from sahel_atlas.mapview import HOLDER_STYLES, REGIME_COLOURS

MACHADO = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}
MIN_DELTA_E = 15  # clearly different at a glance; shapes carry the rest


def linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def to_lab(rgb_linear):
    r, g, b = (min(max(c, 0.0), 1.0) for c in rgb_linear)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(v):
        return v ** (1 / 3) if v > 0.008856 else 7.787 * v + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def simulate(hex_colour: str, vision: str):
    rgb = [linear(int(hex_colour[i : i + 2], 16) / 255) for i in (1, 3, 5)]
    if vision == "normal":
        return to_lab(rgb)
    return to_lab([sum(m * c for m, c in zip(row, rgb, strict=True)) for row in MACHADO[vision]])


def delta_e(a, b) -> float:
    return sum((x - y) ** 2 for x, y in zip(a, b, strict=True)) ** 0.5


PALETTES = {
    "map categories": [c for k, c in CATEGORY_COLOURS.items() if k != "base"],
    "base holders": [colour for colour, _ in HOLDER_STYLES.values()],
    "regimes": list(REGIME_COLOURS.values()),
}


@pytest.mark.parametrize("vision", ["normal", *MACHADO])
@pytest.mark.parametrize("palette", list(PALETTES))
def test_palette_colours_stay_distinct(palette, vision):
    colours = PALETTES[palette]
    closest = min(delta_e(simulate(a, vision), simulate(b, vision)) for a, b in combinations(colours, 2))
    assert closest >= MIN_DELTA_E, f"{palette} under {vision}: closest pair ΔE {closest:.1f}"


def test_every_category_has_its_own_shape():
    assert len(set(CATEGORY_SHAPES.values())) == len(CATEGORY_SHAPES)


def test_every_holder_has_its_own_mark():
    marks = [mark for _, mark in HOLDER_STYLES.values()]
    assert len(set(marks)) == len(marks)
