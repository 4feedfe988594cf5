"""ipsec_facts over ansible.netcommon.netconf (issue #15): the IKEv2 and tunnel subsets are refused by name,
saying what the crypto-oper model offers for them, and `all` names them among the subsets it leaves out."""

from __future__ import annotations

from pathlib import Path

from netconf_harness import run_netconf, start_netconf_router
from refrouter_harness import require_refrouter


def test_ikev2_and_tunnel_subsets_over_netconf(tmp_path: Path) -> None:
    require_refrouter()
    router = start_netconf_router(
        tmp_path / "router", "interface Tunnel1\n ip address 10.0.0.1 255.255.255.252\n"
    )
    try:
        run = run_netconf(
            router,
            tmp_path / "play",
            [
                {
                    "ipsecux.iosxe.ipsec_facts": {"gather_subset": ["ikev2_sa", "tunnel_interfaces"]},
                    "ignore_errors": True,
                },
                {"ipsecux.iosxe.ipsec_facts": {"gather_subset": ["all"]}},
            ],
        )
    finally:
        router.stop()
    assert run.returncode == 0, run.stdout[-3000:]
    refused, everything = run.results
    assert refused["failed"] is True
    assert refused["msg"].startswith("gather_subset ikev2_sa: Cisco-IOS-XE-crypto-oper has crypto-ikev2-sa")
    assert "gather_subset tunnel_interfaces: the crypto-oper model has no interface state" in refused["msg"]
    assert refused["commands"] == []
    assert everything["ansible_facts"]["ipsec"] == {"isakmp_sa": [], "ipsec_sa": []}
    assert any(
        str(warning).endswith(
            "left out: config, defaults, sessions, isakmp_flowmib, ipsec_flowmib, ikev2_sa, ikev2_session, "
            "tunnel_interfaces (gather them over ansible.netcommon.network_cli)"
        )
        for warning in everything["warnings"]
    )
