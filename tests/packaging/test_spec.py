"""packaging/descent-lab.spec: its options for every platform, read without building.

The spec is executed with PyInstaller's build classes replaced by recorders and sys.platform
set to each target, so the Windows and macOS branches (built only by the release workflow)
are checked here too; CI builds the Linux branch for real.
"""
import re
import sys
import types
from pathlib import Path

import pytest

from gui import platform_check

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "descent-lab.spec"
VERSION = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"),
                    re.M).group(1)
WINDOW_LIBS = [(name, f"/usr/lib/{name}", "BINARY") for name in platform_check.XCB]


class Recorder:
    """Stands in for Analysis, PYZ, EXE, COLLECT and BUNDLE: keeps what it was given."""

    calls: dict

    def __init__(self, *args, **kwargs):
        self.args, self.kwargs = args, kwargs
        Recorder.calls.setdefault(type(self).__name__, []).append(self)


def builders(binaries):
    kinds = {name: type(name, (Recorder,), {}) for name in ("PYZ", "EXE", "COLLECT", "BUNDLE")}

    class Analysis(Recorder):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.binaries, self.datas, self.pure, self.scripts = list(binaries), [], [], []

    return {"Analysis": Analysis, **kinds}


def fake_pyinstaller(monkeypatch):
    """The two PyInstaller modules the spec imports (the test venv need not have PyInstaller)."""
    vi = types.ModuleType("PyInstaller.utils.win32.versioninfo")
    for name in ("StringStruct", "StringTable", "StringFileInfo", "VarStruct", "VarFileInfo",
                 "FixedFileInfo", "VSVersionInfo"):
        setattr(vi, name, type(name, (Recorder,), {}))
    bindepend = types.ModuleType("PyInstaller.depend.bindepend")
    bindepend.get_imports = lambda path: []
    for name, module in {"PyInstaller": types.ModuleType("PyInstaller"),
                         "PyInstaller.depend": types.ModuleType("PyInstaller.depend"),
                         "PyInstaller.depend.bindepend": bindepend,
                         "PyInstaller.utils": types.ModuleType("PyInstaller.utils"),
                         "PyInstaller.utils.win32": types.ModuleType("PyInstaller.utils.win32"),
                         "PyInstaller.utils.win32.versioninfo": vi}.items():
        monkeypatch.setitem(sys.modules, name, module)


def run_spec(monkeypatch, tmp_path, platform, *spec_args, binaries=WINDOW_LIBS):
    Recorder.calls = {}
    fake_pyinstaller(monkeypatch)
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(sys, "argv", ["pyinstaller", *spec_args])
    monkeypatch.setattr(sys, "path", list(sys.path))
    namespace = {"SPECPATH": str(SPEC.parent), "DISTPATH": str(tmp_path / "dist"),
                 "workpath": str(tmp_path / "build"), "__name__": "__main__",
                 **builders(binaries)}
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    return Recorder.calls


def test_linux_is_one_console_folder_without_a_bundle(monkeypatch, tmp_path):
    calls = run_spec(monkeypatch, tmp_path, "linux")
    exe = calls["EXE"][0].kwargs
    assert (exe["name"], exe["console"], exe["icon"], exe["version"]) == ("descent-lab", True, None, None)
    assert (exe["strip"], exe["upx"], exe["exclude_binaries"]) == (False, False, True)
    assert calls["COLLECT"][0].kwargs["name"] == "descent-lab"
    assert "BUNDLE" not in calls
    analysis = calls["Analysis"][0].kwargs
    assert analysis["hiddenimports"][0] == "gui.self_test"
    assert "pytest" in analysis["excludes"] and "numpy" not in analysis["excludes"]


def test_windows_has_no_console_an_ico_and_a_version_resource(monkeypatch, tmp_path):
    calls = run_spec(monkeypatch, tmp_path, "win32", binaries=[])
    exe = calls["EXE"][0].kwargs
    assert exe["console"] is False
    assert Path(exe["icon"]).name == "descent-lab.ico" and Path(exe["icon"]).is_file()
    fixed = exe["version"].kwargs["ffi"].kwargs
    expected = tuple((list(map(int, VERSION.split("."))) + [0, 0, 0, 0])[:4])
    assert fixed == {"filevers": expected, "prodvers": expected}
    strings = {s.args[0]: s.args[1] for s in calls["StringStruct"]}
    assert strings["OriginalFilename"] == "descent-lab.exe" and strings["ProductVersion"] == VERSION
    assert "BUNDLE" not in calls


def test_windows_console_variant(monkeypatch, tmp_path):
    calls = run_spec(monkeypatch, tmp_path, "win32", "--console", binaries=[])
    assert calls["EXE"][0].kwargs["console"] is True


def test_macos_makes_an_app_bundle_with_its_plist(monkeypatch, tmp_path):
    calls = run_spec(monkeypatch, tmp_path, "darwin", binaries=[])
    exe = calls["EXE"][0].kwargs
    assert exe["console"] is False and Path(exe["icon"]).name == "descent-lab.icns"
    assert Path(exe["icon"]).is_file()
    bundle = calls["BUNDLE"][0].kwargs
    assert (bundle["name"], bundle["bundle_identifier"]) == ("Descent Lab.app", "org.descentlab.DescentLab")
    assert bundle["info_plist"]["CFBundleShortVersionString"] == VERSION


def test_onefile_puts_everything_in_the_exe(monkeypatch, tmp_path):
    calls = run_spec(monkeypatch, tmp_path, "linux", "--onefile")
    assert "COLLECT" not in calls
    assert [name for name, _, _ in calls["EXE"][0].args[2]] == list(platform_check.XCB)


def test_onefile_refuses_the_one_folder_place(monkeypatch, tmp_path):
    (tmp_path / "dist" / "descent-lab").mkdir(parents=True)
    with pytest.raises(SystemExit, match="--distpath dist/onefile"):
        run_spec(monkeypatch, tmp_path, "linux", "--onefile")


def test_linux_build_refuses_without_the_window_libraries(monkeypatch, tmp_path):
    present = [entry for entry in WINDOW_LIBS if entry[0] != "libxcb-cursor.so.0"]
    with pytest.raises(SystemExit) as refused:
        run_spec(monkeypatch, tmp_path, "linux", binaries=present)
    assert str(refused.value).splitlines() == [
        "descent-lab.spec: not building: this machine lacks libxcb-cursor.so.0, which Qt's xcb "
        "plugin needs to open a window, so the folder would not open its window on a bare PC. "
        "Install them, then build again:",
        "  Debian, Ubuntu:           sudo apt install --no-install-recommends libxcb-cursor0",
        "  Fedora:                   sudo dnf install xcb-util-cursor",
    ]


def test_unused_qt_files_are_trimmed(monkeypatch, tmp_path):
    qt = "PySide6/Qt/plugins/platforms/"
    extra = [(qt + "libqxcb.so", "/x/libqxcb.so", "BINARY"),
             (qt + "libqwayland-egl.so", "/x/libqwayland-egl.so", "BINARY"),
             ("PySide6/Qt/lib/libQt6Network.so.6", "/x/libQt6Network.so.6", "BINARY")]
    calls = run_spec(monkeypatch, tmp_path, "linux", binaries=WINDOW_LIBS + extra)
    kept = [name for name, _, _ in calls["COLLECT"][0].args[1]]
    assert qt + "libqxcb.so" in kept
    assert qt + "libqwayland-egl.so" not in kept and "PySide6/Qt/lib/libQt6Network.so.6" not in kept
    untrimmed = run_spec(monkeypatch, tmp_path, "linux", "--no-trim", binaries=WINDOW_LIBS + extra)
    assert len(untrimmed["COLLECT"][0].args[1]) == len(WINDOW_LIBS) + 3
