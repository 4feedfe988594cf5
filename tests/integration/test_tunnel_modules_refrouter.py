"""The IKEv1/tunnel resource modules (ipsec_profiles, ...) over network_cli against the reference router:
merged from empty, a second run changes nothing, --check --diff sends nothing, deleted, and a device error
rolls the task back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from refrouter_harness import require_refrouter, run_tasks, start_router

SETS = (
    "crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac\n mode tunnel\n"
    "crypto ipsec transform-set TS2 esp-gcm 256\n mode tunnel\n"
)


def task(module: str, config: Any = None, state: str = "merged", **extra: Any) -> dict[str, Any]:
    args: dict[str, Any] = {"state": state} | ({"config": config} if config is not None else {})
    return {f"ipsecux.iosxe.{module}": args, **extra}


def test_ipsec_profiles_against_the_reference_router(tmp_path: Path) -> None:
    require_refrouter()
    router = start_router(tmp_path / "router", SETS)
    vti = {"name": "VTI", "transform_sets": ["TS2", "TS"], "pfs": "group14", "sa_lifetime": {"seconds": 3600}}
    tasks = [
        task("ipsec_profiles", [vti]),
        task("ipsec_profiles", [vti]),
        task("ipsec_profiles", [{"name": "VTI", "pfs": "group19"}], check_mode=True, diff=True),
        task(
            "ipsec_profiles",
            [{"name": "VTI", "pfs": "group21"}, {"name": "BAD", "transform_sets": ["NOPE"]}],
            ignore_errors=True,
        ),
        task("ipsec_profiles", state="gathered"),
        task("ipsec_profiles", [{"name": "VTI"}], state="deleted"),
        task("ipsec_profiles", state="gathered"),
    ]
    try:
        run = run_tasks(router, tmp_path, tasks)
    finally:
        router.stop()
    created, again, check, rejected, after_rollback, deleted, empty = run.results
    assert created["commands"] == [
        "crypto ipsec profile VTI",
        "set security-association lifetime seconds 3600",
        "set transform-set TS2 TS",
        "set pfs group14",
    ]
    assert created["after"] == [
        {"name": "VTI", "sa_lifetime": {"seconds": 3600}, "transform_sets": ["TS2", "TS"], "pfs": "group14"}
    ]
    assert not any("different" in str(warning) for warning in created.get("warnings", []))
    assert (again["changed"], again["commands"]) == (False, [])
    assert check["changed"] is True and check["commands"] == ["crypto ipsec profile VTI", "set pfs group19"]
    assert "- set pfs group14\n+ set pfs group19\n" in check["diff"]["prepared"]
    assert rejected["failed"] is True and 'transform set with tag "NOPE" does not exist' in rejected["msg"]
    assert rejected["rollback"]["restored"] is True
    assert after_rollback["gathered"] == created["after"]
    assert deleted["commands"] == ["no crypto ipsec profile VTI"]
    assert empty["gathered"] == []


KEYRINGS = (
    "crypto keyring K1 \n  pre-shared-key address 192.0.2.2 key Keyring-Secret-1\n"
    "crypto keyring K2 \n  pre-shared-key address 192.0.2.3 key Keyring-Secret-2\n"
)


def test_isakmp_profiles_against_the_reference_router(tmp_path: Path) -> None:
    require_refrouter()
    router = start_router(tmp_path / "router", KEYRINGS)
    branch = {
        "name": "BRANCH",
        "description": "branch peers",
        "keyrings": ["K1", "K2"],
        "match_identities": ["address 192.0.2.2", "host peer.example"],
        "keepalive": {"interval": 10, "retry": 3},
    }
    stored = branch | {"match_identities": ["address 192.0.2.2 255.255.255.255", "host peer.example"]}
    tasks = [
        task("isakmp_profiles", [branch]),
        task("isakmp_profiles", [branch]),
        task("isakmp_profiles", [{"name": "BRANCH", "keyrings": ["K2"]}], check_mode=True, diff=True),
        task(
            "isakmp_profiles",
            [{"name": "BRANCH", "initiate_aggressive": True}, {"name": "BAD", "keyrings": ["NOPE"]}],
            ignore_errors=True,
        ),
        task("isakmp_profiles", state="gathered"),
        task("isakmp_profiles", [{"name": "BRANCH"}], state="deleted"),
        task("isakmp_profiles", state="gathered"),
    ]
    try:
        run = run_tasks(router, tmp_path, tasks)
    finally:
        router.stop()
    created, again, check, rejected, after_rollback, deleted, empty = run.results
    assert created["commands"] == [
        "crypto isakmp profile BRANCH",
        "description branch peers",
        "keyring K1",
        "keyring K2",
        "match identity address 192.0.2.2 255.255.255.255",
        "match identity host peer.example",
        "keepalive 10 retry 3",
    ]
    assert created["after"] == [stored]
    assert not any("different" in str(warning) for warning in created.get("warnings", []))
    assert (again["changed"], again["commands"]) == (False, [])
    assert check["changed"] is True and check["commands"] == ["crypto isakmp profile BRANCH", "no keyring K1"]
    assert "-   keyring K1\n" in check["diff"]["prepared"]
    assert rejected["failed"] is True and "Keyring NOPE does not exist" in rejected["msg"]
    assert rejected["rollback"]["restored"] is True
    assert after_rollback["gathered"] == [stored]
    assert deleted["commands"] == ["no crypto isakmp profile BRANCH"]
    assert empty["gathered"] == []


def test_tunnel_interfaces_against_the_reference_router(tmp_path: Path) -> None:
    require_refrouter()
    router = start_router(tmp_path / "router", SETS + "crypto ipsec profile VTI\n set transform-set TS\n")
    tunnel = {
        "name": "Tunnel1",
        "address": "172.16.0.1",
        "mask": "255.255.255.252",
        "source": "GigabitEthernet1",
        "mode": "ipsec ipv4",
        "destination": "192.0.2.2",
        "protection": {"profile": "VTI"},
    }
    tasks = [
        task("tunnel_interfaces", [tunnel]),
        task("tunnel_interfaces", [tunnel]),
        task(
            "tunnel_interfaces", [{"name": "Tunnel1", "destination": "192.0.2.3"}], check_mode=True, diff=True
        ),
        task(
            "tunnel_interfaces",
            [
                {"name": "Tunnel1", "destination": "192.0.2.7"},
                {"name": "Tunnel2", "protection": {"profile": "NOPE"}},
            ],
            ignore_errors=True,
        ),
        task("tunnel_interfaces", state="gathered"),
        task("tunnel_interfaces", [{"name": "Tunnel1"}], state="deleted"),
        task("tunnel_interfaces", state="gathered"),
    ]
    try:
        run = run_tasks(router, tmp_path, tasks)
    finally:
        router.stop()
    created, again, check, rejected, after_rollback, deleted, empty = run.results
    assert created["commands"] == [
        "interface Tunnel1",
        "ip address 172.16.0.1 255.255.255.252",
        "tunnel source GigabitEthernet1",
        "tunnel mode ipsec ipv4",
        "tunnel destination 192.0.2.2",
        "tunnel protection ipsec profile VTI",
        "exit",
    ]
    assert created["after"] == [tunnel]
    assert not any("different" in str(warning) for warning in created.get("warnings", []))
    assert (again["changed"], again["commands"]) == (False, [])
    assert check["changed"] is True
    assert check["commands"] == ["interface Tunnel1", "tunnel destination 192.0.2.3", "exit"]
    assert "- tunnel destination 192.0.2.2\n+ tunnel destination 192.0.2.3\n" in check["diff"]["prepared"]
    assert rejected["failed"] is True and "IPSEC profile NOPE does not exist" in rejected["msg"]
    assert rejected["rollback"]["restored"] is True
    assert after_rollback["gathered"] == [tunnel]
    assert deleted["commands"] == ["no interface Tunnel1"]
    assert empty["gathered"] == []


def test_keyrings_against_the_reference_router(tmp_path: Path) -> None:
    require_refrouter()
    router = start_router(tmp_path / "router")
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
    rotate = {"name": "BRANCH", "keys": [{"address": "192.0.2.2", "key": "Rotated-Secret-3"}]}
    tasks = [
        task("keyrings", [keyring]),
        task("keyrings", [keyring]),
        task("keyrings", [rotate], check_mode=True, diff=True),
        task(
            "keyrings",
            [{"name": "BRANCH", "description": "changed"}, {"name": "BAD", "vrf": "NOPE"}],
            ignore_errors=True,
        ),
        task("keyrings", state="gathered"),
        task("keyrings", [{"name": "BRANCH"}], state="deleted"),
        task("keyrings", state="gathered"),
    ]
    try:
        run = run_tasks(router, tmp_path, tasks, verbosity=3)
    finally:
        router.stop()
    created, again, check, rejected, after_rollback, deleted, empty = run.results
    for secret in ("Branch-Secret-2", "Host-Secret-9", "Rotated-Secret-3"):
        assert secret not in run.stdout, secret
        assert secret not in str(run.results), secret
    assert created["commands"] == [
        "crypto keyring BRANCH",
        "description branch keys",
        "pre-shared-key address 192.0.2.2 key ********",
        "pre-shared-key hostname peer.example key ********",
    ]
    assert created["after"] == [masked]
    assert not any("different" in str(warning) for warning in created.get("warnings", []))
    assert (again["changed"], again["commands"]) == (False, [])
    assert check["changed"] is True
    assert check["commands"] == ["crypto keyring BRANCH", "pre-shared-key address 192.0.2.2 key ********"]
    assert "+  pre-shared-key address 192.0.2.2 key ********(changed)\n" in check["diff"]["prepared"]
    assert rejected["failed"] is True and "VRF NOPE does not exist" in rejected["msg"]
    assert rejected["rollback"]["restored"] is True
    assert after_rollback["gathered"] == [masked]
    assert deleted["commands"] == ["no crypto keyring BRANCH"]
    assert empty["gathered"] == []
