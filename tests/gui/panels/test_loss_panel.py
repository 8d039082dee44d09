"""The loss panel says, in one line under the formula, where the lecture's slide differs."""
from __future__ import annotations

from engine import losses
from engine.config import LossConfig
from gui.panels.loss_panel import LossPanel


def test_the_slide_note_of_each_loss_is_shown_under_its_formula(qtbot):
    panel = LossPanel()
    qtbot.addWidget(panel)
    panel.show()
    for name, cls in losses.REGISTRY.items():
        panel.set_config(LossConfig(name=name), cls.task)
        assert panel.slide_note.text() == cls.slide_note
        assert panel.slide_note.isVisible() == bool(cls.slide_note)
    layout = panel.form
    assert layout.getWidgetPosition(panel.slide_note)[0] == \
        layout.getWidgetPosition(panel.formula)[0] + 1


def test_bce_says_the_slide_has_no_minus_sign_and_kl_its_missing_one_over_n(qtbot):
    panel = LossPanel()
    qtbot.addWidget(panel)
    panel.set_config(LossConfig(name="bce"), "binary")
    assert panel.slide_note.text() == ("Slides: no leading minus; without it the loss is ≤ 0 "
                                       "and pushes p from y.")
    panel.set_config(LossConfig(name="kl"), "multiclass")
    assert "no 1/N" in panel.slide_note.text() and "batchmean" in panel.slide_note.text()
    panel.set_config(LossConfig(name="mse"), "regression")
    assert panel.slide_note.text() == "" and panel.slide_note.isHidden()
