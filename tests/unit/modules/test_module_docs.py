"""Every module's DOCUMENTATION matches its argument spec, and ansible-doc renders all of them."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.registry import RESOURCES

MODULES = sorted(RESOURCES)
SPEC_KEYS = ("type", "elements", "choices", "default")


def doc_as_spec(options: dict[str, Any]) -> dict[str, Any]:
    spec = {}
    for name, option in options.items():
        entry = {key: option[key] for key in SPEC_KEYS if key in option}
        if option.get("required"):
            entry["required"] = True
        if "suboptions" in option:
            entry["options"] = doc_as_spec(option["suboptions"])
        spec[name] = entry
    return spec


def comparable(spec: dict[str, Any]) -> dict[str, Any]:
    """The argument spec without keys documentation does not carry (no_log)."""
    result = {}
    for name, entry in spec.items():
        kept = {key: entry[key] for key in SPEC_KEYS if key in entry}
        if entry.get("required"):
            kept["required"] = True
        if "options" in entry:
            kept["options"] = comparable(entry["options"])
        result[name] = kept
    return result


def documented_options(documentation: dict[str, Any]) -> dict[str, Any]:
    """The module's options plus those of its doc fragments (plugins/doc_fragments), as ansible-doc merges them."""
    options = dict(documentation["options"])
    for fragment in documentation.get("extends_documentation_fragment", []):
        namespace, collection, name = fragment.split(".")
        source = importlib.import_module(
            f"ansible_collections.{namespace}.{collection}.plugins.doc_fragments.{name}"
        )
        shared = yaml.safe_load(source.ModuleDocFragment.DOCUMENTATION)["options"]
        assert not set(shared) & set(options), (
            f"{fragment} and the module both document {set(shared) & set(options)}"
        )
        options.update(shared)
    return options


@pytest.mark.parametrize("name", MODULES)
def test_documentation_matches_argument_spec(name: str) -> None:
    module = importlib.import_module(f"ansible_collections.ipsecux.iosxe.plugins.modules.{name}")
    documentation = yaml.safe_load(module.DOCUMENTATION)
    assert documentation["module"] == name
    assert doc_as_spec(documented_options(documentation)) == comparable(RESOURCES[name].spec.ARGUMENT_SPEC)
    yaml.safe_load(module.EXAMPLES)
    assert set(yaml.safe_load(module.RETURN)) >= {
        "before",
        "after",
        "commands",
        "gathered",
        "rendered",
        "parsed",
    }


def collections_root() -> str:
    return next(
        entry for entry in sys.path if (Path(entry) / "ansible_collections" / "ipsecux" / "iosxe").is_dir()
    )


def test_ansible_doc_renders_every_module() -> None:
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections_root(), ANSIBLE_NOCOLOR="1")
    names = [f"ipsecux.iosxe.{name}" for name in MODULES]
    ansible_doc = Path(sys.executable).with_name("ansible-doc")
    output = subprocess.run(
        [str(ansible_doc), *names], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert output.returncode == 0, output.stderr
    for name in names:
        assert f"> MODULE {name}" in output.stdout
    assert "WARNING" not in output.stderr
