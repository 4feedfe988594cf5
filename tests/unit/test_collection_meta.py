"""Collection metadata: galaxy.yml, meta/runtime.yml and the collections tree that `make setup` lays out.

These fail when a module is added without routing, when routing names a module that does not exist, or
when the collections tree is not what ansible.cfg promises. The built tarball is tested in tests/package.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from ansible.release import __version__ as ansible_core_version
from packaging.specifiers import SpecifierSet

REPO = Path(__file__).resolve().parents[2]
MODULES_DIR = REPO / "plugins" / "modules"
ACTION_PLUGIN = "ipsecux.iosxe.iosxe"
# Commands are bounded so a wedged tool fails the test instead of the CI run.
COMMAND_TIMEOUT = 120


def load_yaml(relative: str) -> dict:
    data = yaml.safe_load((REPO / relative).read_text())
    assert isinstance(data, dict), f"{relative} must be a YAML mapping"
    return data


def module_files() -> set[str]:
    return {path.stem for path in MODULES_DIR.glob("*.py") if path.stem != "__init__"}


def ansible_env() -> dict[str, str]:
    """Environment that makes Ansible tools read the repository's ansible.cfg, whatever the cwd."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("ANSIBLE_")}
    env["ANSIBLE_CONFIG"] = str(REPO / "ansible.cfg")
    return env


def venv_tool(name: str) -> str:
    return str(Path(sys.executable).parent / name)


@pytest.fixture(scope="module")
def galaxy() -> dict:
    return load_yaml("galaxy.yml")


@pytest.fixture(scope="module")
def runtime() -> dict:
    return load_yaml("meta/runtime.yml")


def test_galaxy_identity_and_dependencies(galaxy: dict) -> None:
    assert (galaxy["namespace"], galaxy["name"]) == ("ipsecux", "iosxe")
    # only what the plugins import; ansible.utils comes with ansible.netcommon
    assert list(galaxy["dependencies"]) == ["ansible.netcommon"]
    netcommon = SpecifierSet(galaxy["dependencies"]["ansible.netcommon"])
    assert netcommon.contains("8.1.0") and netcommon.contains("8.2.0")
    assert not netcommon.contains("8.0.0")
    assert not netcommon.contains("9.0.0"), "the next major release is not tested: give an upper bound"
    assert galaxy["license"] == ["GPL-3.0-or-later"]


def test_plugins_import_no_collection_that_galaxy_yml_does_not_declare(galaxy: dict) -> None:
    imported = set()
    for path in (REPO / "plugins").rglob("*.py"):
        imported |= set(re.findall(r"ansible_collections\.(\w+\.\w+)\.", path.read_text()))
    assert imported - {"ipsecux.iosxe"} == set(galaxy["dependencies"])


def test_running_ansible_core_meets_requires_ansible(runtime: dict) -> None:
    assert SpecifierSet(runtime["requires_ansible"]).contains(ansible_core_version)


def test_every_module_file_is_in_the_iosxe_action_group(runtime: dict) -> None:
    grouped = runtime["action_groups"]["iosxe"]
    assert len(grouped) == len(set(grouped)), "action_groups.iosxe lists a module twice"
    unlisted = module_files() - set(grouped)
    assert not unlisted, f"add these modules to action_groups.iosxe in meta/runtime.yml: {sorted(unlisted)}"


def test_config_group_holds_the_config_resource_modules(runtime: dict) -> None:
    """group/ipsecux.iosxe.config: the modules that share the config_resource doc fragment's options."""
    config = runtime["action_groups"]["config"]
    assert len(config) == len(set(config)) and set(config) <= set(runtime["action_groups"]["iosxe"])
    sharing = {
        path.stem for path in MODULES_DIR.glob("*.py") if "ipsecux.iosxe.config_resource" in path.read_text()
    }
    assert set(config) == sharing


def test_every_grouped_module_has_a_file(runtime: dict) -> None:
    missing = set(runtime["action_groups"]["iosxe"]) - module_files()
    assert not missing, f"action_groups.iosxe names modules without a plugins/modules file: {sorted(missing)}"


def test_routing_sends_every_module_through_a_collection_action_plugin(runtime: dict) -> None:
    routed = runtime["plugin_routing"]["modules"]
    assert set(routed) == set(runtime["action_groups"]["iosxe"])
    for name, entry in routed.items():
        namespace, plugin = entry["action_plugin"].rsplit(".", 1)
        assert namespace == "ipsecux.iosxe", f"{name} is routed outside the collection: {entry}"
        assert (REPO / "plugins" / "action" / f"{plugin}.py").is_file(), f"{name}: no action plugin {plugin}"


def test_ansible_core_resolves_each_module_to_an_iosxe_action_plugin(runtime: dict) -> None:
    """Ask ansible-core's own plugin loader, so a routing key it ignores cannot pass unnoticed.

    Each module must reach the action plugin runtime.yml names, and that plugin must be (or subclass) the
    collection's `iosxe` action plugin, which holds the connection checks every module relies on.
    """
    names = sorted(module_files())
    if not names:
        pytest.skip("plugins/modules holds no module yet")
    probe = (
        "import json, sys\n"
        "from ansible.plugins.loader import action_loader, init_plugin_loader, module_loader\n"
        "init_plugin_loader()\n"
        "base = action_loader.get(sys.argv[1], class_only=True)\n"
        "found = {}\n"
        "for name in sys.argv[2:]:\n"
        "    action = module_loader.find_plugin_with_context('ipsecux.iosxe.' + name).action_plugin\n"
        "    handler = action and action_loader.get(action, class_only=True)\n"
        "    found[name] = [action, bool(handler) and issubclass(handler, base)]\n"
        "print(json.dumps(found))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, ACTION_PLUGIN, *names],
        cwd=REPO,
        env=ansible_env(),
        capture_output=True,
        text=True,
        check=True,
        timeout=COMMAND_TIMEOUT,
    )
    routed = runtime["plugin_routing"]["modules"]
    expected = {name: [routed.get(name, {}).get("action_plugin"), True] for name in names}
    assert json.loads(result.stdout) == expected


def test_collection_list_shows_ours_and_the_dependencies() -> None:
    result = subprocess.run(
        [venv_tool("ansible-galaxy"), "collection", "list", "--format", "json"],
        cwd=REPO,
        env=ansible_env(),
        capture_output=True,
        text=True,
        check=True,
        timeout=COMMAND_TIMEOUT,
    )
    listed = {name for path_listing in json.loads(result.stdout).values() for name in path_listing}
    for name in ("ipsecux.iosxe", "ansible.netcommon", "ansible.utils", "cisco.ios"):
        assert name in listed, f"{name} missing from `ansible-galaxy collection list`; run `make setup`"
