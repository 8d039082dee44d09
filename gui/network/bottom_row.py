"""The network tab's bottom row: the usual plots and views, or the miles panel in their place.

A one-weight run (miles to km) shows w, its error and J(w) in place of the learning-rate plot
and the network view; every other run shows the usual row. The usual row's splitter state is
kept while the miles panel shows, so it comes back (and is saved) as the lecturer left it.
A comparison (gui/compare) shows its overlaid gradient and LR plots in the places of the
run's, and gives the row back as it was when it ends.
"""
from __future__ import annotations

from PySide6 import QtCore

from gui.layout import SplitterSwap
from gui.network import miles_panel


class BottomRow:
    """The bottom splitter with the miles panel added last, hidden unless a run fits it."""

    def __init__(self, splitter, gradient_plot, lr_plot, network_view):
        self.splitter = splitter
        self.single_plots = (gradient_plot, lr_plot)     # the run's; a comparison's replace them
        self.hidden_views = (lr_plot, network_view)      # what the miles panel replaces
        self.miles_panel = miles_panel.MilesPanel()
        splitter.addWidget(self.miles_panel)
        self.miles_panel.hide()
        self.usual_state = None         # the usual row's state while the panel shows
        self._compare_swap = None       # the comparison's plots in the run's places

    def show_compare_plots(self, gradient_plot, lr_plot) -> None:
        """A comparison's gradient and LR plots in the places of the run's, at their sizes
        (hidden where the run's are hidden)."""
        self.restore_single_plots()
        self._compare_swap = SplitterSwap(
            self.splitter, zip(self.single_plots, (gradient_plot, lr_plot), strict=True))

    def restore_single_plots(self) -> None:
        """The run's gradient and LR plots back, the row at its sizes before the comparison;
        the comparison's plots are taken out (not deleted: they are the comparison's)."""
        if self._compare_swap is not None:
            self._compare_swap.undo()
            self._compare_swap = None

    def show_run(self, net, dataset, loss_name: str) -> None:
        """The miles panel for a one-weight run, the usual row for any other."""
        one_weight = miles_panel.fits(net, dataset)
        if one_weight and self.miles_panel.isHidden():
            self.usual_state = self.splitter.saveState()     # the usual row, kept for later
        if one_weight:
            self.miles_panel.set_run(dataset, loss_name, net)
        for view in self.hidden_views:
            view.setVisible(not one_weight)
        self.miles_panel.setVisible(one_weight)
        if one_weight:
            self._give_miles_room()
        elif self.usual_state is not None:
            self.splitter.restoreState(self.usual_state)
            self.usual_state = None

    def _give_miles_room(self) -> None:
        """The gradient plot a third of the bottom row, the miles panel the rest."""
        width = max(sum(self.splitter.sizes()), 900)
        self.splitter.setSizes([width // 3, 0, 0, width - width // 3])

    def state_to_save(self) -> QtCore.QByteArray:
        """The usual row's state (not the miles panel's, which is laid out whenever it shows)."""
        if self.usual_state is not None:
            return self.usual_state
        return self.splitter.saveState()

    def restore(self, state) -> None:
        """A saved usual row: applied now, or kept for when the miles panel goes."""
        if self.usual_state is not None:
            self.usual_state = state
        else:
            self.splitter.restoreState(state)
