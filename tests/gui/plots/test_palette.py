"""Every colour the views draw with is at least 4.5:1 (WCAG) against the ground it is on."""
from __future__ import annotations

import pytest

from gui import theme as themes
from gui.plots import data_colors, palette

TEXT_CONTRAST = 4.5


def test_contrast_matches_the_wcag_definition():
    assert palette.relative_luminance("#ffffff") == pytest.approx(1.0)
    assert palette.relative_luminance("#000000") == pytest.approx(0.0)
    assert palette.contrast("#ffffff", "#000000") == pytest.approx(21.0)
    assert palette.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert palette.contrast("#0072B2", "#15171c") == pytest.approx(3.46, abs=0.01)   # was


@pytest.mark.parametrize("name", list(themes.THEMES))
def test_every_theme_colour_reads_on_its_own_grounds(name):
    t = themes.THEMES[name]
    foreground = [*t.layers, t.text, t.muted, t.accent, t.warning, t.ghost]
    for ground in (t.background, t.surface):
        low = [(c, round(palette.contrast(c, ground), 2)) for c in foreground
               if palette.contrast(c, ground) < TEXT_CONTRAST]
        assert low == [], f"{name} on {ground}"
    assert palette.contrast(t.caption_text, t.surface) >= TEXT_CONTRAST
    assert palette.contrast("#ffffff", t.banner) >= TEXT_CONTRAST      # the banner's text


def test_hidden_1_is_readable_on_both_grounds():
    assert palette.contrast(themes.DARK.layers[0], themes.DARK.background) >= 5.0
    assert palette.contrast(themes.LIGHT.layers[0], themes.LIGHT.background) >= 5.0


def test_the_views_on_white_use_colours_that_read_on_white():
    n = len(palette.LIGHT_LAYER_COLORS)
    colours = [palette.view_layer_color(i) for i in range(n)]
    colours += [data_colors.class_color(k) for k in range(n)]
    colours += [palette.POSITIVE, palette.NEGATIVE, palette.NEUTRAL]
    low = [c for c in colours if palette.contrast(c, "#ffffff") < TEXT_CONTRAST]
    assert low == []


def test_both_themes_have_one_shade_per_layer_hue():
    assert len(themes.DARK.layers) == len(themes.LIGHT.layers) == len(palette.LAYER_COLORS)
    assert len(set(themes.LIGHT.layers)) == len(themes.LIGHT.layers)
