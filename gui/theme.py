"""The projector theme: a high-contrast dark palette, large fonts, one stylesheet."""
from __future__ import annotations

from PySide6 import QtGui, QtWidgets

from engine.resources import resource_path

BACKGROUND = "#15171c"    # window and plot ground
SURFACE = "#20232b"       # panels, inputs
BORDER = "#3a3f4b"
TEXT = "#f2f2f2"
MUTED = "#a9b0bd"          # secondary text, disabled items
ACCENT = "#56B4E9"         # selection, focus (sky blue of the Okabe-Ito palette)
WARNING = "#D55E00"        # the divergence banner
BASE_POINT_SIZE = 12       # every widget; plots use their own sizes (plot_style)
FORMULA_COLOR = TEXT       # tools/render_formulas.py renders the loss formulas in this colour

CHECK = resource_path("icons", "check.svg").as_posix()   # the tick in a checked box

STYLESHEET = f"""
QWidget {{ background: {BACKGROUND}; }}
QScrollArea, QScrollArea > QWidget > QWidget {{ background: {BACKGROUND}; border: none; }}
QGroupBox {{
    border: 1px solid {BORDER}; border-radius: 6px; margin-top: 14px; padding: 8px 6px 6px 6px;
    font-weight: bold;
}}
QGroupBox::title {{ subcontrol-origin: margin; left: 8px; padding: 0 4px; }}
QGroupBox::indicator {{ width: 14px; height: 14px; }}
QLabel {{ background: transparent; }}
QLabel#hint {{ color: {MUTED}; }}
QLabel#status {{ font-size: 13pt; font-family: monospace; }}
QLabel#banner {{
    background: {WARNING}; color: white; font-weight: bold; font-size: 14pt;
    border-radius: 6px; padding: 8px 12px;
}}
QComboBox, QSpinBox, QDoubleSpinBox, QLineEdit {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 4px; padding: 3px 6px;
    min-height: 24px;
}}
QComboBox QAbstractItemView {{ background: {SURFACE}; selection-background-color: {ACCENT}; }}
QComboBox:disabled, QSpinBox:disabled, QDoubleSpinBox:disabled, QCheckBox:disabled {{
    color: {MUTED};
}}
QPushButton, QToolButton {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 5px; padding: 4px 6px;
    min-height: 26px;
}}
QPushButton:hover, QToolButton:hover {{ border-color: {ACCENT}; }}
QPushButton:checked {{ background: {ACCENT}; color: black; }}
QPushButton#play {{ font-weight: bold; min-width: 84px; }}
QSlider::groove:horizontal {{ height: 6px; background: {BORDER}; border-radius: 3px; }}
QSlider::handle:horizontal {{
    background: {ACCENT}; width: 16px; margin: -6px 0; border-radius: 8px;
}}
QSplitter::handle {{ background: {BORDER}; }}
QCheckBox::indicator {{
    width: 16px; height: 16px; border: 2px solid {MUTED}; border-radius: 3px;
    background: {SURFACE};
}}
QCheckBox::indicator:hover {{ border-color: {ACCENT}; }}
QCheckBox::indicator:checked {{
    background: {ACCENT}; border-color: {ACCENT}; image: url({CHECK});
}}
QCheckBox::indicator:disabled {{ border-color: {BORDER}; }}
QToolTip {{ background: {SURFACE}; color: {TEXT}; border: 1px solid {ACCENT}; padding: 4px; }}
QStatusBar {{ background: {SURFACE}; }}
"""


def apply_theme(app: QtWidgets.QApplication) -> None:
    """Use the Fusion style, the dark palette, the stylesheet and a large base font."""
    app.setStyle("Fusion")
    palette = QtGui.QPalette()
    roles = {
        QtGui.QPalette.Window: BACKGROUND, QtGui.QPalette.WindowText: TEXT,
        QtGui.QPalette.Base: SURFACE, QtGui.QPalette.AlternateBase: BACKGROUND,
        QtGui.QPalette.Text: TEXT, QtGui.QPalette.Button: SURFACE,
        QtGui.QPalette.ButtonText: TEXT, QtGui.QPalette.Highlight: ACCENT,
        QtGui.QPalette.HighlightedText: "#000000", QtGui.QPalette.ToolTipBase: SURFACE,
        QtGui.QPalette.ToolTipText: TEXT,
    }
    for role, colour in roles.items():
        palette.setColor(role, QtGui.QColor(colour))
    for role in (QtGui.QPalette.Text, QtGui.QPalette.WindowText, QtGui.QPalette.ButtonText):
        palette.setColor(QtGui.QPalette.Disabled, role, QtGui.QColor(MUTED))
    app.setPalette(palette)
    font = app.font()
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)
    app.setStyleSheet(STYLESHEET)
