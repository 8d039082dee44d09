"""What the panels and views ask of the network tab: a changed setting, a clicked point, a
typed weight, the chain rule for a weight, the learning-rate range test.

A mixin of NetworkMode, like run_bar_controls.py. A hand edit would change one run only
while runs are compared (gui/compare): it is refused then, with a note saying why.
"""
from __future__ import annotations


class ViewRequests:
    """Answers to the panels' and views' signals, for a mode with `session`, `compare`,
    `edits`, `panels`, the views, `show_config`, `show_note` and `_show_miles`."""

    def _connect_requests(self) -> None:
        for panel in self.panels:
            panel.changed.connect(self.edit_config)
        self.data_view.point_added.connect(lambda point: self._edit_data(
            self.session.add_point, *point))
        self.data_view.point_removed.connect(lambda raw: self._edit_data(
            self.session.remove_point, raw))
        self.network_view.weight_edited.connect(self._edit_weight)
        self.network_view.chain_rule_requested.connect(self.explain_weight)
        self.optimizer_panel.find_lr_clicked.connect(self.find_learning_rate)

    def _comparing(self, what: str) -> bool:
        """During a comparison a hand edit would change one run only: refused, said why."""
        if self.compare is not None:
            self.show_note(f"Comparing runs: {what} would change one run only. "
                           "Press “Keep this run” first.")
        return self.compare is not None

    # ---- hand edits ----
    def edit_config(self, overrides: dict) -> None:
        """A panel changed something: lr and hyper-parameters live, the rest as a new run."""
        if self._comparing("a changed setting"):
            self.show_config()
            return
        self.edits.apply(overrides)

    def set_learning_rate(self, lr: float) -> None:
        """Use learning rate `lr` from the next step (the panel shows it)."""
        self.edits.apply({"optimizer.lr": float(lr)})
        self.optimizer_panel.lr.set_value(self.session.config.optimizer.lr)

    def _edit_weight(self, name: str, index: tuple, value: float) -> None:
        if not self._comparing("a weight typed in"):
            self.session.controller.edit_weight(name, index, value)
            self.session.weight_edited()

    def _edit_data(self, edit, *args) -> None:
        if self._comparing("a point added or removed"):
            return
        edit(*args)
        self.data_view.set_dataset(self.session.dataset)
        self._show_miles()

    # ---- dialogs ----
    def explain_weight(self, layer: int, out: int, source: int):
        """The chain rule for one weight (right-click in the network view), on the shown
        weights; returns the dialog (shown, not modal)."""
        from gui.chain_rule_dialog import ChainRuleDialog
        self.pause()
        if self._chain_dialog is not None:           # one at a time: the newest weight
            self._chain_dialog.close()
        s = self.session
        self._chain_dialog = ChainRuleDialog(s.net, s.loss, s.dataset, layer, out, source,
                                             self)
        self._chain_dialog.show()
        return self._chain_dialog

    def find_learning_rate(self):
        """The range test on a copy of the current network, beside the run (progress and
        Cancel); its dialog can set the lr. Returns the RangeTestRun."""
        from gui.lr_finder_dialog import RangeTestRun
        self.pause()
        self._range_test = RangeTestRun(self)
        return self._range_test

    def _close_dialogs(self) -> None:
        """The chain-rule dialog closed, the range test cancelled and waited for."""
        if self._chain_dialog is not None:
            self._chain_dialog.close()
        if self._range_test is not None:          # ends after the update in progress
            self._range_test.cancel()
            self._range_test.wait(2000)
