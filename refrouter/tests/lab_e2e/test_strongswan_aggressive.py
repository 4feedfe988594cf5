"""refrouter <-> strongSwan in IKEv1 aggressive mode (PSK, NAT-T because charon fakes a NAT), each side
initiating; the router initiates through an ISAKMP profile with `initiate mode aggressive` and a keyring."""

from __future__ import annotations

from pathlib import Path

import pytest

from .swan import AVAILABLE, SwanPeer
from .test_strongswan import assert_tunnel_up, edited, scenario

pytestmark = pytest.mark.skipif(not AVAILABLE, reason="needs root, iproute2 and strongSwan "
                                "(strongswan-charon strongswan-swanctl libcharon-extra-plugins)")

PROFILE = [
    ("crypto isakmp key s3cret address 198.51.100.2\n",
     "crypto keyring KR\n pre-shared-key address 198.51.100.2 key s3cret\n"
     "crypto isakmp profile AGG\n keyring KR\n match identity address 198.51.100.2 255.255.255.255\n"
     " initiate mode aggressive\n"),
    (" match address 110\n", " match address 110\n set isakmp-profile AGG\n"),
]


def test_strongswan_initiates_aggressive_mode(tmp_path: Path) -> None:
    result = scenario(tmp_path, SwanPeer(aggressive=True), initiator="swan")
    assert "CHILD_SA net{1} established" in result["initiate"], (result["initiate"], result["swan_log"][-3000:])
    assert " 0% packet loss" in result["ping"], result["ping"]
    assert "AGGRESSIVE" in result["swan_log"]
    assert_tunnel_up(result)


def test_router_initiates_aggressive_mode_from_its_isakmp_profile(tmp_path: Path) -> None:
    result = scenario(tmp_path, SwanPeer(aggressive=True), initiator="r1", config=edited(PROFILE))
    assert "!!!!" in result["ping"], (result["ping"], result["swan_log"][-3000:])
    assert "AGGRESSIVE" in result["swan_log"]
    assert_tunnel_up(result)
    assert "Profile: AGG" in result["session"]
