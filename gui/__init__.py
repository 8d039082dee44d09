"""Descent Lab's Qt shell: the only package that imports PySide6 and pyqtgraph."""
