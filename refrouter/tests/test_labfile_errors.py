"""Lab-file mistakes are refused with a message naming the setting and what was meant (issue #16).

Each case runs the real `refrouter lab status` entry point on a lab file with one mistake and compares the
whole error line: exit status 2, nothing on stdout."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from refrouter.main import main

ROUTER_KEYS = "(valid keys: ssh_port, netconf_port, version, startup_config, management_interface, management_source)"
CREDENTIAL_KEYS = "(valid keys: username, password, enable_secret)"
TOP_KEYS = "(valid keys: credentials, time_scale, routers, links)"
NETNS_KEYS = "(valid keys: netns, interface, address)"
KNOWN = "(known: 17.3 to 17.18 releases, written like 17.9.4a)"


def good_lab() -> dict[str, Any]:
    return {
        "routers": {
            "R1": {"ssh_port": 15001, "netconf_port": 15002, "version": "17.9.4a",
                   "startup_config": "hostname R1\n"},
            "R2": {"ssh_port": 15003},
        },
        "links": [{"a": "R1:Gi1", "b": "R2:GigabitEthernet1"}],
    }


def with_netns_end(**end: Any) -> dict[str, Any]:
    return good_lab() | {"links": [{"a": "R1:Gi1", "b": "R2:Gi1"}, {"a": "R1:Gi2", "b": end}]}


def with_r1(**settings: Any) -> dict[str, Any]:
    lab = good_lab()
    lab["routers"]["R1"] = settings
    return lab


def renamed(data: dict[str, Any], old: str, new: str) -> dict[str, Any]:
    return {new if key == old else key: value for key, value in data.items()}


CASES: dict[str, tuple[dict[str, Any], str]] = {
    "router key with a dash": (
        with_r1(ssh_port=15001, **{"startup-config": "hostname R1\n"}),
        f"lab.yml: routers.R1: unknown key 'startup-config'; did you mean 'startup_config'? {ROUTER_KEYS}"),
    "misspelt top-level key": (
        renamed(good_lab(), "links", "lniks"),
        f"lab.yml: unknown key 'lniks'; did you mean 'links'? {TOP_KEYS}"),
    "misspelt router key": (
        with_r1(ssh_port=15001, verison="17.9.4a"),
        f"lab.yml: routers.R1: unknown key 'verison'; did you mean 'version'? {ROUTER_KEYS}"),
    "unknown credentials key": (
        good_lab() | {"credentials": {"username": "u", "enable_password": "x"}},
        "lab.yml: credentials: unknown key 'enable_password'; did you mean 'password'? " + CREDENTIAL_KEYS),
    "unknown link key": (
        good_lab() | {"links": [{"a": "R1:Gi1", "z": "R2:Gi1"}]},
        "lab.yml: links[0]: unknown key 'z'; did you mean 'b'? (valid keys: a, b)"),
    "release the router does not know": (
        with_r1(ssh_port=15001, version="17.9.9"),
        f"lab.yml: routers.R1.version: unknown IOS XE release '17.9.9'; did you mean '17.9.6a'? {KNOWN}"),
    "a train before 17.3": (
        with_r1(ssh_port=15001, version="16.12.4"),
        f"lab.yml: routers.R1.version: unknown IOS XE release '16.12.4'; did you mean '17.12.4a'? {KNOWN}"),
    "release read as a number": (
        with_r1(ssh_port=15001, version=17.10),
        "lab.yml: routers.R1.version: YAML read 17.1 as a number; quote the release, e.g. \"17.9.4a\""),
    "two routers on one port": (
        good_lab() | {"routers": {"R1": {"ssh_port": 15001, "netconf_port": 15002}, "R2": {"ssh_port": 15002}}},
        "lab.yml: routers.R1.netconf_port and routers.R2.ssh_port both use port 15002"),
    "one router's two ports the same": (
        with_r1(ssh_port=15001, netconf_port=15001),
        "lab.yml: routers.R1.ssh_port and routers.R1.netconf_port both use port 15001"),
    "credentials not a mapping (the value is not echoed: it may be a password)": (
        good_lab() | {"credentials": "hunter2"}, "lab.yml: credentials: expected a mapping, got str"),
    "router without ssh_port": (
        with_r1(), "lab.yml: routers.R1: ssh_port is required"),
    "router settings not a mapping": (
        good_lab() | {"routers": {"R1": "10022"}}, "lab.yml: routers.R1: expected a mapping, got str"),
    "links not a list": (
        good_lab() | {"links": {"a": "R1:Gi1", "b": "R2:Gi1"}}, "lab.yml: links: expected a list, got dict"),
    "startup config not text": (
        with_r1(ssh_port=15001, startup_config=["hostname R1"]),
        "lab.yml: routers.R1.startup_config: expected configuration text, got list"),
    "misspelt namespace-end key": (
        with_netns_end(net_ns="swan", interface="ext0", address="198.51.100.2/24"),
        f"lab.yml: links[1].b: unknown key 'net_ns'; did you mean 'netns'? {NETNS_KEYS}"),
    "namespace end without an address": (
        with_netns_end(netns="swan", interface="ext0"),
        "lab.yml: links[1].b: a namespace end needs netns, interface, address (missing: address)"),
    "namespace-end address without a prefix length": (
        with_netns_end(netns="swan", interface="ext0", address="198.51.100.2/32"),
        "lab.yml: links[1].b.address: needs a prefix length shorter than /32"),
    "namespace-end address that is not IPv4": (
        with_netns_end(netns="swan", interface="ext0", address="swan.example"),
        "lab.yml: links[1].b.address: expected an IPv4 address with prefix length, like 198.51.100.2/24, "
        "got 'swan.example'"),
    "namespace-end interface name too long for Linux": (
        with_netns_end(netns="swan", interface="external-interface0", address="198.51.100.2/24"),
        "lab.yml: links[1].b.interface: expected a Linux interface name of 1-15 letters, digits, - and _, "
        "got 'external-interface0'"),
    "port that is a boolean": (
        with_r1(ssh_port=True), "lab.yml: routers.R1.ssh_port: expected a TCP port number 1-65535, got True"),
}


@pytest.mark.parametrize("case", CASES)
def test_lab_file_mistake_is_named(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data, message = CASES[case]
    path = tmp_path / "lab.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert main(["lab", "status", str(path)]) == 2
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", f"error: {message}\n")
    assert not (tmp_path / ".refrouter").exists()  # a refused lab file creates nothing


def test_good_lab_file_loads(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The baseline of the cases above is valid: only the one mistake makes each of them fail."""
    path = tmp_path / "lab.yml"
    path.write_text(yaml.safe_dump(good_lab(), sort_keys=False), encoding="utf-8")
    assert main(["lab", "inventory", str(path)]) == 0
    hosts = yaml.safe_load(capsys.readouterr().out)["all"]["children"]["iosxe"]["hosts"]
    assert list(hosts) == ["R1", "R2"]


@pytest.mark.parametrize("release", ["17.9.4a", "17.3.1a", "17.11.1a", "17.12.4", "17.18.1"])
def test_known_releases_are_accepted(release: str, tmp_path: Path) -> None:
    path = tmp_path / "lab.yml"
    path.write_text(yaml.safe_dump(with_r1(ssh_port=15001, version=release)), encoding="utf-8")
    assert main(["lab", "inventory", str(path)]) == 0


def test_serve_refuses_an_unknown_release(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["serve", "--hostname", "R", "--ssh-port", "15001", "--version", "17.9"])
    assert exited.value.code == 2
    assert capsys.readouterr().err.endswith(
        "refrouter serve: error: argument --version: unknown IOS XE release '17.9'; did you mean '17.9.6a'?\n")
