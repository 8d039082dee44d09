"""The window fits the screen on the first start and remembers itself on later ones.

Kept in QSettings (an INI file in the user's settings folder, on every system): the window's
geometry with its maximised state, the network tab's splitters, the network mode's speed and
the last lesson. On the first start (nothing saved) the window takes its preferred size
where the screen's available area has room, else it opens maximised on that area.
"""
from __future__ import annotations

import math

from PySide6 import QtCore, QtGui

ORGANIZATION = APPLICATION = "DescentLab"
PREFERRED = QtCore.QSize(1600, 900)
TITLE_BAR = 40            # px a window manager's frame may add above the window (allowance)


def settings() -> QtCore.QSettings:
    """The app's settings (tests point QSettings.setPath at a temporary folder)."""
    return QtCore.QSettings(QtCore.QSettings.IniFormat, QtCore.QSettings.UserScope,
                            ORGANIZATION, APPLICATION)


def first_geometry(available: QtCore.QRect) -> tuple[QtCore.QRect, bool]:
    """Where the window goes on a screen whose free area is `available`, and whether it
    opens maximised (when its preferred size plus a frame would not fit)."""
    fits = (available.width() >= PREFERRED.width()
            and available.height() >= PREFERRED.height() + TITLE_BAR)
    width = min(PREFERRED.width(), available.width())
    height = min(PREFERRED.height(), available.height() - TITLE_BAR)
    rect = QtCore.QRect(0, 0, width, height)
    rect.moveCenter(available.center())
    rect.moveTop(max(available.top() + TITLE_BAR, rect.top()))
    return rect, not fits


def fit_to_screen(window, screen: QtGui.QScreen | None = None) -> None:
    """The first start: the preferred size on the screen's free area, or maximised."""
    screen = screen or window.screen() or QtGui.QGuiApplication.primaryScreen()
    rect, maximised = first_geometry(screen.availableGeometry())
    window.setGeometry(rect)
    if maximised:
        window.setWindowState(window.windowState() | QtCore.Qt.WindowMaximized)


def save(window, store: QtCore.QSettings | None = None) -> None:
    """Write what a later start restores."""
    store = store or settings()
    store.setValue("window/geometry", window.saveGeometry())
    speed = (window.network.compare or window.network).speed   # the run bar's, compared or not
    store.setValue("network/speed", "max" if speed is None else float(speed))
    store.setValue("lesson", window.lesson or "")
    store.setValue("view/theme", window.presentation.theme_name)
    window.network.save_state(store)
    store.sync()


def restore(window, store: QtCore.QSettings | None = None, lesson: bool = True) -> None:
    """Restore geometry, splitters, the last lesson (when `lesson`) and the speed; the
    first start (nothing saved) fits the screen instead."""
    store = store or settings()
    geometry = store.value("window/geometry")
    if geometry is None or not window.restoreGeometry(geometry):
        fit_to_screen(window)
    window.network.restore_state(store)
    last = str(store.value("lesson", "") or "")
    if lesson and last and last != window.lesson and last in _lesson_names():
        window.open_lesson(last)
    theme = str(store.value("view/theme", "") or "")
    if theme in ("dark", "light") and theme != window.presentation.theme_name:
        window.actions["light_theme"].setChecked(theme == "light")   # the menu follows
    speed = _speed(store.value("network/speed"))
    if speed is not None:
        window.run_bar.set_speed_value(speed)


def _speed(value) -> float | None:
    """The saved speed as the run bar takes it (inf: as fast as possible), None if unset."""
    if value in (None, ""):
        return None
    if value == "max":
        return math.inf
    try:
        speed = float(value)
    except (TypeError, ValueError):
        return None
    return speed if speed > 0 else None


def _lesson_names() -> list[str]:
    from engine import presets
    return presets.names()
