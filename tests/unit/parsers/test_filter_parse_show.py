"""The ``ipsecux.iosxe.parse_show`` Jinja filter, called directly and through a real ansible run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from ansible.errors import AnsibleFilterError, AnsibleTypeError
from ansible_collections.ipsecux.iosxe.plugins.filter import parse_show as plugin

from .cases import output_of

REPO = Path(__file__).resolve().parents[3]
COLLECTIONS = REPO / ".collections"
BIN = Path(sys.executable).parent
COUNT_OUTPUT = output_of("show_crypto_isakmp_sa_count", "refrouter")
COUNTS = {
    "active_isakmp_sas": 1,
    "standby_isakmp_sas": 0,
    "currently_being_negotiated_isakmp_sas": 0,
    "dead_isakmp_sas": 0,
}


def test_filter_is_registered() -> None:
    assert plugin.FilterModule().filters() == {"parse_show": plugin.parse_show}


def test_filter_returns_data() -> None:
    assert plugin.parse_show(COUNT_OUTPUT, "sh cry isa sa count") == {"isakmp_sa_count": COUNTS}


def test_filter_with_warnings() -> None:
    result = plugin.parse_show(
        COUNT_OUTPUT + "junk here\n", "show crypto isakmp sa count", with_warnings=True
    )
    assert result == {
        "data": {"isakmp_sa_count": COUNTS},
        "warnings": ['line 8: unrecognised line: "junk here"'],
    }


def test_filter_rejects_unknown_command_and_non_text() -> None:
    with pytest.raises(AnsibleFilterError, match="no parser for 'show clock'"):
        plugin.parse_show("", "show clock")
    with pytest.raises(AnsibleTypeError, match="got int"):
        plugin.parse_show(5, "show version")


def test_documentation_is_valid_yaml_matching_the_signature() -> None:
    doc = yaml.safe_load(plugin.DOCUMENTATION)
    assert doc["name"] == "parse_show"
    assert set(doc["options"]) == {"_input", "command", "with_warnings"}
    assert yaml.safe_load(plugin.EXAMPLES)
    assert "_value" in yaml.safe_load(plugin.RETURN)


def _require_collection_path() -> dict[str, str]:
    if not (COLLECTIONS / "ansible_collections" / "ipsecux" / "iosxe").is_dir():
        pytest.skip(f"{COLLECTIONS}/ansible_collections/ipsecux/iosxe does not exist yet (run `make setup`)")
    return {
        **os.environ,
        "ANSIBLE_COLLECTIONS_PATH": str(COLLECTIONS),
        "ANSIBLE_DEPRECATION_WARNINGS": "0",
        "ANSIBLE_NOCOLOR": "1",
    }


def test_filter_in_a_real_ansible_run(tmp_path: Path) -> None:
    env = _require_collection_path()
    extra_vars = tmp_path / "vars.json"
    extra_vars.write_text(json.dumps({"raw": COUNT_OUTPUT}))
    run = subprocess.run(
        [
            str(BIN / "ansible"),
            "localhost",
            "-m",
            "ansible.builtin.debug",
            "-e",
            f"@{extra_vars}",
            "-a",
            "msg={{ raw | ipsecux.iosxe.parse_show('show crypto isakmp sa count') }}",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout.split("=>", 1)[1])["msg"] == {"isakmp_sa_count": COUNTS}


def test_ansible_doc_reads_the_filter_documentation(tmp_path: Path) -> None:
    env = _require_collection_path()
    run = subprocess.run(
        [str(BIN / "ansible-doc"), "-t", "filter", "--json", "ipsecux.iosxe.parse_show"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    doc = json.loads(run.stdout)["ipsecux.iosxe.parse_show"]["doc"]
    assert doc["positional"] == "command"
