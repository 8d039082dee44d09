"""Before Qt starts: are the system libraries it needs there? If not, say which to install.

Without them Qt aborts ("could not load the Qt platform plugin xcb", then a core dump) or
PySide6 fails to import (`ImportError: libGL.so.1`), and neither names the packages. This
module needs only the standard library: `check()` runs before anything imports PySide6,
looks the libraries up by soname (`ctypes.CDLL`, or the frozen app's own folder), and, if
one is missing, prints what is missing and the install command for Debian/Ubuntu and Fedora
(and shows it in a message box with zenity, kdialog or xmessage when there is a display).
"""
from __future__ import annotations

import ctypes
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

EXIT_CODE = 1
FONTS_CONF = "/etc/fonts/fonts.conf"
# soname: (Debian/Ubuntu package, Fedora package). "libglib2.0-0" is "libglib2.0-0t64" on
# Debian 13 and Ubuntu 24.04.
PACKAGES = {
    "libGL.so.1": ("libgl1", "mesa-libGL"),
    "libEGL.so.1": ("libegl1", "mesa-libEGL"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    # Not a library: fontconfig's configuration. The frozen app bundles libfontconfig but not
    # this file; without it every letter is drawn as a box.
    FONTS_CONF: ("libfontconfig1", "fontconfig"),
}
# What Qt's Gui library needs on any Linux platform (offscreen too), then what the xcb
# platform plugin (a real window on X11 or XWayland) needs on top.
BASE = ("libGL.so.1", "libEGL.so.1", "libfontconfig.so.1", "libfreetype.so.6",
        "libxkbcommon.so.0", "libglib-2.0.so.0", "libdbus-1.so.3", "libX11.so.6",
        "libxcb.so.1", FONTS_CONF)
XCB = tuple(name for name in PACKAGES if name not in BASE)
RENAMED_T64 = {"libglib2.0-0": "libglib2.0-0t64"}     # Debian 13, Ubuntu 24.04


def platform(environ=os.environ, self_test: bool = False) -> str | None:
    """The Qt platform plugin this start will use on Linux; None elsewhere (not checked)."""
    if not sys.platform.startswith("linux"):
        return None
    chosen = environ.get("QT_QPA_PLATFORM", "").split(":")[0].split(";")[0].strip()
    if chosen:
        return chosen
    if environ.get("DISPLAY"):
        return "xcb"
    if environ.get("WAYLAND_DISPLAY"):
        return "wayland"
    return "offscreen" if self_test else "none"


def needed(plugin: str) -> tuple[str, ...]:
    return BASE + XCB if plugin == "xcb" else BASE


def loadable(soname: str) -> bool:
    """The library is in the frozen app's folder or the dynamic loader finds it."""
    if soname.startswith("/"):
        return Path(soname).is_file()
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle and (Path(bundle) / soname).exists():
        return True
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def missing(plugin: str, find=loadable, environ=os.environ) -> list[str]:
    wanted = [name for name in needed(plugin)
              if not (name == FONTS_CONF and environ.get("FONTCONFIG_FILE"))]
    return [soname for soname in wanted if not find(soname)]


def install_lines(sonames: list[str]) -> list[str]:
    """One install command per system family, for the packages holding these sonames."""
    debian = list(dict.fromkeys(PACKAGES[name][0] for name in sonames))
    fedora = list(dict.fromkeys(PACKAGES[name][1] for name in sonames))
    renamed = [RENAMED_T64.get(name, name) for name in debian]
    apt = "sudo apt install --no-install-recommends "
    if renamed == debian:
        rows = [("Debian, Ubuntu:", apt + " ".join(debian))]
    else:
        rows = [("Debian 12, Ubuntu 22.04:", apt + " ".join(debian)),
                ("Debian 13, Ubuntu 24.04+:", apt + " ".join(renamed))]
    rows.append(("Fedora:", "sudo dnf install " + " ".join(fedora)))
    return [f"  {label:<26}{command}" for label, command in rows]


def missing_message(plugin: str, sonames: list[str]) -> str:
    what = ("open its window (Qt's xcb platform plugin)" if plugin == "xcb"
            else f"start Qt (platform '{plugin}')")
    return "\n".join([
        f"Descent Lab cannot {what}: these system libraries or files are missing: "
        f"{', '.join(sonames)}.",
        "Install them with the line for your system, then start it again:",
        *install_lines(sonames),
        "Training without a window works as it is: --headless."])


NO_DISPLAY = ("Descent Lab cannot open its window: there is no display (DISPLAY and "
              "WAYLAND_DISPLAY are not set). Start it from a desktop session, or train without "
              "a window: --headless.")


def display_answers(display: str) -> bool:
    """An X server accepts a connection at this DISPLAY (True when that cannot be told)."""
    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return True
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    error = xcb.xcb_connection_has_error(connection)
    xcb.xcb_disconnect(connection)
    return error == 0


def no_server_message(display: str) -> str:
    return (f"Descent Lab cannot open its window: DISPLAY is {display!r}, but no X server "
            "answers there (or it refuses the connection). Check DISPLAY and XAUTHORITY, or "
            "train without a window: --headless.")


def problem(environ=os.environ, self_test: bool = False, find=loadable,
            answers=display_answers) -> str | None:
    """What stops Qt from starting here, in words, or None."""
    plugin = platform(environ, self_test)
    if plugin is None or plugin in ("minimal", "windows", "cocoa"):
        return None
    if plugin == "none":
        return NO_DISPLAY
    absent = missing(plugin, find, environ)
    if absent:
        return missing_message(plugin, absent)
    display = environ.get("DISPLAY", "")
    if plugin == "xcb" and display and not answers(display):
        return no_server_message(display)
    return None


def import_error_message(err: ImportError, plugin: str = "offscreen") -> str:
    """`ImportError: libGL.so.1: cannot open shared object file` in words and commands."""
    found = re.search(r"(lib[\w.+-]+?\.so(?:\.\d+)*)", str(err))
    soname = found.group(1) if found else None
    if soname in PACKAGES:
        return missing_message(plugin, [soname])
    return f"Descent Lab cannot start Qt: importing PySide6 failed: {err}"


def dialog_command(text: str, which=shutil.which) -> list[str] | None:
    """A message box from what the system has (there is no Qt to draw one)."""
    title = "Descent Lab cannot start"
    if which("zenity"):
        return ["zenity", "--error", "--no-markup", f"--title={title}", f"--text={text}"]
    if which("kdialog"):
        return ["kdialog", "--title", title, "--error", text]
    if which("xmessage"):
        return ["xmessage", "-center", text]
    return None


def report(text: str, environ=os.environ, run=subprocess.run, which=shutil.which) -> int:
    """Print the text; also show it in a box when started from a desktop (no terminal)."""
    print(text, file=sys.stderr, flush=True)
    interactive = sys.stderr is not None and sys.stderr.isatty()
    if environ.get("DISPLAY") and (getattr(sys, "frozen", False) or not interactive):
        command = dialog_command(text, which)
        if command:
            try:
                run(command, check=False, timeout=600)
            except (OSError, subprocess.SubprocessError):
                pass
    return EXIT_CODE


def check(self_test: bool = False) -> int | None:
    """Run before the window: None if Qt can start, else the exit code after the message."""
    if getattr(sys, "frozen", False):
        sys.excepthook = _frozen_excepthook
    text = problem(os.environ, self_test)
    if text is None:
        try:
            import PySide6.QtWidgets  # noqa: F401  (loads libGL, libEGL, ...)
        except ImportError as err:
            text = import_error_message(err, platform(os.environ, self_test) or "offscreen")
    return None if text is None else report(text)


def _frozen_excepthook(kind, value, tb) -> None:
    """Frozen app: an error before the window opens is said in words, not as a traceback
    (and not as the launcher's "Failed to execute script")."""
    report(f"Descent Lab could not start: {kind.__name__}: {value}")
    os._exit(EXIT_CODE)
