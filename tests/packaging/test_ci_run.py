""".ci/run with stand-ins for apt, dpkg and python3: what it installs per release, and that
the first failure stops it (its exit code, and the build is not started)."""
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(sys.platform == "win32" or shutil.which("bash") is None,
                                reason="a bash script")

STUBS = {
    # dpkg-query -W -f=... NAME: "installed" unless NAME is listed in $ABSENT
    "dpkg-query": 'for n; do :; done; case " $ABSENT " in *" $n "*) exit 1;; esac; printf installed',
    "dpkg": "exit 1",                                          # python3 is not Debian's
    "apt-get": 'echo "apt-get $*" >> "$LOG"',
    # apt-cache show --no-all-versions NAME: known unless NAME is listed in $UNKNOWN
    "apt-cache": 'for n; do :; done; case " $UNKNOWN " in *" $n "*) exit 100;; esac',
    "id": "echo 0",
    "python3": '''case "$1" in
  -c) case "$2" in *ensurepip*) exit "${NO_ENSUREPIP:-0}";; *executable*) echo /opt/py/bin/python3;;
      *) echo 3.13;; esac;;
  lab.py) echo "python3 $*" >> "$LOG"; exit "${TESTS_EXIT:-0}";;
esac''',
}


@pytest.fixture
def repo(tmp_path):
    (tmp_path / ".ci").mkdir()
    shutil.copy(ROOT / ".ci" / "run", tmp_path / ".ci" / "run")
    (tmp_path / "packaging").mkdir()
    (tmp_path / "packaging" / "ci-build.sh").write_text('echo "ci-build" >> "$LOG"\n')
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, body in STUBS.items():
        path = bin_dir / name
        path.write_text("#!/bin/sh\n" + body + "\n")
        path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return tmp_path


def ci(repo, **env):
    environ = {"PATH": f"{repo / 'bin'}:{os.environ['PATH']}", "LOG": str(repo / "log"),
               "ABSENT": "", "UNKNOWN": "", **env}
    done = subprocess.run(["bash", str(repo / ".ci" / "run")], capture_output=True, text=True,
                          env=environ, stdin=subprocess.DEVNULL, timeout=60)
    log = (repo / "log").read_text().splitlines() if (repo / "log").exists() else []
    return done, log


def test_nothing_missing_runs_the_readme_command_then_the_build(repo):
    done, log = ci(repo)
    assert done.returncode == 0, done.stderr
    assert log == ["python3 lab.py test", "ci-build"]
    assert done.stdout.splitlines()[:2] == ["ci: system packages: all present",
                                            "ci: python3 lab.py test"]


def test_failing_tests_stop_the_run_with_their_exit_code(repo):
    done, log = ci(repo, TESTS_EXIT="3")
    assert done.returncode == 3
    assert log == ["python3 lab.py test"]                      # no build after a failure


def test_debian_13_names_and_the_venv_package_of_this_python(repo):
    done, log = ci(repo, ABSENT="libglib2.0-0t64 libglib2.0-0 libxcb-cursor0 openbox python3.13-venv",
                   NO_ENSUREPIP="1")
    assert done.returncode == 0, done.stderr
    assert log[0] == "apt-get update -qq"
    assert log[1] == ("apt-get install -y -qq --no-install-recommends libglib2.0-0t64 "
                      "libxcb-cursor0 openbox python3.13-venv")
    assert "ci: installing libglib2.0-0t64 libxcb-cursor0 openbox python3.13-venv" in done.stdout


def test_debian_12_has_the_old_glib_name(repo):
    done, log = ci(repo, ABSENT="libglib2.0-0t64 libglib2.0-0", UNKNOWN="libglib2.0-0t64")
    assert log[1] == "apt-get install -y -qq --no-install-recommends libglib2.0-0"


def test_either_glib_name_installed_counts_as_present(repo):
    done, log = ci(repo, ABSENT="libglib2.0-0")
    assert log[0] == "python3 lab.py test"                     # no apt-get at all


def test_a_package_the_release_does_not_have_stops_the_run(repo):
    done, log = ci(repo, ABSENT="libxcb-cursor0", UNKNOWN="libxcb-cursor0")
    assert done.returncode == 1
    assert "ci: no package named libxcb-cursor0 in this release's lists" in done.stderr
    assert log == ["apt-get update -qq"]
