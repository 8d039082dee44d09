"""Presentation mode: every text at least MIN_PX pixels, lines scaled, panels collapsed, and
leaving it restores every size, the panels and the window exactly."""
from __future__ import annotations

import pyqtgraph as pg
import pytest
from PySide6 import QtGui, QtWidgets

from gui.presentation import DEFAULT_SCALE, MIN_PX, font_scale_for, toggle_theme


def _tick_px(axis) -> int:
    return QtGui.QFontInfo(axis.style["tickFont"]).pixelSize()


def _label_px(axis) -> float:
    return float(axis.labelStyle["font-size"].rstrip("ptx")) * (
        4 / 3 if axis.labelStyle["font-size"].endswith("pt") else 1)


def _plots(window):
    return [w for w in window.findChildren(pg.PlotWidget) if w.isVisible()]


def _sizes(window) -> dict:
    """Every measured size: axis fonts, curve widths, the status and caption fonts."""
    out = {}
    for i, widget in enumerate(_plots(window)):
        item = widget.getPlotItem()
        for name in ("left", "bottom"):
            out[f"{i}.{name}.tick"] = _tick_px(item.getAxis(name))
            out[f"{i}.{name}.label"] = _label_px(item.getAxis(name))
        curves = [c for c in item.listDataItems() if isinstance(c, pg.PlotDataItem)]
        for j, curve in enumerate(curves):
            pen = curve.opts["pen"]
            out[f"{i}.curve{j}"] = pg.mkPen(pen).widthF() if pen is not None else 0.0
    out["status"] = QtGui.QFontInfo(window.status.font()).pixelSize()
    out["caption"] = QtGui.QFontInfo(window.caption.title.font()).pixelSize()
    return out


def _texts(window):
    """The text widgets on screen."""
    kinds = (QtWidgets.QLabel, QtWidgets.QAbstractButton, QtWidgets.QComboBox)
    return [w for w in window.findChildren(QtWidgets.QWidget)
            if isinstance(w, kinds) and w.isVisible() and w.isVisibleTo(window)]


def test_presentation_scales_every_text_and_line_and_restores_them(window, qtbot):
    window.caption.setVisible(True)
    window.status.setText("step 0")
    qtbot.wait(50)
    before = _sizes(window)
    window.presentation.enter()
    qtbot.wait(50)
    assert window.isFullScreen()
    during = _sizes(window)
    fonts = window.presentation.font_scale()
    for key, value in before.items():
        if ".curve" in key:
            assert during[key] == pytest.approx(value * DEFAULT_SCALE), key
        elif ".tick" in key or ".label" in key:
            assert during[key] == max(MIN_PX, round(value * fonts)), key
    assert during["status"] >= MIN_PX and during["caption"] >= MIN_PX
    small = [(type(w).__name__, w.objectName(), QtGui.QFontInfo(w.font()).pixelSize())
             for w in _texts(window) if QtGui.QFontInfo(w.font()).pixelSize() < MIN_PX]
    assert small == []
    window.presentation.leave()
    qtbot.wait(50)
    assert not window.isFullScreen()
    assert (window.width(), window.height()) == (1280, 720)
    assert _sizes(window) == before


def test_presentation_collapses_the_panels_and_gives_the_plots_the_width(window, qtbot):
    panels = window.presentation._panels()
    assert len(panels) == 1 and panels[0].isVisible()
    lr = window.network.lr_plot
    width, share = lr.width(), lr.width() / window.width()
    window.presentation.enter()
    qtbot.wait(100)
    assert not panels[0].isVisible()
    assert lr.width() / window.width() > share + 0.05     # the panel column's width
    window.presentation.leave()
    qtbot.wait(100)
    assert panels[0].isVisible() and lr.width() == width


def test_network_view_labels_are_at_least_14_px_and_scale_in_presentation(window, qtbot):
    view = window.network.network_view
    sizes = [lab.font().pixelSize() for lab in view._labels]
    assert min(sizes) >= 14
    window.presentation.enter()
    qtbot.wait(50)
    shown = [lab.font().pixelSize() for lab in view._labels]
    assert min(shown) >= MIN_PX
    assert all(b >= a for a, b in zip(sizes, shown, strict=True))
    window.presentation.leave()
    qtbot.wait(50)
    assert [lab.font().pixelSize() for lab in view._labels] == sizes


def test_the_scale_is_a_setting_and_refuses_silly_values(window, qtbot):
    window.presentation.set_scale(2.0)
    window.presentation.enter()
    qtbot.wait(50)
    axis = window.network.loss_plot.plot.getAxis("bottom")
    assert _tick_px(axis) == max(MIN_PX, round(13 * 4 / 3 * window.presentation.font_scale()))
    curve = window.network.loss_plot.ema
    assert pg.mkPen(curve.opts["pen"]).widthF() == 3.0 * 2.0
    with pytest.raises(ValueError, match="within 1 … 3, got 5"):
        window.presentation.set_scale(5)
    window.presentation.leave()


def test_toggle_theme_switches_plots_and_back(window, qtbot):
    plot = window.network.loss_plot.plot_widget
    assert plot.backgroundBrush().color().name() == "#15171c"
    assert toggle_theme(window) == "light"
    assert plot.backgroundBrush().color().name() == "#ffffff"
    ema = window.network.loss_plot.ema.opts["pen"].color().name()
    assert ema == "#006d8f"
    assert toggle_theme(window) == "dark"
    assert plot.backgroundBrush().color().name() == "#15171c"
    assert window.network.loss_plot.ema.opts["pen"].color().name() == "#56b4e9"


def test_fonts_grow_with_the_screen_and_never_shrink():
    assert font_scale_for(1.5, 1080) == 1.5
    assert font_scale_for(1.5, 2160) == 1.5
    assert font_scale_for(1.5, 720) == 1.0            # 1.5 × 720 / 1080
    assert font_scale_for(2.0, 720) == pytest.approx(4 / 3)
    assert font_scale_for(1.25, 600) == 1.0


def test_a_new_run_in_the_light_theme_draws_in_the_light_shades(window, qtbot):
    from gui import theme as themes
    toggle_theme(window)
    assert window.open_lesson("multiclass-cross-entropy")
    qtbot.wait(50)
    curves = window.network.gradient_plot.curves
    shown = [c.opts["pen"].color().name() for c in curves]
    assert shown == [themes.LIGHT.layers[i].lower() for i in range(len(curves))]
    legend = window.network.gradient_plot.legend.text()
    assert themes.LIGHT.layers[0].lower() in legend.lower()
    assert themes.DARK.layers[0].lower() not in legend.lower()
    toggle_theme(window)
