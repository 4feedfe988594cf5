"""ipsec_facts and tech_support over ansible.netcommon.netconf against a reference router (issue 16).

Without tunnels the crypto-oper tables are empty; the live SA tables over NETCONF are compared with the
CLI in tests/integration/test_vpn_playbook_refrouter.py.
"""

from __future__ import annotations

from pathlib import Path

from netconf_harness import run_netconf, start_netconf_router
from refrouter_harness import require_refrouter

STARTUP = (
    "crypto isakmp policy 10\n encryption aes 256\n hash sha256\n authentication pre-share\n group 14\n"
    "crypto isakmp key Nc-Facts-Key address 192.0.2.2\n"
    "crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac\n mode tunnel\n"
)


def test_facts_over_netconf_serve_what_yang_has_and_refuse_the_rest(tmp_path: Path) -> None:
    require_refrouter()
    router = start_netconf_router(tmp_path / "router", STARTUP)
    try:
        run = run_netconf(
            router,
            tmp_path / "play",
            [
                {
                    "ipsecux.iosxe.ipsec_facts": {
                        "gather_network_resources": ["isakmp_policies", "isakmp_keys"]
                    }
                },
                {"ipsecux.iosxe.ipsec_facts": {"gather_subset": ["flowmib"]}, "ignore_errors": True},
                {
                    "ipsecux.iosxe.ipsec_facts": {"gather_subset": ["sa"], "vrf": "BLUE"},
                    "ignore_errors": True,
                },
                {"ipsecux.iosxe.tech_support": {}, "ignore_errors": True},
            ],
        )
    finally:
        router.stop()
    assert run.returncode == 0, run.stdout[-3000:]
    facts, flowmib, vrf, tech = run.results
    assert not facts.get("failed"), facts.get("msg")
    assert facts["commands"] == []
    assert facts["ansible_facts"]["ipsec"] == {"isakmp_sa": [], "ipsec_sa": []}
    resources = facts["ansible_facts"]["ansible_network_resources"]
    assert resources["isakmp_policies"] == [
        {"priority": 10, "encryption": "aes-256", "hash": "sha256", "authentication": "pre-share", "group": 14,
         "lifetime": 86400}
    ]  # fmt: skip
    assert resources["isakmp_keys"][0]["key"] == "********"
    left_out = "left out: config, defaults, sessions, isakmp_flowmib, ipsec_flowmib"
    assert any(left_out in str(warning) for warning in facts["warnings"])
    assert flowmib["failed"] is True
    assert flowmib["msg"].startswith(
        "gather_subset isakmp_flowmib, ipsec_flowmib: no YANG model of the device"
    )
    assert vrf["failed"] is True and vrf["msg"].startswith("vrf: the crypto-oper model identifies")
    assert tech["failed"] is True
    assert tech["msg"].startswith("show tech-support ipsec is a CLI command with no NETCONF counterpart")
    assert "unexpected keyword argument" not in run.stdout
    assert "Nc-Facts-Key" not in run.stdout
