"""LandscapeMode: the 'Landscape' tab — a surface, racing optimizers, live plots, a table.

The race is stepped on a QTimer in the GUI thread: a race step costs tens of microseconds,
so each tick runs the steps its speed asks for (or up to 12 ms worth at 'as fast as
possible', less while the thread's own work overfills a tick: gui/landscape/pacing.py) and
then redraws once. A frame costs what is new (paths: gui/landscape/path_layer.py; plots:
engine/pyramid.py); the text — the table's status cells, the status line — is rewritten on
its own slower timer. The main window drives it through play/pause/step_once/reset/
set_speed and shows `status_changed` in its status line.
"""
from __future__ import annotations

import time

from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import Signal

from engine import landscapes
from engine.errors import ConfigError
from engine.race import Race, default_specs
from gui.landscape.own_controls import OwnControls
from gui.landscape.pacing import FAST_BUDGET_S, TICK_MS, fast_budget
from gui.landscape.question import QuestionLabel
from gui.landscape.race_plots import RacePlots
from gui.landscape.racer_table import RacerTable, carried_over
from gui.landscape.surface_view import SurfaceView

STATUS_MS = 250           # the status text's period while playing
MAX_STEPS = 100_000       # the race pauses itself here (paths stop changing long before)
DEFAULT_SPEED = 50.0      # steps per second: slow enough to follow (one of run_bar.SPEEDS)
DEFAULT_LANDSCAPE = "rosenbrock"
SPLITTER_KEY = "landscape/splitters/"   # QSettings key prefix of the saved splitter states
ARROW_LEGEND = ("Arrows: directions only, all drawn one length (their sizes: the gradient-norm "
                "plot) — solid ━━▶ −∇f, straight downhill · dashed ╍╍▶ −momentum, where "
                "the optimizer's memory pushes it")


class LandscapeMode(QtWidgets.QWidget):
    """Optimizers racing on a loss landscape; shares play/pause/step/reset with the window."""

    status_changed = Signal(str)      # "step 120 — Adam lr=0.05: 0.0031 · SGD lr=0.001: 1.52"
    playing_changed = Signal(bool)

    def __init__(self, landscape: str = DEFAULT_LANDSCAPE, parent=None):
        super().__init__(parent)
        self.surface = SurfaceView()
        self.plots = RacePlots()
        self.table = RacerTable()
        self.controls = OwnControls(self)
        self.controls.setVisible(False)
        self._speed: float | None = DEFAULT_SPEED
        self.max_steps = MAX_STEPS          # the race pauses itself here
        self.controls.show_speed(DEFAULT_SPEED)
        self._budget = 0.0
        self._last_tick = time.perf_counter()
        self._fast_budget = FAST_BUDGET_S
        self._last_cpu = time.thread_time()
        self._timer = QtCore.QTimer(self)
        self._timer.setTimerType(QtCore.Qt.PreciseTimer)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._status_timer = QtCore.QTimer(self)
        self._status_timer.setInterval(STATUS_MS)
        self._status_timer.timeout.connect(self.show_status)
        self._build_layout()
        self._connect()
        self.race: Race | None = None
        self.set_landscape(landscape)

    # --- layout ---------------------------------------------------------------------------

    def _build_layout(self) -> None:
        self.chooser = QtWidgets.QComboBox()
        for name, ls in landscapes.REGISTRY.items():
            self.chooser.addItem(ls.title, name)
        self.chooser.setToolTip("The loss surface the optimizers race on")
        self.description = QuestionLabel()       # asks first; the answer on request
        self.gradient_box = QtWidgets.QCheckBox("gradient arrows")
        self.momentum_box = QtWidgets.QCheckBox("momentum arrows")
        self.gradient_box.setToolTip("Solid arrow: the direction −∇f at each racer")
        self.momentum_box.setToolTip("Dashed arrow: the direction of each racer's momentum")
        self.arrow_legend = QtWidgets.QLabel(ARROW_LEGEND, objectName="hint", wordWrap=True)
        self.arrow_legend.setVisible(False)
        top = QtWidgets.QHBoxLayout()
        top.addWidget(self.controls)
        top.addWidget(self.chooser)
        top.addStretch(1)
        top.addWidget(self.gradient_box)
        top.addWidget(self.momentum_box)
        left = QtWidgets.QSplitter(QtCore.Qt.Vertical)
        left.addWidget(self.surface)
        left.addWidget(self.table)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 1)
        left.setSizes([700, 260])
        body = QtWidgets.QSplitter(QtCore.Qt.Horizontal)
        body.addWidget(left)
        body.addWidget(self.plots)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)
        body.setSizes([600, 400])
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.description)
        layout.addWidget(self.arrow_legend)
        layout.addWidget(body, 1)
        self.splitters = {"surface-table": left, "body": body}
        self._restore_splitters()
        for splitter in self.splitters.values():
            splitter.splitterMoved.connect(self.save_splitters)

    def save_splitters(self) -> None:
        """Remember where the splitters are (QSettings), for the next start."""
        settings = QtCore.QSettings("DescentLab", "DescentLab")
        for name, splitter in self.splitters.items():
            settings.setValue(SPLITTER_KEY + name, splitter.saveState())

    def _restore_splitters(self) -> None:
        settings = QtCore.QSettings("DescentLab", "DescentLab")
        for name, splitter in self.splitters.items():
            state = settings.value(SPLITTER_KEY + name)
            if state is not None:
                splitter.restoreState(state)

    def _connect(self) -> None:
        self.chooser.currentIndexChanged.connect(
            lambda: self.set_landscape(self.chooser.currentData()))
        self.surface.point_clicked.connect(self.restart_at)
        self.table.racer_added.connect(self._rebuild_race)
        self.table.racer_edited.connect(lambda _: self._rebuild_race())
        self.table.racer_removed.connect(self._racer_removed)
        self.table.color_changed.connect(lambda _: self._apply_colors())
        self.table.error_reported.connect(self.status_changed)
        self.gradient_box.toggled.connect(self._arrows_toggled)
        self.momentum_box.toggled.connect(self._arrows_toggled)

    def set_own_controls_visible(self, visible: bool) -> None:
        """Show the widget's own play/pause/step/reset/speed bar (hidden inside the window)."""
        self.controls.setVisible(visible)

    # --- the race -------------------------------------------------------------------------

    @property
    def landscape_name(self) -> str:
        return self.race.landscape.name

    def set_landscape(self, name: str) -> None:
        """Show landscape `name` from its default start. The racers carry over: an edited
        or added racer as it is, an untouched one with the new surface's default rate for
        its optimizer (engine.race.default_specs); colours stay."""
        ls = landscapes.get(name)
        self.pause()
        index = self.chooser.findData(name)
        if index != self.chooser.currentIndex():
            self.chooser.blockSignals(True)
            self.chooser.setCurrentIndex(index)
            self.chooser.blockSignals(False)
        self.description.set_question(ls.description, ls.answer)
        self.surface.set_landscape(ls)
        self.plots.set_landscape(ls)
        table = self.table
        specs = carried_over(table.entries, default_specs(name))
        table.set_racers(specs, table.colors, table.edited)
        self.race = Race(ls, table.specs)
        self._apply_colors()

    def set_racers(self, specs: list[str]) -> None:
        """Replace the racers (spec texts, e.g. 'sgd:lr=0.01'); the race restarts. They
        count as chosen: a surface switch keeps them."""
        self.table.set_racers(specs, edited=[True] * len(specs))
        self._rebuild_race()

    def restart_at(self, point) -> None:
        """Every racer starts again, fresh, from `point`."""
        self.race.reset(point)
        self.plots.clear()
        self._refresh()

    def _rebuild_race(self) -> None:
        try:
            self.race = Race(self.race.landscape, self.table.specs, self.race.start)
        except ConfigError as e:              # table entries are validated; belt and braces
            self.status_changed.emit(str(e))
            return
        self._apply_colors()

    def _racer_removed(self, row: int) -> None:
        self.race.remove(row)
        self._apply_colors()

    def _apply_colors(self) -> None:
        colors = self.table.colors
        self.surface.set_racer_colors(colors)
        self.plots.set_racers([r.label for r in self.race.racers], colors)
        self._refresh()

    def _arrows_toggled(self) -> None:
        self.surface.show_gradient = self.gradient_box.isChecked()
        self.surface.show_momentum = self.momentum_box.isChecked()
        self.arrow_legend.setVisible(self.surface.show_gradient or self.surface.show_momentum)
        self._refresh()

    # --- play, pause, step, reset, speed --------------------------------------------------

    @property
    def is_playing(self) -> bool:
        return self._timer.isActive()

    def play(self) -> None:
        if self.is_playing or not self.race.live or self.race.step_count >= self.max_steps:
            return
        self._last_tick, self._budget = time.perf_counter(), 0.0
        self._fast_budget, self._last_cpu = FAST_BUDGET_S, time.thread_time()
        self._timer.start()
        self._status_timer.start()
        self.playing_changed.emit(True)

    def pause(self) -> None:
        if self.is_playing:
            self._timer.stop()
            self._status_timer.stop()
            self.show_status()                   # the text of the step it stopped at
            self.playing_changed.emit(False)

    def toggle_play(self) -> None:
        self.pause() if self.is_playing else self.play()

    def step_once(self) -> None:
        """One lock-step update of every racer (pauses first)."""
        self.pause()
        self.race.step(1)
        self._refresh()

    def reset(self) -> None:
        """Every racer back to the current start with a fresh optimizer."""
        self.pause()
        self.restart_at(self.race.start)

    def set_speed(self, steps_per_second: float | None) -> None:
        """Steps per second while playing; None = as fast as possible."""
        if steps_per_second is not None and not steps_per_second > 0:
            raise ValueError(f"steps_per_second must be > 0 or None, got {steps_per_second}")
        self._speed = steps_per_second
        self.controls.show_speed(steps_per_second)

    @property
    def speed(self) -> float | None:
        return self._speed

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt override)
        """A race nobody sees stops (a closed window, another tab): it takes the GUI thread."""
        self.pause()
        super().hideEvent(event)

    def _tick(self) -> None:
        now = time.perf_counter()
        dt, self._last_tick = now - self._last_tick, now
        if self._speed is None:
            cpu = time.thread_time()
            busy, self._last_cpu = cpu - self._last_cpu, cpu
            self._fast_budget = fast_budget(self._fast_budget, busy)
            while time.perf_counter() - now < self._fast_budget and self.race.live:
                self.race.step(min(50, self.max_steps - self.race.step_count))
        else:
            self._budget = min(self._budget + self._speed * dt, 5000.0)
            n = int(self._budget)
            self._budget -= n
            self.race.step(min(n, self.max_steps - self.race.step_count))
        self._refresh(status=False)
        if not self.race.live or self.race.step_count >= self.max_steps:
            self.pause()

    # --- drawing --------------------------------------------------------------------------

    def _refresh(self, status: bool = True) -> None:
        race = self.race
        self.surface.update_race(race)
        self.plots.update_race(race)
        if status:
            self.show_status()

    def show_status(self) -> None:
        """Each racer's value in its row, and the race in one line (status_changed)."""
        race = self.race
        parts = []
        for i, r in enumerate(race.racers):
            text = (f"diverged at step {r.diverged_at}" if r.diverged
                    else f"f = {r.values[-1]:.4g}")
            self.table.set_status(i, text, warn=r.diverged)
            parts.append(f"{r.label}: {'diverged' if r.diverged else f'{r.values[-1]:.4g}'}")
        self.status_changed.emit(f"step {race.step_count} — " + " · ".join(parts))
