"""The two projector themes (dark, and a light high-contrast one for washed-out projectors),
their stylesheet, and the map that turns a colour drawn in the dark theme into the light's.

Code everywhere draws with the dark theme's colours (the module constants below and
gui/plots/palette.py); gui/restyle.py turns them into the shown theme's with `theme_color`.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6 import QtGui, QtWidgets

from engine.resources import resource_path
from gui.plots import palette

BASE_POINT_SIZE = 12       # every widget; plots use their own sizes (plot_style)
CHECK = resource_path("icons", "check.svg").as_posix()   # the tick in a checked box


@dataclass(frozen=True)
class Theme:
    """One theme's colours; `background` is the window's and the plots' ground."""

    name: str
    background: str
    surface: str          # panels, inputs
    border: str
    text: str
    muted: str            # secondary text, disabled items, the raw batch loss
    accent: str           # selection, focus, the smoothed loss
    warning: str          # the divergence marker
    banner: str           # the divergence banner's ground (white text on it)
    ghost: str            # the previous run's loss
    caption_text: str
    caption_edge: str
    layers: tuple[str, ...]


DARK = Theme("dark", background="#15171c", surface="#20232b", border="#3a3f4b",
             text="#f2f2f2", muted="#a9b0bd", accent="#56B4E9", warning="#e8681e",
             banner="#a84300", ghost="#8a8f99", caption_text="#d8dce4",
             caption_edge="#E69F00", layers=palette.LAYER_COLORS)
LIGHT = Theme("light", background="#ffffff", surface="#eef0f3", border="#6b7280",
              text="#111111", muted="#4a505c", accent="#006d8f", warning="#b04600",
              banner="#a84300", ghost="#606775", caption_text="#222222",
              caption_edge="#9a5b00", layers=palette.LIGHT_LAYER_COLORS)
THEMES = {t.name: t for t in (DARK, LIGHT)}
ROLES = ("background", "surface", "border", "text", "muted", "accent", "warning", "banner",
         "ghost", "caption_text", "caption_edge")

# The dark theme's colours under their old names (code draws with these).
BACKGROUND, SURFACE, BORDER, TEXT = DARK.background, DARK.surface, DARK.border, DARK.text
MUTED, ACCENT, WARNING = DARK.muted, DARK.accent, DARK.warning
FORMULA_COLOR = TEXT       # tools/render_formulas.py renders the loss formulas in this colour
# Colours code once drew with, by the role that replaced them (Okabe-Ito's darker shades).
OLD_COLORS = {"#0072b2": ("layer", 0), "#d55e00": ("layer", 5), "#bbbbbb": ("role", "muted")}


def _keys() -> dict[str, tuple]:
    """Every colour either theme draws with -> its role ('role', name) or ('layer', i)."""
    keys: dict[str, tuple] = {}
    for t in (LIGHT, DARK):      # the dark theme's meaning wins where a shade is shared
        for i, c in enumerate(t.layers):
            keys[c.lower()] = ("layer", i)
        for role in ROLES:
            keys[getattr(t, role).lower()] = ("role", role)
    keys.update(OLD_COLORS)
    return keys


KEYS = _keys()


_SHOWN = {"theme": DARK}


def current() -> Theme:
    """The theme on screen (for code that colours text as it runs, e.g. table cells)."""
    return _SHOWN["theme"]


def role_color(theme: Theme, key: tuple) -> str:
    kind, which = key
    return theme.layers[which] if kind == "layer" else getattr(theme, which)


def theme_color(color: str, theme: Theme) -> str | None:
    """`color` (as code drew it, '#rrggbb') in `theme`, or None when it is no theme colour.

    A theme colour faded into the dark ground (plot_style.faded) comes back faded by the
    same amount into the theme's ground.
    """
    c = color.lower()
    if c in KEYS:
        return role_color(theme, KEYS[c])
    found = _faded_from(c)
    if found is None:
        return None
    key, strength = found
    return mix(theme.background, role_color(theme, key), strength)


def _rgb(color: str) -> tuple[int, int, int]:
    return tuple(int(color[i:i + 2], 16) for i in (1, 3, 5))


def mix(ground: str, color: str, strength: float) -> str:
    """`color` mixed into `ground`: strength 1 is the colour, 0 the ground."""
    g, c = _rgb(ground), _rgb(color)
    return "#" + "".join(f"{round(a + strength * (b - a)):02x}" for a, b in zip(g, c))


def _faded_from(color: str) -> tuple[tuple, float] | None:
    """(role, strength) when `color` is a dark-theme colour faded into the dark ground."""
    target, ground = _rgb(color), _rgb(DARK.background)
    for hexed, key in KEYS.items():
        base = _rgb(hexed)
        span = [b - g for b, g in zip(base, ground)]
        if max(abs(s) for s in span) < 40 or key == ("role", "background"):
            continue
        i = max(range(3), key=lambda k: abs(span[k]))
        strength = (target[i] - ground[i]) / span[i]
        again = _rgb(mix(DARK.background, hexed, strength))
        if 0.05 < strength < 1 and all(abs(a - b) <= 1 for a, b in zip(again, target)):
            return key, strength
    return None


def stylesheet(theme: Theme, font_px: int | None = None) -> str:
    """The application's stylesheet; font_px: every text at least this many pixels
    (presentation mode), else the normal point sizes."""
    t = theme

    def size(points: float) -> str:
        if font_px is None:
            return f"{points:g}pt"
        return f"{max(font_px, round(points * 4 / 3 * font_px / 16))}px"

    # presentation: a proportional face (its digits are as wide as each other) so the whole
    # line fits 1280 pixels
    status_family = "font-family: monospace;" if font_px is None else ""
    return f"""
QWidget {{ background: {t.background}; }}
QScrollArea, QScrollArea > QWidget > QWidget {{ background: {t.background}; border: none; }}
QGroupBox {{
    border: 1px solid {t.border}; border-radius: 6px; margin-top: 14px; padding: 8px 6px 6px 6px;
    font-weight: bold;
}}
QGroupBox::title {{ subcontrol-origin: margin; left: 8px; padding: 0 4px; }}
QGroupBox::indicator {{ width: 14px; height: 14px; }}
QLabel {{ background: transparent; }}
QLabel#hint {{ color: {t.muted}; }}
QLabel#status {{ font-size: {size(13)}; {status_family} }}
QLabel#banner {{
    background: {t.banner}; color: white; font-weight: bold; font-size: {size(14)};
    border-radius: 6px; padding: 8px 12px;
}}
QComboBox, QSpinBox, QDoubleSpinBox, QLineEdit {{
    background: {t.surface}; border: 1px solid {t.border}; border-radius: 4px; padding: 3px 6px;
    min-height: 24px;
}}
QComboBox QAbstractItemView {{ background: {t.surface}; selection-background-color: {t.accent}; }}
QComboBox:disabled, QSpinBox:disabled, QDoubleSpinBox:disabled, QCheckBox:disabled {{
    color: {t.muted};
}}
QPushButton, QToolButton {{
    background: {t.surface}; border: 1px solid {t.border}; border-radius: 5px; padding: 4px 6px;
    min-height: 26px;
}}
QPushButton:hover, QToolButton:hover {{ border-color: {t.accent}; }}
QPushButton:checked {{ background: {t.accent}; color: {"black" if t is DARK else "white"}; }}
QPushButton#play {{ font-weight: bold; min-width: 84px; }}
QSlider::groove:horizontal {{ height: 6px; background: {t.border}; border-radius: 3px; }}
QSlider::handle:horizontal {{
    background: {t.accent}; width: 16px; margin: -6px 0; border-radius: 8px;
}}
QSplitter::handle {{ background: {t.border}; }}
QCheckBox::indicator {{
    width: 16px; height: 16px; border: 2px solid {t.muted}; border-radius: 3px;
    background: {t.surface};
}}
QCheckBox::indicator:hover {{ border-color: {t.accent}; }}
QCheckBox::indicator:checked {{
    background: {t.accent}; border-color: {t.accent}; image: url({CHECK});
}}
QCheckBox::indicator:disabled {{ border-color: {t.border}; }}
QToolTip {{ background: {t.surface}; color: {t.text}; border: 1px solid {t.accent}; padding: 4px; }}
QStatusBar {{ background: {t.surface}; }}
QMenuBar, QMenu {{ background: {t.surface}; color: {t.text}; }}
QMenu::item:selected, QMenuBar::item:selected {{ background: {t.accent}; color: {t.background}; }}
QTabBar::tab {{ background: {t.surface}; color: {t.text}; padding: 4px 14px; }}
QTabBar::tab:selected {{ background: {t.background}; border-bottom: 3px solid {t.accent}; }}
"""


STYLESHEET = stylesheet(DARK)


def qt_palette(theme: Theme) -> QtGui.QPalette:
    """The widgets' palette for `theme`."""
    t, palette, p = theme, QtGui.QPalette(), QtGui.QPalette
    roles = {
        p.Window: t.background, p.WindowText: t.text, p.Base: t.surface,
        p.AlternateBase: t.background, p.Text: t.text, p.Button: t.surface,
        p.ButtonText: t.text, p.Highlight: t.accent,
        p.HighlightedText: "#000000" if t is DARK else "#ffffff", p.ToolTipBase: t.surface,
        p.ToolTipText: t.text,
    }
    for role, colour in roles.items():
        palette.setColor(role, QtGui.QColor(colour))
    for role in (p.Text, p.WindowText, p.ButtonText):
        palette.setColor(p.Disabled, role, QtGui.QColor(t.muted))
    return palette


def apply_theme(app: QtWidgets.QApplication, theme: Theme = DARK,
                font_px: int | None = None) -> None:
    """Use the Fusion style, `theme`'s palette and stylesheet and a large base font
    (font_px pixels in presentation mode, else BASE_POINT_SIZE points)."""
    _SHOWN["theme"] = theme
    app.setStyle("Fusion")
    app.setPalette(qt_palette(theme))
    font = app.font()
    if font_px is None:
        font.setPointSize(BASE_POINT_SIZE)
    else:
        font.setPixelSize(font_px)
    app.setFont(font)
    app.setStyleSheet(stylesheet(theme, font_px))
    if font_px is None:                 # a fresh application: labels at their own sizes
        from gui.plots import pixel_labels
        pixel_labels.set_scale(1.0, 0)
