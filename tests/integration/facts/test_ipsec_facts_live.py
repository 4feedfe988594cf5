"""ipsec_facts and tech_support against live tunnels: the facts equal what the router's own show commands
print at that moment (read by Genie, a parser nobody here wrote), and tech_support returns every section
the seed lists, for all three variants."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest

from .labrun import Lab, configure_seed, dump_facts_play, load, start_two_site

show_crypto = pytest.importorskip("genie.libs.parser.iosxe.show_crypto", reason="genie parsers not installed")

SEED = Path(__file__).resolve().parents[3] / "labs"
TECH_PLAIN = [
    "show version",
    "show running-config",
    "show crypto isakmp sa count",
    "show crypto ipsec sa count",
    "show crypto session summary",
    "show crypto session detail",
    "show crypto isakmp sa detail",
    "show crypto ipsec sa detail",
    "show crypto isakmp peers",
    "show crypto ruleset detail",
    "show processes memory | include Crypto IKMP",
    "show processes cpu | include Crypto IKMP",
    "show crypto eli",
    "show crypto engine accelerator statistic",
]
TECH_PEER = [
    "show version",
    "show running-config",
    "show crypto session remote {p} detail",
    "show crypto isakmp sa peer {p} detail",
    "show crypto ipsec sa peer {p} detail",
    "show crypto isakmp peers {p}",
    "show crypto ruleset detail",
    "show processes memory | include Crypto IKMP",
    "show processes cpu | include Crypto IKMP",
    "show crypto eli",
    "show crypto engine accelerator statistic",
]
TECH_VRF = [
    "show version",
    "show running-config",
    "show crypto isakmp sa count vrf {v}",
    "show crypto ipsec sa count vrf {v}",
    "show crypto session ivrf {v} detail",
    "show crypto session fvrf {v} detail",
    "show crypto isakmp sa vrf {v} detail",
    "show crypto ipsec sa vrf {v} detail",
    "show crypto ruleset detail",
    "show processes memory | include Crypto IKMP",
    "show processes cpu | include Crypto IKMP",
    "show crypto eli",
    "show crypto engine accelerator statistic",
]


class ParserDevice:
    name = "refrouter"
    os = "iosxe"
    custom: ClassVar[dict[str, Any]] = {}


def genie(parser: str, output: str) -> dict[str, Any]:
    return dict(getattr(show_crypto, parser)(device=ParserDevice()).parse(output=output))


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    tmp = tmp_path_factory.mktemp("facts")
    lab = start_two_site(tmp)
    try:
        configure_seed(lab)
        pagent = lab.ssh("PagentA")
        try:
            first = pagent.send_command("ping 209.165.200.225 source Loopback0", read_timeout=60)
            pagent.send_command("ping 209.165.200.225 source Loopback0 repeat 10", read_timeout=60)
        finally:
            pagent.disconnect()
        assert ".!!!!" in first, first
        facts_file, dest_dir = tmp / "facts.json", tmp / "tech"
        tasks = [
            {"name": "facts", "ipsecux.iosxe.ipsec_facts": {}, "register": "facts"},
            {
                "name": "tech",
                "ipsecux.iosxe.tech_support": {"dest": str(dest_dir) + "/{{ inventory_hostname }}.txt"},
                "register": "tech",
            },
            {
                "name": "tech peer",
                "ipsecux.iosxe.tech_support": {"peer": "{{ peer }}"},
                "register": "tech_peer",
            },
            {"name": "tech vrf", "ipsecux.iosxe.tech_support": {"vrf": "BLUE"}, "register": "tech_vrf"},
        ]
        hosts = ["RouterA", "RouterB"]
        plays = [
            {
                "hosts": "RouterA,RouterB",
                "gather_facts": False,
                "vars": {
                    "peer": "{{ '209.165.200.226' if inventory_hostname == 'RouterA' else '209.165.200.228' }}"
                },
                "tasks": tasks,
            },
            dump_facts_play(hosts, facts_file, ["facts", "tech", "tech_peer", "tech_vrf"]),
        ]
        run = lab.playbook(tmp, plays)
        assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
        shows = {
            router: lab.show(
                router,
                "show crypto mib ipsec flowmib global",
                "show crypto mib ipsec flowmib tunnel",
                "show crypto ipsec sa",
                "show crypto isakmp sa",
                "show crypto session detail",
            )
            for router in hosts
        }
        yield {
            "lab": lab,
            "results": load(facts_file),
            "shows": shows,
            "dest": dest_dir,
            "stdout": run.stdout,
        }
    finally:
        lab.refrouter("down")


def test_tunnel_counts_and_octets_equal_the_routers_flowmib(live: dict[str, Any]) -> None:
    for router in ("RouterA", "RouterB"):
        facts = live["results"][router]["facts"]["ansible_facts"]["ipsec"]
        shown = live["shows"][router]
        global_show = genie("ShowCryptoMibIpsecFlowmibGlobal", shown["show crypto mib ipsec flowmib global"])
        shown_global = global_show["ipsec_flowmib_global"]["Global"]
        mine = facts["flowmib"]["ipsec"]["global"]["Global"]
        assert mine["active_tunnels"] == shown_global["active_tunnels"] == 1
        assert mine["in_octets"] == shown_global["in_octets"] > 0
        assert mine["out_octets"] == shown_global["out_octets"] > 0
        assert mine["in_packets"] == shown_global["in_packets"]
        tunnel_show = genie("ShowCryptoMibIpsecFlowmibTunnel", shown["show crypto mib ipsec flowmib tunnel"])
        shown_tunnel = tunnel_show["ipsec_flowmib_tunnel"]["Global"]["1"]
        [mine_tunnel] = facts["flowmib"]["ipsec"]["tunnels"]
        assert mine_tunnel["vrf"] == "Global"
        for key in (
            "local_address",
            "remote_address",
            "in_octets",
            "out_octets",
            "in_packets",
            "out_packets",
        ):
            assert str(mine_tunnel[key]) == str(shown_tunnel[key]), key


def test_encrypts_on_one_side_equal_decrypts_on_the_other(live: dict[str, Any]) -> None:
    a = live["results"]["RouterA"]["facts"]["ansible_facts"]["ipsec"]["flowmib"]["ipsec"]["global"]["Global"]
    b = live["results"]["RouterB"]["facts"]["ansible_facts"]["ipsec"]["flowmib"]["ipsec"]["global"]["Global"]
    assert a["out_encrypts"] == b["in_decrypts"] >= 14
    assert b["out_encrypts"] == a["in_decrypts"] >= 14


def test_spis_and_peers_equal_show_crypto_ipsec_sa(live: dict[str, Any]) -> None:
    for router, peer in (("RouterA", "209.165.200.226"), ("RouterB", "209.165.200.228")):
        shown = genie("ShowCryptoIpsecSa", live["shows"][router]["show crypto ipsec sa"])
        shown_spis = set(re.findall(r"spi: (0x[0-9A-F]+)", live["shows"][router]["show crypto ipsec sa"]))
        facts = live["results"][router]["facts"]["ansible_facts"]["ipsec"]
        assert shown["interface"]["GigabitEthernet1"]["crypto_map_tag"] == "testmap"
        fact_spis = {row["spi_value"] for row in facts["flowmib"]["ipsec"]["spis"]}
        assert {s.upper().replace("0X", "0x") for s in fact_spis} == shown_spis
        [session] = (
            facts["sessions"] if isinstance(facts["sessions"], list) else list(facts["sessions"].values())
        )
        assert peer in str(session)
        [isakmp] = facts["isakmp_sa"]  # detail rows, with the state taken from the plain table
        assert (isakmp["status"], isakmp["state"], isakmp["remote"]) == ("ACTIVE", "QM_IDLE", peer)


def test_policy_in_use_is_the_psk_default_suite(live: dict[str, Any]) -> None:
    facts = live["results"]["RouterA"]["facts"]["ansible_facts"]["ipsec"]
    [tunnel] = facts["flowmib"]["isakmp"]["tunnels"]
    assert tunnel["policy_priority"] == 65508
    assert [p["priority"] for p in facts["default_policies"]] == list(range(65507, 65515))


@pytest.mark.parametrize(
    ("variant", "expected"), [("tech", TECH_PLAIN), ("tech_peer", TECH_PEER), ("tech_vrf", TECH_VRF)]
)
def test_tech_support_returns_every_seed_section_in_order(
    live: dict[str, Any], variant: str, expected: list[str]
) -> None:
    for router, peer in (("RouterA", "209.165.200.226"), ("RouterB", "209.165.200.228")):
        result = live["results"][router][variant]
        wanted = [c.format(p=peer, v="BLUE") for c in expected]
        assert [c for c in result["order"] if c != "preamble"] == wanted
        # every section is either parsed or listed as unparsed (in device order), nothing else
        assert set(result["parsed"]) <= set(wanted)
        assert result["unparsed"] == [c for c in wanted if c not in result["parsed"]]
        assert "show crypto isakmp sa detail" in result["parsed"] or variant != "tech"


def test_tech_support_dest_file_and_secrets(live: dict[str, Any]) -> None:
    text = (live["dest"] / "RouterA.txt").read_text()
    assert live["results"]["RouterA"]["tech"]["changed"] is True  # it wrote a new file
    assert live["results"]["RouterA"]["tech_peer"]["changed"] is False  # no dest: nothing changed
    assert "------------------ show crypto eli ------------------" in text
    assert "crypto isakmp key identity" not in text
    assert "identity" not in live["stdout"]
    assert (
        "crypto isakmp key ********" in live["results"]["RouterA"]["tech"]["sections"]["show running-config"]
    )


def test_tech_support_dest_is_not_written_in_check_mode(live: dict[str, Any], tmp_path: Path) -> None:
    lab: Lab = live["lab"]
    dest, out = tmp_path / "never.txt", tmp_path / "check.json"
    plays = [
        {
            "hosts": "RouterA",
            "gather_facts": False,
            "check_mode": True,
            "tasks": [{"ipsecux.iosxe.tech_support": {"dest": str(dest)}, "register": "tech"}],
        },
        dump_facts_play(["RouterA"], out, ["tech"]),
    ]
    run = lab.playbook(tmp_path, plays)
    assert run.returncode == 0, run.stdout[-3000:]
    result = load(out)["RouterA"]["tech"]
    assert not dest.exists()
    assert result["changed"] is True  # the file would be written
    assert result["msg"] == f"check mode: {dest} not written"
    assert result["order"][:2] == ["show version", "show running-config"]  # the command still ran


def test_gathered_on_the_controller_with_the_modules_checks_and_only_the_subsets_commands(
    live: dict[str, Any], tmp_path: Path
) -> None:
    """Over network_cli the action plugin gathers: a bad subset or resource name fails with a clear message,
    `sessions` alone runs its one command, and its sessions are the peers and statuses the router's own
    `show crypto session detail` prints, in its order."""
    lab: Lab = live["lab"]
    out = tmp_path / "subsets.json"
    names = ["bad_subset", "bad_resource", "sessions"]
    plays = [
        {"hosts": "RouterA", "gather_facts": False, "tasks": [
            {"ipsecux.iosxe.ipsec_facts": {"gather_subset": ["bogus"]}, "register": names[0], "ignore_errors": True},
            {"ipsecux.iosxe.ipsec_facts": {"gather_subset": ["!all"], "gather_network_resources": ["nope"]},
             "register": names[1], "ignore_errors": True},
            {"ipsecux.iosxe.ipsec_facts": {"gather_subset": ["sessions"]}, "register": names[2]},
        ]},
        dump_facts_play(["RouterA"], out, names),
    ]
    run = lab.playbook(tmp_path, plays)
    assert run.returncode == 0, run.stdout[-3000:]
    result = load(out)["RouterA"]
    assert result["bad_subset"]["failed"] is True
    assert result["bad_subset"]["msg"].startswith("gather_subset: unknown subset(s) ['bogus']; choose from")
    assert result["bad_resource"]["failed"] is True
    assert "gather_network_resources" in result["bad_resource"]["msg"] and "nope" in result["bad_resource"]["msg"]
    assert result["sessions"]["commands"] == ["show crypto session detail"]
    facts = result["sessions"]["ansible_facts"]["ipsec"]
    assert list(facts) == ["sessions"]
    shown = lab.show("RouterA", "show crypto session detail")["show crypto session detail"]
    expected = list(zip(re.findall(r"^Peer: (\S+) port", shown, re.MULTILINE),
                        re.findall(r"^Session status: (\S+)", shown, re.MULTILINE), strict=True))
    assert [(s["peer"], s["session_status"]) for s in facts["sessions"]] == expected != []


def test_failure_reasons_equal_the_routers_history_tables(live: dict[str, Any], tmp_path: Path) -> None:
    """Runs last in this module: clears the tunnel, then compares history/failure rows."""
    lab: Lab = live["lab"]
    conn = lab.ssh("RouterA")
    try:
        conn.send_command("clear crypto session")
    finally:
        conn.disconnect()
    out = tmp_path / "flowmib.json"
    plays = [
        {
            "hosts": "RouterA",
            "gather_facts": False,
            "tasks": [{"ipsecux.iosxe.ipsec_facts": {"gather_subset": ["flowmib"]}, "register": "fm"}],
        },
        dump_facts_play(["RouterA"], out, ["fm"]),
    ]
    run = lab.playbook(tmp_path, plays)
    assert run.returncode == 0, run.stdout[-3000:]
    flowmib = load(out)["RouterA"]["fm"]["ansible_facts"]["ipsec"]["flowmib"]
    shown = lab.show(
        "RouterA",
        "show crypto mib ipsec flowmib history",
        "show crypto mib isakmp flowmib failure",
        "show crypto mib ipsec flowmib global",
    )

    def reasons(text: str) -> list[str]:
        return [m.strip() for m in re.findall(r"Reason:\s*(.+)", text)]

    assert (
        [row["reason"] for row in flowmib["ipsec"]["history"]]
        == reasons(shown["show crypto mib ipsec flowmib history"])
        != []
    )
    assert [row["reason"] for row in flowmib["isakmp"]["failures"]] == reasons(
        shown["show crypto mib isakmp flowmib failure"]
    )
    global_show = genie("ShowCryptoMibIpsecFlowmibGlobal", shown["show crypto mib ipsec flowmib global"])
    assert (
        flowmib["ipsec"]["global"]["Global"]["previous_tunnels"]
        == (global_show["ipsec_flowmib_global"]["Global"]["previous_tunnels"])
        == 1
    )
