"""`show crypto session local X [detail]`, `... interface IF detail`, `show crypto isakmp sa active|standby`
and `show crypto sockets` on the negotiated seed lab, read by Genie's parsers."""

from __future__ import annotations

from typing import Any

import pytest

from .showlab import PEER_A, PEER_B, ShowLab

show_crypto = pytest.importorskip("genie.libs.parser.iosxe.show_crypto", reason="genie parsers not installed")
IFACE = "GigabitEthernet1"


def genie(parser: str, output: str) -> dict[str, Any]:
    return dict(getattr(show_crypto, parser)(device=None).cli(output=output))


def test_session_by_local_address_and_interface(seed_lab: ShowLab) -> None:
    full, local, other, interface = seed_lab.shows(
        "RouterA", "show crypto session detail", f"show crypto session local {PEER_A} detail",
        f"show crypto session local {PEER_B} detail", f"show crypto session interface {IFACE} detail")
    expected = genie("ShowCryptoSessionDetail", full)
    assert expected["interface"][IFACE]["session_status"] == "UP-ACTIVE"
    assert genie("ShowCryptoSessionLocalDetail", local) == expected
    assert genie("ShowCryptoSessionInterfaceDetail", interface) == expected
    assert "Interface:" not in other  # RouterA has no session from RouterB's address


def test_isakmp_sa_active_and_standby(seed_lab: ShowLab) -> None:
    every, active, standby = seed_lab.shows(
        "RouterA", "show crypto isakmp sa", "show crypto isakmp sa active", "show crypto isakmp sa standby")
    assert genie("ShowCryptoIsakmpSa", active) == genie("ShowCryptoIsakmpSa", every)
    assert genie("ShowCryptoIsakmpSa", every)
    assert standby.splitlines()[:2] == [
        "IPv4 Crypto ISAKMP SA",
        "dst             src             state          conn-id status",
    ]
    assert len([line for line in standby.splitlines() if line.strip()]) == 3  # headers only: no HA standby


def test_crypto_sockets_without_tunnel_protection(seed_lab: ShowLab) -> None:
    [out] = seed_lab.shows("RouterA", "show crypto sockets")
    assert "Number of Crypto Socket connections 0" in out.splitlines()
    assert "Crypto Sockets in Listen state:" in out.splitlines()
