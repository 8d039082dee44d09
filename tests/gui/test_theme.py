"""The theme map: a colour drawn in the dark theme, shown in either theme."""
from __future__ import annotations

from PySide6 import QtWidgets

from gui import theme as themes
from gui.plots import plot_style


def test_every_role_and_layer_maps_onto_the_other_theme():
    for role in themes.ROLES:
        dark, light = getattr(themes.DARK, role), getattr(themes.LIGHT, role)
        assert themes.theme_color(dark, themes.LIGHT) == light, role
        assert themes.theme_color(dark, themes.DARK) == dark, role
    for dark, light in zip(themes.DARK.layers, themes.LIGHT.layers, strict=True):
        assert themes.theme_color(dark, themes.LIGHT) == light
        assert themes.theme_color(light, themes.DARK) == dark


def test_old_okabe_ito_shades_map_to_the_readable_ones():
    assert themes.theme_color("#0072B2", themes.DARK) == "#4a90d9"
    assert themes.theme_color("#D55E00", themes.LIGHT) == "#b04600"


def test_a_faded_colour_stays_faded_by_the_same_amount(qapp):
    faded = plot_style.faded(themes.DARK.muted, 0.5)        # the raw batch loss
    assert faded == "#5f646c"
    # the light theme's muted grey #4a505c half-way into white: (0x4a + 0xff) / 2 = 0xa4.5
    shown = themes.theme_color(faded, themes.LIGHT)
    expected = (0xa4, 0xa8, 0xae)        # ± 1 for the rounding of the faded colour
    assert all(abs(int(shown[1 + 2 * i:3 + 2 * i], 16) - expected[i]) <= 1 for i in range(3))


def test_colours_that_are_no_theme_colour_are_left_alone():
    assert themes.theme_color("#123456", themes.LIGHT) is None
    assert themes.theme_color("#ffffff", themes.LIGHT) == "#ffffff"   # the light ground


def test_apply_theme_sets_the_palette_and_the_stylesheet(qapp):
    app = QtWidgets.QApplication.instance()
    themes.apply_theme(app, themes.LIGHT)
    assert themes.current() is themes.LIGHT
    assert app.palette().window().color().name() == "#ffffff"
    assert "background: #ffffff" in app.styleSheet()
    themes.apply_theme(app, themes.LIGHT, font_px=24)
    # the status line, 13 pt at 16 px a base: 13 × 4/3 × 24/16 = 26 px
    assert app.font().pixelSize() == 24 and "QLabel#status { font-size: 26px;" in app.styleSheet()
    themes.apply_theme(app)
    assert themes.current() is themes.DARK
    assert app.palette().window().color().name() == "#15171c"
    assert app.font().pointSize() == themes.BASE_POINT_SIZE
    assert app.styleSheet() == themes.STYLESHEET
