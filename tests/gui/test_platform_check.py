"""gui.platform_check: Qt's missing system libraries named, with the install commands."""
import subprocess
import sys

import pytest

from gui import platform_check as pc


def all_there(soname):
    return True


def finder(*absent):
    return lambda soname: soname not in absent


@pytest.fixture
def linux(monkeypatch):
    monkeypatch.setattr(pc.sys, "platform", "linux")


@pytest.mark.parametrize("environ, self_test, plugin", [
    ({"DISPLAY": ":0"}, False, "xcb"),
    ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, False, "offscreen"),
    ({"QT_QPA_PLATFORM": "xcb:nograb"}, False, "xcb"),
    ({"WAYLAND_DISPLAY": "wayland-0"}, False, "wayland"),
    ({}, False, "none"),
    ({}, True, "offscreen"),             # the self-test goes offscreen without a display
])
def test_platform_follows_qt_rules(linux, environ, self_test, plugin):
    assert pc.platform(environ, self_test) == plugin


def test_nothing_is_checked_on_windows_or_macos(monkeypatch):
    for name in ("win32", "darwin"):
        monkeypatch.setattr(pc.sys, "platform", name)
        assert pc.problem({}, find=finder(*pc.PACKAGES)) is None


def test_a_missing_xcb_library_is_named_with_its_packages(linux):
    text = pc.problem({"DISPLAY": ":0"}, find=finder("libxcb-cursor.so.0", "libxcb-icccm.so.4"))
    assert text == (
        "Descent Lab cannot open its window (Qt's xcb platform plugin): these system libraries or files "
        "are missing: libxcb-cursor.so.0, libxcb-icccm.so.4.\n"
        "Install them with the line for your system, then start it again:\n"
        "  Debian, Ubuntu:           sudo apt install --no-install-recommends libxcb-cursor0 libxcb-icccm4\n"
        "  Fedora:                   sudo dnf install xcb-util-cursor xcb-util-wm\n"
        "Training without a window works as it is: --headless.")


def test_glib_has_its_t64_name_on_debian_13(linux):
    text = pc.problem({"QT_QPA_PLATFORM": "offscreen"}, find=finder("libglib-2.0.so.0"))
    assert text.splitlines()[2:5] == [
        "  Debian 12, Ubuntu 22.04:  sudo apt install --no-install-recommends libglib2.0-0",
        "  Debian 13, Ubuntu 24.04+: sudo apt install --no-install-recommends libglib2.0-0t64",
        "  Fedora:                   sudo dnf install glib2",
    ]
    assert text.startswith("Descent Lab cannot start Qt (platform 'offscreen'): these system "
                           "libraries or files are missing: libglib-2.0.so.0.")


def test_offscreen_does_not_need_the_xcb_set(linux):
    assert pc.problem({"QT_QPA_PLATFORM": "offscreen"}, find=finder(*pc.XCB)) is None
    assert pc.problem({"DISPLAY": ":1"}, find=all_there, answers=lambda d: True) is None


def test_a_display_without_a_server_is_named(linux):
    asked = []
    text = pc.problem({"DISPLAY": ":7"}, find=all_there,
                      answers=lambda d: asked.append(d) or False)
    assert asked == [":7"]
    assert text == (
        "Descent Lab cannot open its window: DISPLAY is ':7', but no X server answers there "
        "(or it refuses the connection). Check DISPLAY and XAUTHORITY, or train without a "
        "window: --headless.")
    assert pc.problem({"DISPLAY": ":7", "QT_QPA_PLATFORM": "offscreen"}, find=all_there,
                      answers=lambda d: False) is None        # offscreen needs no server


@pytest.mark.skipif(not pc.loadable("libxcb.so.1"), reason="needs libxcb")
def test_display_answers_asks_libxcb():
    assert pc.display_answers(":65000") is False


def test_libxcb_packages_repeat_once_on_fedora(linux):
    lines = pc.install_lines(["libxcb-shape.so.0", "libxcb-xkb.so.1"])
    assert lines[-1] == "  Fedora:                   sudo dnf install libxcb"


def test_without_fontconfigs_configuration_letters_would_be_boxes(linux):
    text = pc.problem({"QT_QPA_PLATFORM": "offscreen"}, find=finder("/etc/fonts/fonts.conf"))
    assert text.splitlines()[1:] == [
        "Install them with the line for your system, then start it again:",
        "  Debian, Ubuntu:           sudo apt install --no-install-recommends libfontconfig1",
        "  Fedora:                   sudo dnf install fontconfig",
        "Training without a window works as it is: --headless.",
    ]
    assert pc.problem({"QT_QPA_PLATFORM": "offscreen", "FONTCONFIG_FILE": "/x/fonts.conf"},
                      find=finder("/etc/fonts/fonts.conf")) is None


def test_no_display_says_so_instead_of_qts_abort(linux):
    assert pc.problem({}, find=all_there) == (
        "Descent Lab cannot open its window: there is no display (DISPLAY and WAYLAND_DISPLAY "
        "are not set). Start it from a desktop session, or train without a window: --headless.")


def test_import_error_for_libgl_becomes_the_install_command():
    err = ImportError("libGL.so.1: cannot open shared object file: No such file or directory")
    assert pc.import_error_message(err).splitlines() == [
        "Descent Lab cannot start Qt (platform 'offscreen'): these system libraries or "
        "files are missing: libGL.so.1.",
        "Install them with the line for your system, then start it again:",
        "  Debian, Ubuntu:           sudo apt install --no-install-recommends libgl1",
        "  Fedora:                   sudo dnf install mesa-libGL",
        "Training without a window works as it is: --headless.",
    ]
    assert pc.import_error_message(ImportError("No module named 'PySide6'")) == (
        "Descent Lab cannot start Qt: importing PySide6 failed: No module named 'PySide6'")


def test_every_needed_soname_has_a_package_on_both_families():
    for soname in pc.needed("xcb"):
        debian, fedora = pc.PACKAGES[soname]
        assert debian and fedora, soname
    assert len(pc.needed("xcb")) == len(pc.PACKAGES)
    assert set(pc.needed("offscreen")) == set(pc.BASE)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF and ldd")
def test_the_table_covers_what_the_installed_xcb_plugin_links():
    import PySide6

    plugin = f"{PySide6.__path__[0]}/Qt/plugins/platforms/libqxcb.so"
    out = subprocess.run(["ldd", plugin], capture_output=True, text=True, check=True).stdout
    linked = {line.split()[0] for line in out.splitlines() if line.strip()}
    x11 = {name for name in linked if name.startswith(("libxcb", "libX11", "libxkbcommon"))}
    assert x11, out
    assert x11 <= set(pc.PACKAGES), sorted(x11 - set(pc.PACKAGES))


def test_loadable_finds_system_and_bundled_libraries(monkeypatch, tmp_path):
    if sys.platform.startswith("linux"):
        assert pc.loadable("libc.so.6")
    assert pc.loadable(str(tmp_path)) is False              # a path must be a file
    (tmp_path / "fonts.conf").write_text("<fontconfig/>", encoding="utf-8")
    assert pc.loadable(str(tmp_path / "fonts.conf"))
    assert not pc.loadable("libdescent-lab-nothing.so.9")
    (tmp_path / "libdescent-lab-nothing.so.9").write_bytes(b"")
    monkeypatch.setattr(pc.sys, "_MEIPASS", str(tmp_path), raising=False)
    assert pc.loadable("libdescent-lab-nothing.so.9")


def test_dialog_uses_what_the_system_has():
    have = lambda *tools: (lambda name: f"/usr/bin/{name}" if name in tools else None)  # noqa: E731
    assert pc.dialog_command("t", have("zenity", "xmessage")) == [
        "zenity", "--error", "--no-markup", "--title=Descent Lab cannot start", "--text=t"]
    assert pc.dialog_command("t", have("kdialog")) == [
        "kdialog", "--title", "Descent Lab cannot start", "--error", "t"]
    assert pc.dialog_command("t", have("xmessage")) == ["xmessage", "-center", "t"]
    assert pc.dialog_command("t", have()) is None


def test_a_frozen_app_on_a_display_shows_a_box_and_prints(monkeypatch, capsys):
    calls = []
    monkeypatch.setattr(pc.sys, "frozen", True, raising=False)
    which = lambda name: "/usr/bin/xmessage" if name == "xmessage" else None  # noqa: E731
    code = pc.report("missing libfoo", {"DISPLAY": ":0"},
                     run=lambda cmd, **kw: calls.append(cmd), which=which)
    assert code == 1
    assert calls == [["xmessage", "-center", "missing libfoo"]]
    assert capsys.readouterr().err == "missing libfoo\n"


def test_without_a_display_it_only_prints(monkeypatch, capsys):
    calls = []
    monkeypatch.setattr(pc.sys, "frozen", True, raising=False)
    assert pc.report("x", {}, run=lambda cmd, **kw: calls.append(cmd),
                     which=lambda n: "/usr/bin/" + n) == 1
    assert calls == []
    assert capsys.readouterr().err == "x\n"


def test_check_returns_the_exit_code_after_the_message(linux, monkeypatch, capsys):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert pc.check() == 1
    assert capsys.readouterr().err == pc.NO_DISPLAY + "\n"
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert pc.check() is None                # this machine has what offscreen Qt needs


def test_the_readme_lines_install_exactly_what_the_check_looks_for():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    lines = {row.split("|")[1].strip(): row.split("`")[1] for row in readme.splitlines()
             if row.startswith(("| Debian", "| Fedora"))}
    debian = list(dict.fromkeys(deb for deb, _ in pc.PACKAGES.values()))
    fedora = list(dict.fromkeys(fed for _, fed in pc.PACKAGES.values()))
    t64 = [pc.RENAMED_T64.get(name, name) for name in debian]
    assert lines == {
        "Debian 12, Ubuntu 22.04": "sudo apt install python3-venv " + " ".join(debian),
        "Debian 13, Ubuntu 24.04": "sudo apt install python3-venv " + " ".join(t64),
        "Fedora": "sudo dnf install python3 " + " ".join(fedora),
    }


def test_a_frozen_start_up_error_is_one_sentence_and_exit_1(monkeypatch, capsys):
    for name in ("DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    exits = []
    monkeypatch.setattr(pc.os, "_exit", exits.append)
    pc._frozen_excepthook(FileNotFoundError, FileNotFoundError("resources/presets missing"), None)
    assert exits == [1]
    assert capsys.readouterr().err == (
        "Descent Lab could not start: FileNotFoundError: resources/presets missing\n")


def test_check_installs_that_hook_only_when_frozen(linux, monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setattr(pc.sys, "excepthook", sys.__excepthook__)
    assert pc.check() is None and pc.sys.excepthook is sys.__excepthook__
    monkeypatch.setattr(pc.sys, "frozen", True, raising=False)
    assert pc.check() is None and pc.sys.excepthook is pc._frozen_excepthook
