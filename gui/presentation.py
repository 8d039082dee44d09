"""Presentation mode (F11) and the theme switch: what the projector needs.

Presentation mode goes full screen, hides the side panels, the menu bar, the tab bar and the
plots' toolbars so the plots fill the screen, and scales every line and marker by `scale`
(1.5 by default; View menu) and every font by `scale` at a 1080-line screen, in proportion
on smaller ones (a projector shows 720 lines as large as 1080: 1.5× fonts at 720p would
squeeze the plots to slivers), never below MIN_PX pixels. Leaving it restores the window,
the panels and every size exactly.
The theme (dark, or light for washed-out projectors) is independent of it: toggle_theme.
"""
from __future__ import annotations

import shiboken6
from PySide6 import QtCore, QtGui, QtWidgets

from gui import theme as themes
from gui.plots import pixel_labels
from gui.restyle import Restyle

MIN_PX = 18                 # every text in presentation mode, at least (1280×720 and up)
SCALES = (1.25, 1.5, 2.0)
DEFAULT_SCALE = 1.5
REFERENCE_HEIGHT = 1080     # the screen height at which fonts are scaled by `scale`


def font_scale_for(scale: float, screen_height: int) -> float:
    """Text `scale` times larger on a REFERENCE_HEIGHT screen, in proportion below it,
    never smaller than normal."""
    return max(1.0, scale * min(1.0, screen_height / REFERENCE_HEIGHT))


def _paper_types() -> tuple:
    from gui.plots.data_view import DataView
    from gui.plots.network_view import NetworkView
    return (DataView, NetworkView)


class PresentationMode:
    """Full screen, panels collapsed, everything scaled; Esc or F11 leaves it."""

    def __init__(self, window: QtWidgets.QMainWindow):
        self.window = window
        self.scale = DEFAULT_SCALE
        self.theme = themes.DARK
        self.active = False
        self._saved: dict = {}
        self.restyle = Restyle(window, _paper_types())
        leave = QtGui.QShortcut(QtGui.QKeySequence("Escape"), window)
        leave.activated.connect(self.leave)
        self._hooks = False

    def _hook(self) -> None:
        """New runs and a newly built tab get the same look (once, when first styled)."""
        if self._hooks:
            return
        self._hooks = True
        network = getattr(self.window, "network", None)
        if network is not None:
            network.config_shown.connect(lambda _c: self._restyle_later())
        tabs = getattr(self.window, "tabs", None)
        if tabs is not None:
            tabs.currentChanged.connect(lambda _i: self._restyle_later())

    def _restyle_later(self) -> None:
        if self.active or self.theme is not themes.DARK:
            QtCore.QTimer.singleShot(0, self.restyle.refresh)

    # ---- presentation ----
    def toggle(self) -> None:
        self.leave() if self.active else self.enter()

    def enter(self) -> None:
        if self.active:
            return
        w = self.window
        self._saved = {"geometry": w.saveGeometry(), "rect": w.geometry(),
                       "state": w.windowState(),
                       "hidden": [p for p in self._hidden_while_presenting()
                                  if p.isVisible()],
                       "splitters": [(sp, sp.saveState())
                                     for sp in w.findChildren(QtWidgets.QSplitter)]}
        self._keep_shortcuts()
        for panel in self._saved["hidden"]:
            panel.hide()
        self.active = True
        self._apply()
        w.showFullScreen()

    def leave(self) -> None:
        if not self.active:
            return
        self.active = False
        w = self.window
        w.setWindowState(self._saved["state"])
        if not self._saved["state"] & (QtCore.Qt.WindowFullScreen | QtCore.Qt.WindowMaximized):
            w.showNormal()
        w.restoreGeometry(self._saved["geometry"])
        if not self._saved["state"] & (QtCore.Qt.WindowFullScreen | QtCore.Qt.WindowMaximized):
            w.setGeometry(self._saved["rect"])        # restoreGeometry fits it to the screen
        for panel in self._saved["hidden"]:
            panel.show()
        self._apply()
        QtWidgets.QApplication.processEvents()        # the layout at the old size, then
        for splitter, state in self._saved["splitters"]:    # the splitters as they were
            if shiboken6.isValid(splitter):
                splitter.restoreState(state)

    def _keep_shortcuts(self) -> None:
        """The menus' shortcuts keep working while the menu bar is hidden."""
        menus = [a.menu() for a in self.window.menuBar().actions() if a.menu() is not None]
        while menus:
            menu = menus.pop()
            for action in menu.actions():
                if action.menu() is not None:
                    menus.append(action.menu())
                elif action not in QtWidgets.QWidget.actions(self.window):
                    self.window.addAction(action)

    def set_scale(self, scale: float) -> None:
        """The presentation scale (View menu); applied now when presenting."""
        if not 1.0 <= scale <= 3.0:
            raise ValueError(f"presentation scale must be within 1 … 3, got {scale}")
        self.scale = float(scale)
        if self.active:
            self._apply()

    def font_scale(self) -> float:
        """How much larger text is drawn when presenting, on this window's screen."""
        screen = self.window.screen() or QtWidgets.QApplication.primaryScreen()
        height = screen.geometry().height() if screen is not None else REFERENCE_HEIGHT
        return font_scale_for(self.scale, height)

    def _hidden_while_presenting(self) -> list[QtWidgets.QWidget]:
        """The side panels, the menu bar, the tab bar and the plots' toolbars."""
        w, out = self.window, list(self._panels())
        out.append(w.menuBar())
        tabs = getattr(w, "tabs", None)
        if tabs is not None:
            out.append(tabs.tabBar())
        for panel in w.findChildren(QtWidgets.QWidget):
            toolbar = getattr(panel, "toolbar", None)
            if isinstance(toolbar, QtWidgets.QBoxLayout):
                out += [toolbar.itemAt(i).widget() for i in range(toolbar.count())
                        if toolbar.itemAt(i).widget() is not None]
        return out

    def _panels(self) -> list[QtWidgets.QWidget]:
        """The side panels: the network tab's panel column (the landscape's own controls
        stay, they are the race)."""
        network = getattr(self.window, "network", None)
        if network is None:
            return []
        return [w for w in network.findChildren(QtWidgets.QScrollArea)
                if w.parentWidget() is network]

    # ---- theme ----
    def set_theme(self, name: str) -> None:
        """'dark' or 'light', for widgets and plots."""
        if name not in themes.THEMES:
            raise ValueError(f"theme must be one of {', '.join(themes.THEMES)}, got {name!r}")
        self.theme = themes.THEMES[name]
        self._apply()

    @property
    def theme_name(self) -> str:
        return self.theme.name

    def _apply(self) -> None:
        self._hook()
        app = QtWidgets.QApplication.instance()
        scale = self.font_scale() if self.active else 1.0
        lines = self.scale if self.active else 1.0
        base_px = max(MIN_PX, round(16 * scale)) if self.active else None
        themes.apply_theme(app, self.theme, base_px)
        pixel_labels.set_scale(scale, MIN_PX if self.active else 0)
        self.restyle.apply(self.theme, scale, MIN_PX if self.active else 0, lines)
        network = getattr(self.window, "network", None)
        if network is not None:
            network.network_view.refit()


def toggle_theme(window) -> str:
    """Switch `window` between the dark and the light theme; returns the new theme's name."""
    mode = window.presentation
    mode.set_theme("light" if mode.theme_name == "dark" else "dark")
    return mode.theme_name


def add_view_actions(window, view_menu: QtWidgets.QMenu) -> dict[str, QtGui.QAction]:
    """The View menu's light-theme switch and presentation scales."""
    mode, actions = window.presentation, {}
    light = view_menu.addAction("Light theme (high contrast)")
    light.setCheckable(True)
    light.setChecked(mode.theme_name == "light")
    light.toggled.connect(lambda on: mode.set_theme("light" if on else "dark"))
    actions["light_theme"] = light
    sizes = view_menu.addMenu("Presentation size")
    group = QtGui.QActionGroup(sizes)
    for scale in SCALES:
        action = sizes.addAction(f"{scale:g}×")
        action.setCheckable(True)
        action.setChecked(scale == mode.scale)
        action.triggered.connect(lambda _=False, s=scale: mode.set_scale(s))
        group.addAction(action)
        actions[f"scale_{scale:g}"] = action
    return actions
