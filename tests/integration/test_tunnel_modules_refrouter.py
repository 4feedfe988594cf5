"""The IKEv1/tunnel resource modules (ipsec_profiles, ...) over network_cli against the reference router:
merged from empty, a second run changes nothing, --check --diff sends nothing, deleted, and a device error
rolls the task back."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from refrouter_harness import require_refrouter, run_tasks, start_router

SETS = (
    "crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac\n mode tunnel\n"
    "crypto ipsec transform-set TS2 esp-gcm 256\n mode tunnel\n"
)


def task(module: str, config: Any = None, state: str = "merged", **extra: Any) -> dict[str, Any]:
    args: dict[str, Any] = {"state": state} | ({"config": config} if config is not None else {})
    return {f"ipsecux.iosxe.{module}": args, **extra}


class Lifecycle(NamedTuple):
    """The results of one module's life on a fresh router (see run_lifecycle)."""

    created: dict[str, Any]
    again: dict[str, Any]
    check: dict[str, Any]
    rejected: dict[str, Any]
    after_rollback: dict[str, Any]
    deleted: dict[str, Any]
    empty: dict[str, Any]
    stdout: str


def run_lifecycle(
    tmp_path: Path,
    startup: str,
    module: str,
    config: list[dict[str, Any]],
    change: list[dict[str, Any]],
    refused: list[dict[str, Any]],
    verbosity: int = 0,
) -> Lifecycle:
    """On a router booted with ``startup``: merge ``config``, merge it again, ``change`` in check+diff mode,
    merge ``refused`` (its last item names an object the device lacks), gather, delete ``config``'s first
    object, gather."""
    require_refrouter()
    router = start_router(tmp_path / "router", startup)
    tasks = [
        task(module, config),
        task(module, config),
        task(module, change, check_mode=True, diff=True),
        task(module, refused, ignore_errors=True),
        task(module, state="gathered"),
        task(module, [{"name": config[0]["name"]}], state="deleted"),
        task(module, state="gathered"),
    ]
    try:
        run = run_tasks(router, tmp_path, tasks, verbosity=verbosity)
    finally:
        router.stop()
    return Lifecycle(*run.results, stdout=run.stdout)


def assert_lifecycle(life: Lifecycle, stored: list[dict[str, Any]], refusal: str, deleted: list[str]) -> None:
    """What holds for every resource: the merge stores ``stored`` with no device/intent mismatch, a second run
    changes nothing, check mode changes something, the device's ``refusal`` fails the task and is rolled back to
    ``stored``, and delete sends ``deleted`` and leaves nothing."""
    assert life.created["after"] == stored
    assert not any("different" in str(warning) for warning in life.created.get("warnings", []))
    assert (life.again["changed"], life.again["commands"]) == (False, [])
    assert life.check["changed"] is True
    assert life.rejected["failed"] is True and refusal in life.rejected["msg"]
    assert life.rejected["rollback"]["restored"] is True
    assert life.after_rollback["gathered"] == stored
    assert life.deleted["commands"] == deleted
    assert life.empty["gathered"] == []


def test_ipsec_profiles_against_the_reference_router(tmp_path: Path) -> None:
    vti = {"name": "VTI", "transform_sets": ["TS2", "TS"], "pfs": "group14", "sa_lifetime": {"seconds": 3600}}
    life = run_lifecycle(
        tmp_path,
        SETS,
        "ipsec_profiles",
        [vti],
        change=[{"name": "VTI", "pfs": "group19"}],
        refused=[{"name": "VTI", "pfs": "group21"}, {"name": "BAD", "transform_sets": ["NOPE"]}],
    )
    assert life.created["commands"] == [
        "crypto ipsec profile VTI",
        "set security-association lifetime seconds 3600",
        "set transform-set TS2 TS",
        "set pfs group14",
    ]
    stored = [{"name": "VTI", "sa_lifetime": {"seconds": 3600}, "transform_sets": ["TS2", "TS"], "pfs": "group14"}]
    assert_lifecycle(life, stored, 'transform set with tag "NOPE" does not exist', ["no crypto ipsec profile VTI"])
    assert life.check["commands"] == ["crypto ipsec profile VTI", "set pfs group19"]
    assert "- set pfs group14\n+ set pfs group19\n" in life.check["diff"]["prepared"]


KEYRINGS = (
    "crypto keyring K1 \n  pre-shared-key address 192.0.2.2 key Keyring-Secret-1\n"
    "crypto keyring K2 \n  pre-shared-key address 192.0.2.3 key Keyring-Secret-2\n"
)


def test_isakmp_profiles_against_the_reference_router(tmp_path: Path) -> None:
    branch = {
        "name": "BRANCH",
        "description": "branch peers",
        "keyrings": ["K1", "K2"],
        "match_identities": ["address 192.0.2.2", "host peer.example"],
        "keepalive": {"interval": 10, "retry": 3},
    }
    life = run_lifecycle(
        tmp_path,
        KEYRINGS,
        "isakmp_profiles",
        [branch],
        change=[{"name": "BRANCH", "keyrings": ["K2"]}],
        refused=[{"name": "BRANCH", "initiate_aggressive": True}, {"name": "BAD", "keyrings": ["NOPE"]}],
    )
    assert life.created["commands"] == [
        "crypto isakmp profile BRANCH",
        "description branch peers",
        "keyring K1",
        "keyring K2",
        "match identity address 192.0.2.2 255.255.255.255",
        "match identity host peer.example",
        "keepalive 10 retry 3",
    ]
    stored = branch | {"match_identities": ["address 192.0.2.2 255.255.255.255", "host peer.example"]}
    assert_lifecycle(life, [stored], "Keyring NOPE does not exist", ["no crypto isakmp profile BRANCH"])
    assert life.check["commands"] == ["crypto isakmp profile BRANCH", "no keyring K1"]
    assert "-   keyring K1\n" in life.check["diff"]["prepared"]


def test_tunnel_interfaces_against_the_reference_router(tmp_path: Path) -> None:
    tunnel = {
        "name": "Tunnel1",
        "address": "172.16.0.1",
        "mask": "255.255.255.252",
        "source": "GigabitEthernet1",
        "mode": "ipsec ipv4",
        "destination": "192.0.2.2",
        "protection": {"profile": "VTI"},
    }
    life = run_lifecycle(
        tmp_path,
        SETS + "crypto ipsec profile VTI\n set transform-set TS\n",
        "tunnel_interfaces",
        [tunnel],
        change=[{"name": "Tunnel1", "destination": "192.0.2.3"}],
        refused=[
            {"name": "Tunnel1", "destination": "192.0.2.7"},
            {"name": "Tunnel2", "protection": {"profile": "NOPE"}},
        ],
    )
    assert life.created["commands"] == [
        "interface Tunnel1",
        "ip address 172.16.0.1 255.255.255.252",
        "tunnel source GigabitEthernet1",
        "tunnel mode ipsec ipv4",
        "tunnel destination 192.0.2.2",
        "tunnel protection ipsec profile VTI",
        "exit",
    ]
    assert_lifecycle(life, [tunnel], "IPSEC profile NOPE does not exist", ["no interface Tunnel1"])
    assert life.check["commands"] == ["interface Tunnel1", "tunnel destination 192.0.2.3", "exit"]
    assert "- tunnel destination 192.0.2.2\n+ tunnel destination 192.0.2.3\n" in life.check["diff"]["prepared"]


def test_keyrings_against_the_reference_router(tmp_path: Path) -> None:
    keyring = {
        "name": "BRANCH",
        "description": "branch keys",
        "keys": [
            {"address": "192.0.2.2", "key": "Branch-Secret-2"},
            {"hostname": "peer.example", "key": "Host-Secret-9"},
        ],
    }
    masked = keyring | {
        "keys": [{"address": "192.0.2.2", "key": "********"}, {"hostname": "peer.example", "key": "********"}]
    }
    life = run_lifecycle(
        tmp_path,
        "",
        "keyrings",
        [keyring],
        change=[{"name": "BRANCH", "keys": [{"address": "192.0.2.2", "key": "Rotated-Secret-3"}]}],
        refused=[{"name": "BRANCH", "description": "changed"}, {"name": "BAD", "vrf": "NOPE"}],
        verbosity=3,
    )
    for secret in ("Branch-Secret-2", "Host-Secret-9", "Rotated-Secret-3"):
        assert secret not in life.stdout, secret
        assert secret not in str(life), secret
    assert life.created["commands"] == [
        "crypto keyring BRANCH",
        "description branch keys",
        "pre-shared-key address 192.0.2.2 key ********",
        "pre-shared-key hostname peer.example key ********",
    ]
    assert_lifecycle(life, [masked], "VRF NOPE does not exist", ["no crypto keyring BRANCH"])
    assert life.check["commands"] == ["crypto keyring BRANCH", "pre-shared-key address 192.0.2.2 key ********"]
    assert "+  pre-shared-key address 192.0.2.2 key ********(changed)\n" in life.check["diff"]["prepared"]
