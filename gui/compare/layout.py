"""CompareView: what the network tab shows while it compares runs, and what it puts back.

The overlaid plots take the places of the loss, gradient and effective-LR plots (in the same
splitters, at the same sizes; the bottom row's through its own hooks), the run chooser goes
above the plots, the panels show the selected run read-only, and the window's actions that
would act on one run only are disabled with a tooltip saying why. `remove()` undoes all of it.
"""
from __future__ import annotations

from PySide6 import QtWidgets

from gui.compare.chooser import RunChooser
from gui.compare.plots import GradRunsPlot, LossRunsPlot, LrRunsPlot
from gui.layout import SplitterSwap
from gui.plots import plot_style

PANELS_WHY = ("Comparing runs: the panels show the selected run's settings. Press "
              "“Keep this run” to change them, or Run → Compare with… for other runs.")
ACTIONS_WHY = {
    "save_experiment": "Not while comparing runs: press “Keep this run” first, then save it.",
    "find_lr": "Not while comparing runs: the range test would change one run's lr only; "
               "press “Keep this run” first.",
}


class CompareView:
    """The comparison's widgets inside a NetworkMode."""

    def __init__(self, mode, labels: list[str], n_layers: list[int], tick):
        self.mode, self.tick = mode, tick          # tick: a frame of the comparison
        self.plots = (LossRunsPlot(), GradRunsPlot(), LrRunsPlot())
        for plot in self.plots:
            plot.set_runs(labels)
        for plot in self.plots[1:]:
            plot.set_layers(n_layers)
        self.chooser = RunChooser(labels)
        self._put_in()

    # ---- in and out ----
    def _put_in(self) -> None:
        m = self.mode
        loss, gradient, lr = self.plots
        self._loss_swap = SplitterSwap(m.splitters["top"], [(m.loss_plot, loss)])
        m.bottom_row.show_compare_plots(gradient, lr)
        column = _column_of(m.divergence_bar, m.layout())
        column.insertWidget(column.indexOf(m.divergence_bar) + 1, self.chooser)
        self._tips = [(p, p.toolTip(), p.isEnabled()) for p in m.panels]
        for panel in m.panels:
            panel.setEnabled(False)
            panel.setToolTip(PANELS_WHY)
        actions = getattr(m.window(), "actions", {})
        self._actions = [(actions[n], actions[n].toolTip(), actions[n].isEnabled())
                         for n in ACTIONS_WHY if n in actions]
        for action, _, _ in self._actions:
            action.setEnabled(False)
            action.setToolTip(ACTIONS_WHY[next(n for n in ACTIONS_WHY
                                               if actions[n] is action)])
        m.timer.timeout.disconnect(m.painter.tick)
        m.timer.timeout.connect(self.tick)

    def remove(self) -> None:
        m = self.mode
        m.timer.timeout.disconnect(self.tick)
        m.timer.timeout.connect(m.painter.tick)
        self._loss_swap.undo()
        m.bottom_row.restore_single_plots()
        for plot in self.plots:
            plot.deleteLater()
        self.chooser.hide()              # out of the column when Qt deletes it (not a
        self.chooser.deleteLater()       # parentless window meanwhile: see SplitterSwap)
        for panel, tip, enabled in self._tips:
            panel.setEnabled(enabled)
            panel.setToolTip(tip)
        for action, tip, enabled in self._actions:
            action.setEnabled(enabled)
            action.setToolTip(tip)

    # ---- drawing ----
    def clear(self) -> None:
        for plot in self.plots:
            plot.clear()
            plot.snapshots = [None] * len(plot.curves)

    def paint(self, sessions, grew: list[int]) -> None:
        """Draw what is new in the runs that grew."""
        snapshots = {k: plot_style.history_arrays(sessions[k].history) for k in grew}
        for k, snapshot in snapshots.items():
            sessions[k].mark_painted(len(snapshot["step"]))
        for plot in self.plots:
            plot.update_runs(snapshots)


def _column_of(widget, layout) -> QtWidgets.QBoxLayout:
    """The box layout (inside `layout`) that holds `widget`."""
    if layout.indexOf(widget) >= 0:
        return layout
    for i in range(layout.count()):
        inner = layout.itemAt(i).layout()
        if inner is not None:
            found = _column_of(widget, inner)
            if found is not None:
                return found
    return None
