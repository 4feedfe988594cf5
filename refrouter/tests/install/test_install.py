"""refrouter as a tool users install (issue #16): `pip install` of the source tree into a fresh venv, offline
(how: freshvenv.py), then the installed console script from a project directory outside the repository:
`--version`, `--help` of every command and action, and a lab up / status / inventory / down."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from routerlab import REPO, free_port

from .freshvenv import FreshVenv, copy_source, link_dependencies, make_venv

pytestmark = pytest.mark.timeout(600)  # a venv, a build and a lab on a busy 2-core machine
VERSION = "0.1.0"
ACTIONS = ("up", "down", "status", "inventory", "export", "run", "capture")
HELP = [[], ["serve"], ["lab"], *[["lab", action] for action in ACTIONS]]


@dataclass
class Installed:
    venv: FreshVenv
    project: Path  # the user's project directory, outside the repository
    pip_output: str

    def refrouter(self, *args: str) -> tuple[int, str, str]:
        result = self.venv.run(str(self.venv.bin / "refrouter"), *args, cwd=self.project)
        return result.returncode, result.stdout, result.stderr

    def python(self, code: str) -> str:
        result = self.venv.run(str(self.venv.bin / "python"), "-c", code, cwd=self.project)
        assert result.returncode == 0, result.stderr
        return result.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    base = tmp_path_factory.mktemp("install")
    source = copy_source(REPO, base / "checkout" / "refrouter")
    link_dependencies(source, base / "dependencies")
    venv = make_venv(base / "venv", base / "dependencies")
    result = venv.run(str(venv.bin / "pip"), "install", "--no-index", "--no-build-isolation", str(source),
                      cwd=base)
    assert result.returncode == 0, result.stdout + result.stderr
    project = base / "project"
    project.mkdir()
    yield Installed(venv, project, result.stdout)


def test_pip_installs_the_package(installed: Installed) -> None:
    assert f"Successfully installed ipsecux-refrouter-{VERSION}" in installed.pip_output
    where = installed.python("import refrouter; print(refrouter.__file__)").strip()
    assert Path(where).is_relative_to(installed.venv.root), where  # the installed copy, not the repository's
    checked = installed.venv.run(str(installed.venv.bin / "pip"), "check", cwd=installed.project)
    assert checked.returncode == 0, checked.stdout


def test_metadata(installed: Installed) -> None:
    code = ("import json; from importlib.metadata import distribution as d; m = d('ipsecux-refrouter'); "
            "print(json.dumps({'meta': {k: m.metadata.get_all(k) for k in set(m.metadata.keys())}, "
            "'files': [str(f) for f in m.files]}))")
    found = json.loads(installed.python(code))
    meta, files = found["meta"], found["files"]
    assert meta["Version"] == [VERSION]
    assert meta["License"] == ["GPL-3.0-or-later"]
    assert meta["Description-Content-Type"] == ["text/markdown"]
    assert meta["Description"][0].startswith("# refrouter: a reference router that behaves like Cisco IOS XE")
    assert "Requires-Python" in meta and meta["Requires-Python"] == [">=3.11"]
    urls = dict(url.split(", ", 1) for url in meta["Project-URL"])
    assert urls == {"Homepage": "https://github.com/ipsecux/ipsecux.iosxe",
                    "Documentation": "https://github.com/ipsecux/ipsecux.iosxe/tree/main/docs",
                    "Repository": "https://github.com/ipsecux/ipsecux.iosxe",
                    "Issues": "https://github.com/ipsecux/ipsecux.iosxe/issues"}
    assert "License :: OSI Approved :: GNU General Public License v3 or later (GPLv3+)" in meta["Classifier"]
    assert "Typing :: Typed" in meta["Classifier"]
    assert "refrouter/py.typed" in files
    license_files = [name for name in files if name.endswith("COPYING")]
    assert license_files, files
    text = installed.python(f"import importlib.metadata as m; print(m.distribution('ipsecux-refrouter')"
                            f".read_text({license_files[0].split('.dist-info/', 1)[1]!r}))")
    assert text.startswith("                    GNU GENERAL PUBLIC LICENSE")


def test_version(installed: Installed) -> None:
    assert installed.refrouter("--version") == (0, f"refrouter {VERSION}\n", "")


@pytest.mark.parametrize("command", HELP, ids=lambda command: " ".join(command) or "refrouter")
def test_help_of_each_command(installed: Installed, command: list[str]) -> None:
    status, out, err = installed.refrouter(*command, "--help")
    assert (status, err) == (0, "")
    assert out.startswith(f"usage: {' '.join(['refrouter', *command])} ")


def ssh_banner(port: int) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.settimeout(10)
        return sock.recv(8)


def test_lab_from_a_project_outside_the_repository(installed: Installed) -> None:
    port = free_port()
    lab = {"routers": {"Edge": {"ssh_port": port, "version": "17.12.4",
                                "startup_config": "hostname Edge\ninterface Loopback0\n"}}}
    (installed.project / "lab.yml").write_text(yaml.safe_dump(lab), encoding="utf-8")
    try:
        assert installed.refrouter("lab", "up", "lab.yml", "--strict") == (
            0, f"lab lab up (pid {pid_of(installed)}): Edge ssh 127.0.0.1:{port}\n", "")
        assert ssh_banner(port) == b"SSH-2.0-"
        status, out, err = installed.refrouter("lab", "status", "lab.yml")
        assert (status, out.splitlines()[1].split(), err) == (0, ["Edge", "up", "ssh", f"127.0.0.1:{port}"], "")
        status, out, _ = installed.refrouter("lab", "inventory", "lab.yml")
        assert yaml.safe_load(out)["all"]["children"]["iosxe"]["hosts"] == {
            "Edge": {"ansible_host": "127.0.0.1", "ansible_port": port}}
    finally:
        down = installed.refrouter("lab", "down", "lab.yml")
    assert down == (0, "lab lab down\n", "")
    state = installed.project / ".refrouter" / "lab"
    names = sorted(path.name for path in (state / "Edge").iterdir())
    assert names == ["bootflash", "ssh_host_ecdsa_key", "ssh_host_rsa_key"]  # bootflash: the router's flash: files


def pid_of(installed: Installed) -> int:
    return int((installed.project / ".refrouter" / "lab" / "lab.pid").read_text())
