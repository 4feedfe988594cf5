"""`refrouter lab export --containerlab`: topologies that containerlab's published schema accepts."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import regex
import yaml
from podmanlab import REFROUTER

from refrouter.lab.topologies import hub_and_spoke
from refrouter.lab.wiring import parse_link_endpoint

REPO = Path(__file__).resolve().parents[3]
SCHEMA_PATH = REPO.parent / "shared" / "reference" / "containerlab" / "clab.schema.json"
TWO_SITE = REPO / "labs" / "two_site.yml"


def _pattern(validator: Any, pattern: str, instance: Any, schema: dict[str, Any]) -> Any:
    """containerlab's patterns use Go's \\p{L}/\\p{N}; Python's `re` lacks them, the `regex` module has them."""
    if isinstance(instance, str) and not regex.search(pattern, instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


ClabValidator = jsonschema.validators.extend(jsonschema.Draft7Validator, {"pattern": _pattern})


@pytest.fixture(scope="module")
def validator() -> Any:
    if not SCHEMA_PATH.exists():
        pytest.skip(f"containerlab schema not found at {SCHEMA_PATH}")
    return ClabValidator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def export(lab_file: Path, output: Path) -> dict[str, Any]:
    result = subprocess.run([str(REFROUTER), "lab", "export", "--containerlab", str(lab_file), "--output", str(output)],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return yaml.safe_load(output.read_text(encoding="utf-8"))


def errors(validator: Any, topology: dict[str, Any]) -> list[str]:
    return [f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(topology)]


def test_two_site_export_validates_and_keeps_the_lab(validator: Any, tmp_path: Path) -> None:
    topology = export(TWO_SITE, tmp_path / "two_site.clab.yml")
    assert errors(validator, topology) == []
    lab = yaml.safe_load(TWO_SITE.read_text(encoding="utf-8"))
    nodes = topology["topology"]["nodes"]
    assert list(nodes) == list(lab["routers"])
    assert nodes["RouterA"]["ports"] == ["127.0.0.1:10022:22", "127.0.0.1:10830:830"]
    assert nodes["PagentA"]["env"]["REFROUTER_STARTUP_CONFIG"] == lab["routers"]["PagentA"]["startup_config"]
    assert topology["topology"]["links"] == [
        {"endpoints": ["RouterA:eth1", "RouterB:eth1"]},
        {"endpoints": ["RouterA:eth2", "PagentA:eth1"]},
        {"endpoints": ["RouterB:eth2", "PagentB:eth1"]},
    ]
    links = [parse_link_endpoint(text) for text in nodes["RouterA"]["env"]["REFROUTER_LINKS"].split()]
    assert [(link.interface, link.peers) for link in links] == [
        ("GigabitEthernet1", (("clab-two_site-RouterB", 4001),)),
        ("GigabitEthernet2", (("clab-two_site-PagentA", 4001),)),
    ]


def test_credentials_stay_out_of_the_topology(validator: Any, tmp_path: Path) -> None:
    lab_file = tmp_path / "secret_lab.yml"
    data = hub_and_spoke(2) | {"credentials": {"username": "ops", "password": "Pw-7f3a", "enable_secret": "En-9c1d"}}
    lab_file.write_text(yaml.safe_dump(data), encoding="utf-8")
    output = tmp_path / "secret_lab.clab.yml"
    topology = export(lab_file, output)
    assert errors(validator, topology) == []
    assert "Pw-7f3a" not in output.read_text() and "En-9c1d" not in output.read_text()
    env_file = tmp_path / "secret_lab.clab.env"
    assert env_file.read_text().splitlines() == [
        "REFROUTER_USERNAME=ops", "REFROUTER_PASSWORD=Pw-7f3a", "REFROUTER_ENABLE_SECRET=En-9c1d"]
    assert env_file.stat().st_mode & 0o777 == 0o600
    assert topology["topology"]["nodes"]["Hub"]["env-files"] == ["secret_lab.clab.env"]


def test_a_shared_hub_interface_becomes_one_veth_per_link(validator: Any, tmp_path: Path) -> None:
    lab_file = tmp_path / "hub_spoke.yml"
    lab_file.write_text(yaml.safe_dump(hub_and_spoke(20)), encoding="utf-8")
    topology = export(lab_file, tmp_path / "hub_spoke.clab.yml")
    assert errors(validator, topology) == []
    hub = topology["topology"]["nodes"]["Hub"]
    assert hub["labels"]["io.ipsecux.refrouter.veths"].split() == [f"eth{i}=GigabitEthernet1" for i in range(1, 21)]
    (hub_link,) = [parse_link_endpoint(text) for text in hub["env"]["REFROUTER_LINKS"].split()]
    assert [host for host, _ in hub_link.peers] == [f"clab-hub_spoke-Spoke{i}" for i in range(1, 21)]
    assert len(topology["topology"]["links"]) == 20


def test_the_schema_check_rejects_a_broken_topology(validator: Any, tmp_path: Path) -> None:
    topology = export(TWO_SITE, tmp_path / "two_site.clab.yml")
    topology["topology"]["nodes"]["RouterA"]["kind"] = "refrouter"
    topology["topology"]["nodes"]["RouterB"]["ports"] = ["localhost:10023:22"]
    found = errors(validator, topology)
    assert any("kind" in error for error in found), found
    assert any("ports" in error for error in found), found
