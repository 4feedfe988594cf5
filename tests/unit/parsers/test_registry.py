"""Command normalisation and dispatch."""

from __future__ import annotations

import pytest
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.parsers.registry import (
    UnknownCommandError,
    merge_data,
    parse,
    resolve,
    supported_commands,
)

from .cases import output_of


@pytest.mark.parametrize(
    ("command", "canonical", "args"),
    [
        ("show crypto isakmp sa", "show crypto isakmp sa", {}),
        ("sh cry isa sa det", "show crypto isakmp sa detail", {}),
        ("SHOW CRYPTO ISAKMP SA DETAIL", "show crypto isakmp sa detail", {}),
        ("show crypto isakmp sa peer 1.2.3.4 detail", "show crypto isakmp sa detail", {"peer": "1.2.3.4"}),
        ("show crypto isakmp sa vrf BLUE detail", "show crypto isakmp sa detail", {"vrf": "BLUE"}),
        ("show crypto isakmp sa count vrf Red", "show crypto isakmp sa count", {"vrf": "Red"}),
        ("show crypto isakmp sa active", "show crypto isakmp sa", {"status": "active"}),
        (
            "show crypto isakmp sa detail | include 209.165.200.229.*ACTIVE",
            "show crypto isakmp sa detail",
            {},
        ),
        ("show crypto isakmp peers 192.0.2.2", "show crypto isakmp peers", {"address": "192.0.2.2"}),
        ("show crypto isakmp peer 1.1.1.2", "show crypto isakmp peers", {"address": "1.1.1.2"}),
        ("show crypto ipsec sa peer 17.0.1.1 detail", "show crypto ipsec sa detail", {"peer": "17.0.1.1"}),
        ("show crypto ipsec sa interface Gi0/0/1", "show crypto ipsec sa", {"interface": "Gi0/0/1"}),
        ("show crypto ipsec sa vrf X detail", "show crypto ipsec sa detail", {"vrf": "X"}),
        ("show crypto session remote 10.0.0.1 detail", "show crypto session detail", {"remote": "10.0.0.1"}),
        ("show crypto session ivrf BLUE detail", "show crypto session detail", {"ivrf": "BLUE"}),
        ("show crypto session fvrf INET detail", "show crypto session detail", {"fvrf": "INET"}),
        ("show crypto session local 4.4.4.1 detail", "show crypto session detail", {"local": "4.4.4.1"}),
        ("show crypto mib isakmp flowmib global", "show crypto mib isakmp flowmib global", {}),
        (
            "show crypto mib ike flowmib tunnel index 3 vrf RED",
            "show crypto mib isakmp flowmib tunnel",
            {"index": "3", "vrf": "RED"},
        ),
        (
            "show crypto mib isakmp flowmib peer index 2",
            "show crypto mib isakmp flowmib peer",
            {"index": "2"},
        ),
        ("sh crypto mib ipsec flowmib spi", "show crypto mib ipsec flowmib spi", {}),
        ("show crypto ipsec default transform-set", "show crypto ipsec default transform-set", {}),
        ("show crypto isakmp default policy", "show crypto isakmp default policy", {}),
        ("show version", "show version", {}),
        ("sh cry ikev2 sa det", "show crypto ikev2 sa detail", {}),
        (
            "show crypto ikev2 sa remote 192.0.2.2 detail",
            "show crypto ikev2 sa detail",
            {"remote": "192.0.2.2"},
        ),
        ("show crypto ikev2 session fvrf INET", "show crypto ikev2 session", {"fvrf": "INET"}),
        ("show crypto ikev2 stats", "show crypto ikev2 stats", {}),
        ("show interfaces", "show interfaces", {}),
        ("show crypto ikev2 proposal default", "show crypto ikev2 proposal", {"name": "default"}),
        ("sh cry ikev2 prop NGE-256", "show crypto ikev2 proposal", {"name": "NGE-256"}),
        ("sh int Tunnel10", "show interfaces", {"interface": "Tunnel10"}),
        ("show interfaces Tunnel 10", "show interfaces", {"interface": "Tunnel10"}),
        ("show interfaces Virtual-Access3", "show interfaces", {"interface": "Virtual-Access3"}),
        ("show tech-support ipsec peer 192.0.2.2", "show tech-support ipsec", {"peer": "192.0.2.2"}),
        ("show tech-support ipsec vrf RED", "show tech-support ipsec", {"vrf": "RED"}),
    ],
)
def test_resolve(command: str, canonical: str, args: dict[str, str]) -> None:
    resolved = resolve(command)
    assert resolved is not None
    assert (resolved.command, resolved.args) == (canonical, args)


@pytest.mark.parametrize(
    "command",
    [
        "show running-config",
        "show crypto session summary",
        "show crypto ruleset detail",
        "show processes cpu | include Crypto IKMP",
        "show crypto i sa",
        "show crypto",
        "",
        "crypto isakmp sa",
        "show crypto isakmp sa peer",
        "show interfaces Tunnel1 Tunnel2",
    ],
)
def test_unknown_commands(command: str) -> None:
    assert resolve(command) is None
    with pytest.raises(UnknownCommandError, match="no parser"):
        parse(command, "anything")


def test_supported_commands_lists_all_families() -> None:
    commands = supported_commands()
    assert len(commands) == 34
    assert "show crypto mib isakmp flowmib failure" in commands
    assert "show tech-support ipsec" in commands


def test_vrf_argument_names_rows_without_vrf_header() -> None:
    text = "  Index: 4\n  Local address: 192.0.2.1\n"
    rows = parse("show crypto mib ipsec flowmib tunnel index 4 vrf BLUE", text).data["flowmib"]["ipsec"][
        "tunnels"
    ]
    assert rows == [{"vrf": "BLUE", "index": 4, "local_address": "192.0.2.1"}]
    rows = parse("show crypto mib ipsec flowmib tunnel index 4", text).data["flowmib"]["ipsec"]["tunnels"]
    assert rows[0]["vrf"] == "Global"


def test_merged_flowmib_results_have_the_facts_shape() -> None:
    tables = {
        "isakmp": ("failure", "global", "history", "peer", "tunnel"),
        "ipsec": ("endpoint", "failure", "global", "history", "spi", "tunnel"),
    }
    results = [
        parse(
            f"show crypto mib {proto} flowmib {table}",
            output_of(f"show_crypto_mib_{proto}_flowmib_{table}", "refrouter"),
        ).data
        for proto, names in tables.items()
        for table in names
    ]
    flowmib = merge_data(*results)["flowmib"]
    assert {proto: sorted(leaves) for proto, leaves in flowmib.items()} == {
        "isakmp": ["failures", "global", "history", "peers", "tunnels"],
        "ipsec": ["endpoints", "failures", "global", "history", "spis", "tunnels"],
    }
    assert flowmib["isakmp"]["global"]["Global"]["active_tunnels"] == 1
    assert [row["spi_value"] for row in flowmib["ipsec"]["spis"]] == ["0x38150D5D", "0x9BCD7156"]


def test_merge_keeps_policies_of_both_policy_commands() -> None:
    user = {"isakmp_policies": [{"priority": 10}], "default_policies": []}
    defaults = {"default_policies": [{"priority": 65507}]}
    assert merge_data(user, defaults) == {
        "isakmp_policies": [{"priority": 10}],
        "default_policies": [{"priority": 65507}],
    }
