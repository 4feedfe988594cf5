"""The command grammar of the operational crypto shows: both MIB keywords, filters, abbreviations,
privilege, and the same text over SSH as in-process."""

from __future__ import annotations

import asyncio

import pytest
from clishell import privileged_shell

from refrouter.cli.session import CliSession

from .showlab import PEER_A, PEER_B, ShowLab

IKE_TABLES = ("failure", "global", "history", "peer", "tunnel")
IPSEC_TABLES = ("endpoint", "failure", "global", "history", "spi", "tunnel")


def test_ike_is_accepted_for_isakmp(history_lab: ShowLab) -> None:
    for table in IKE_TABLES:
        isakmp, ike = history_lab.shows("RouterA", f"show crypto mib isakmp flowmib {table}",
                                        f"show crypto mib ike flowmib {table}")
        assert isakmp == ike and isakmp.startswith("vrf Global\n") and len(isakmp.splitlines()) > 1, table


@pytest.mark.parametrize(
    "table", [f"isakmp flowmib {t}" for t in IKE_TABLES] + [f"ipsec flowmib {t}" for t in IPSEC_TABLES]
)
def test_vrf_filter(history_lab: ShowLab, table: str) -> None:
    everything, global_only, other = history_lab.shows(
        "RouterA",
        f"show crypto mib {table}",
        f"show crypto mib {table} vrf Global",
        f"show crypto mib {table} vrf INET",
    )
    assert global_only == everything  # the lab's crypto runs in the global table only
    header, *rows = other.splitlines()
    assert header == "vrf INET"
    if table.endswith("global"):  # the counters of a VRF without crypto traffic are all zero
        assert rows and all(row.split(":")[1].strip() == "0" for row in rows if row)
    else:
        assert rows == []


@pytest.mark.parametrize("table", ["isakmp flowmib tunnel", "isakmp flowmib peer", "ipsec flowmib tunnel"])
def test_index_filter(seed_lab: ShowLab, table: str) -> None:
    everything, first, absent = seed_lab.shows(
        "RouterA",
        f"show crypto mib {table}",
        f"show crypto mib {table} index 1",
        f"show crypto mib {table} index 7 vrf Global",
    )
    assert first == everything and "Index:" in first
    assert absent == "vrf Global\n"


def test_sa_filters(seed_lab: ShowLab) -> None:
    outputs = seed_lab.shows(
        "RouterA",
        "show crypto isakmp sa",
        f"show crypto isakmp sa peer {PEER_B}",
        f"show crypto isakmp sa peer {PEER_A}",
        "show crypto ipsec sa",
        "show crypto ipsec sa interface GigabitEthernet1",
        f"show crypto ipsec sa peer {PEER_B}",
        "show crypto ipsec sa interface GigabitEthernet2",
        f"show crypto ipsec sa peer {PEER_A}",
        "show crypto ipsec sa vrf INET detail",
        "show crypto ipsec sa count vrf INET",
        "show crypto isakmp sa count vrf INET",
    )
    isakmp, isakmp_peer, isakmp_other, ipsec, ipsec_iface, ipsec_peer, *empty, count_vrf, isakmp_count_vrf = outputs
    assert isakmp == isakmp_peer and "QM_IDLE" in isakmp and "QM_IDLE" not in isakmp_other
    assert ipsec == ipsec_iface == ipsec_peer and "interface: GigabitEthernet1" in ipsec
    assert empty == ["", "", ""]
    assert count_vrf == "IPsec SA total: 0, active: 0, rekeying: 0, unused: 0, invalid: 0\n"
    assert isakmp_count_vrf.startswith("Active ISAKMP SA's: 0\n")


def test_abbreviations_and_ambiguity(seed_lab: ShowLab) -> None:
    full, short, ambiguous = seed_lab.shows("RouterA", "show crypto isakmp sa", "sh cry isa sa",
                                            "sh cry mib i flowmib global")
    assert short == full
    assert ambiguous.startswith("% Ambiguous command:")


def test_privileged_commands(seed_lab: ShowLab) -> None:
    def at_user_level() -> list[str]:
        session = CliSession(seed_lab.router("RouterA"), privilege=1)
        return [str(session.execute(line)) for line in ("show tech-support ipsec", "clear crypto session")]

    for output in seed_lab.loop.call(at_user_level):
        assert "% Invalid input detected at '^' marker." in output
    assert seed_lab.state("RouterA", lambda r: len(r.oper.ipsec_tunnels)) == 1  # nothing was cleared


def test_same_text_over_ssh(seed_lab: ShowLab) -> None:
    commands = ("show crypto isakmp sa", "show crypto ipsec sa count", "show crypto mib ipsec flowmib global",
                "show crypto mib isakmp flowmib peer", "show processes cpu | include Crypto IKMP")
    creds = seed_lab.runtime.lab.credentials

    async def collect() -> list[str]:
        async with privileged_shell(seed_lab.ssh_port("RouterA"), creds.username, creds.password,
                                    creds.enable_secret) as shell:
            return [await shell.command(command) for command in commands]

    over_ssh = asyncio.run(collect())
    assert over_ssh == seed_lab.shows("RouterA", *commands)
