"""ipsecux.iosxe.ikev2_defaults over network_cli against the reference router (issue #15): turning smart
defaults off from a fresh router, a second run changes nothing, --check --diff sends nothing, deleted turns
them back on, and a refused change leaves the toggles as they were."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from refrouter_harness import require_refrouter, run_tasks, start_router

ALL_ON = {"proposal": True, "policy": True, "transform_set": True, "ipsec_profile": True}


def task(**args: Any) -> dict[str, Any]:
    return {"ipsecux.iosxe.ikev2_defaults": args}


def test_ikev2_defaults_against_the_reference_router(tmp_path: Path) -> None:
    require_refrouter()
    router = start_router(tmp_path / "router", "crypto ikev2 policy POL\n proposal default\n")
    tasks = [
        task(config={"policy": False, "ipsec_profile": False}),
        task(config={"policy": False, "ipsec_profile": False}),
        {**task(config={"transform_set": False}), "check_mode": True, "diff": True},
        {**task(config={"proposal": False}), "ignore_errors": True},
        task(state="gathered"),
        task(state="deleted"),
        task(state="gathered"),
    ]
    try:
        run = run_tasks(router, tmp_path, tasks)
    finally:
        router.stop()
    merged, again, check, refused, gathered, deleted, back = run.results
    assert merged["commands"] == ["no crypto ikev2 policy default", "no crypto ipsec profile default"]
    assert merged["after"] == {**ALL_ON, "policy": False, "ipsec_profile": False}
    assert (again["changed"], again["commands"]) == (False, [])
    assert check["changed"] is True and check["commands"] == ["no crypto ipsec transform-set default"]
    assert check["diff"]["prepared"].endswith("+no crypto ipsec transform-set default\n")
    assert refused["failed"] is True and "in use by policy POL" in refused["msg"]
    assert any("IKEv2 policies name it: POL" in str(w) for w in refused.get("warnings", []))
    assert gathered["gathered"] == {**ALL_ON, "policy": False, "ipsec_profile": False}
    assert deleted["commands"] == ["default crypto ikev2 policy", "default crypto ipsec profile"]
    assert back["gathered"] == ALL_ON
