"""Run → Compare with…: rows from the registries, quick fills, refusals named in the dialog."""
from __future__ import annotations

from engine import optimizers
from gui.compare.dialog import CompareDialog


def _dialog(window) -> CompareDialog:
    window.actions["compare"].trigger()
    shown = [d for d in window.findChildren(CompareDialog) if d.isVisible()]
    assert len(shown) == 1
    return shown[0]


def test_the_action_opens_one_variant_row_with_the_current_values(window):
    dialog = _dialog(window)
    assert window.actions["compare"].shortcut().toString() == "C"
    assert len(dialog.rows) == 1
    row = dialog.rows[0]
    assert row.values() == {"optimizer": "Adam", "lr": "0.03", "batch": "10", "loss": "bce",
                            "init": "xavier", "activation": "tanh", "schedule": "constant"}
    menu = row.widgets["optimizer"]
    assert [menu.itemData(i) for i in range(menu.count())] == [e[0] for e in optimizers.MENU]


def test_quick_fills_make_the_rows_a_lecturer_asks_for(window):
    dialog = _dialog(window)
    dialog.quick["lr"].click()
    assert [r.values()["lr"] for r in dialog.rows] == ["0.003", "0.3"]
    dialog.quick["batch"].click()
    assert [r.values()["batch"] for r in dialog.rows] == ["all", "1", "32"]
    dialog.quick["optimizer"].click()
    assert [r.values()["optimizer"] for r in dialog.rows] == ["SGD", "Momentum"]
    dialog.compare_button.click()
    runs = window.network.compare
    assert runs.labels == ["Adam", "SGD", "Momentum"]
    assert [s.config.optimizer.params.get("momentum") for s in runs.sessions] == [
        None, None, 0.9]
    assert not dialog.isVisible()


def test_at_most_five_variants(window):
    dialog = _dialog(window)
    for _ in range(7):
        dialog.add_button.click()
    assert len(dialog.rows) == 5 and not dialog.add_button.isEnabled()
    dialog.rows[0].remove.click()
    assert len(dialog.rows) == 4 and dialog.add_button.isEnabled()


def test_a_bad_value_is_named_in_the_dialog_and_nothing_typed_is_lost(window):
    dialog = _dialog(window)
    dialog.add_button.click()
    dialog.rows[1].widgets["lr"].setText("-2")
    dialog.rows[0].other.setText("model.hidden=[4]")
    dialog.compare_button.click()
    assert dialog.isVisible() and window.network.compare is None
    assert dialog.error.text() == "run 3: lr = -2.0 is not allowed: a number in (0, 100]"
    assert dialog.rows[1].widgets["lr"].text() == "-2"
    assert dialog.rows[0].other.text() == "model.hidden=[4]"
    dialog.rows[1].widgets["lr"].setText("0.1")
    dialog.rows[1].other.setText("loss.name=mse")
    dialog.compare_button.click()
    assert dialog.error.text().startswith("run 3: loss.name = 'mse' is not allowed")
    dialog.rows[1].other.setText("")
    assert dialog.submit()
    runs = window.network.compare
    assert [s.config.model.hidden for s in runs.sessions] == [(8, 8), (4,), (8, 8)]
    assert runs.shared_start == [True, False, True]


def test_a_refused_comparison_leaves_the_one_on_screen(window):
    dialog = _dialog(window)
    dialog.quick["lr"].click()
    assert dialog.submit()
    runs = window.network.compare
    again = _dialog(window)
    assert again.base is runs.sessions[0].config
    again.rows[0].other.setText("model.hidden=[999]")
    assert not again.submit()
    assert again.error.text().startswith("run 2: model.hidden = [999] is not allowed")
    assert window.network.compare is runs and runs.sessions[0].controller.thread.isRunning()
