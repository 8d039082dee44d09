"""The effective-LR plot's help says what its factor means for the run's optimizer."""
from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from engine import optimizers
from engine.config import OptimizerConfig
from gui.plots.lr_plot import HELP, LrPlot, help_text
from tests.gui.helpers import spin, wait_until


def _choose(qtbot, combo: QtWidgets.QComboBox, text: str) -> None:
    """Open the combo's list and click the entry, as a person would."""
    qtbot.mouseClick(combo, QtCore.Qt.MouseButton.LeftButton)
    view = combo.view()
    assert wait_until(view.isVisible, 3)
    row = combo.findText(text)
    view.scrollTo(view.model().index(row, 0))
    rect = view.visualRect(view.model().index(row, 0))
    spin(QtWidgets.QApplication.doubleClickInterval() / 1000 + 0.1)  # a click any sooner is
    qtbot.mouseMove(view.viewport(), rect.center())                  # taken for the opening one
    qtbot.mouseClick(view.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=rect.center())
    assert wait_until(lambda: combo.currentText() == text, 3)


def test_choosing_momentum_in_the_panel_puts_its_steady_step_in_the_plots_help(window, qtbot):
    plot, panel = window.network.lr_plot, window.network.optimizer_panel
    assert "<b>Adam</b>: γ/(√v̂ + ε) on the bias-corrected m̂" in plot.help   # the default
    _choose(qtbot, panel.menu, "Momentum")
    assert window.network.session.config.optimizer.params["momentum"] == 0.9
    assert plot.help == plot.plot_widget.toolTip()
    assert plot.help.endswith("<b>Momentum</b>: γ itself; with momentum μ the velocity makes "
                              "the steady step ≈ γ/(1 − μ).")
    _choose(qtbot, panel.menu, "RMSprop")
    assert "1 − μ" not in plot.help and "shrinks, grows back" in plot.help


def test_every_optimizer_and_variant_has_its_own_help(qtbot):
    plot = LrPlot()
    qtbot.addWidget(plot)
    assert plot.plot_widget.toolTip() == HELP
    for label, name, preset in optimizers.MENU:
        plot.show_optimizer(OptimizerConfig(name=name, params=dict(preset)))
        note = optimizers.REGISTRY[name].lr_factor_note
        assert plot.help == f"{HELP}<br><b>{label}</b>: {note}."
    assert help_text(OptimizerConfig(name="amsgrad")).endswith(
        "<b>AMSGrad</b>: " + optimizers.REGISTRY["adam"].lr_factor_note + ".")
