"""The running config's IKEv2 families, typed as real configuration text, become the engine's inputs."""

from __future__ import annotations

import pytest

from refrouter.ike.v2 import from_running
from refrouter.ike.v2.config import Dpd, EspTransform, Identity, IdentityMatch, Ikev2Policy, Ikev2Proposal
from refrouter.ike.v2.payloads import TrafficSelector
from refrouter.lab.boot import BootableRouter
from refrouter.state.config.model import RunningConfig
from refrouter.state.oper.sa import ProxyIdent

CONFIG = """\
crypto ikev2 proposal NGE
 encryption aes-gcm-256
 prf sha384
 group 20
crypto ikev2 proposal CBC
 encryption aes-cbc-256 aes-cbc-128
 integrity sha256 sha1
 group 19 14
crypto ikev2 proposal OLD
 encryption 3des
 integrity md5
 group 2
crypto ikev2 policy POL
 match address local 192.0.2.1
 proposal NGE
 proposal CBC
crypto ikev2 keyring KR
 peer SITE-B
  address 192.0.2.0 255.255.255.0
  pre-shared-key local key-from-a
  pre-shared-key remote key-from-b
 peer BY-NAME
  identity fqdn branch.example.com
  pre-shared-key symmetric-key
crypto ikev2 profile PROF
 match identity remote address 192.0.2.2 255.255.255.255
 match identity remote fqdn domain example.com
 identity local fqdn hub.example.com
 authentication local pre-share
 authentication remote pre-share
 keyring local KR
 lifetime 3600
 dpd 30 5 periodic
crypto ipsec transform-set GCM esp-gcm 256
crypto ipsec transform-set CBC esp-aes 192 esp-sha256-hmac
crypto ipsec transform-set WEAK esp-3des esp-md5-hmac
crypto ipsec profile VTI
 set transform-set GCM CBC WEAK
 set pfs group20
 set ikev2-profile PROF
no crypto ikev2 proposal default
"""


@pytest.fixture(scope="module")
def running() -> RunningConfig:
    router = BootableRouter("R1")
    router.boot()
    assert router.load_config(CONFIG) == []
    return router.running


def test_proposals_keep_order_and_skip_what_ikev2_cannot_run(running: RunningConfig) -> None:
    config = from_running.build(running, "192.0.2.1")
    assert config.local_address == "192.0.2.1"
    assert config.proposals == (
        Ikev2Proposal("NGE", ("aes-gcm-256",), (), (20,), ("sha384",)),
        Ikev2Proposal("CBC", ("aes-cbc-256", "aes-cbc-128"), ("sha256", "sha1"), (19, 14)),
    )
    assert config.policies == (Ikev2Policy("POL", ("NGE", "CBC"), ("192.0.2.1",), None),)
    assert (config.settings.default_proposal, config.settings.default_policy) == (False, True)


def test_keyring_peers_and_asymmetric_keys(running: RunningConfig) -> None:
    (keyring,) = from_running.build(running, "192.0.2.1").keyrings
    site_b, by_name = keyring.peers
    assert (site_b.address, site_b.key_to_send, site_b.key_to_verify) == ("192.0.2.0/24", "key-from-a", "key-from-b")
    assert (by_name.address, by_name.identity) == (None, Identity("fqdn", "branch.example.com"))
    assert by_name.key_to_send == by_name.key_to_verify == "symmetric-key"
    assert "key-from" not in repr(keyring)


def test_profile_identities_lifetime_dpd(running: RunningConfig) -> None:
    (profile,) = from_running.build(running, "192.0.2.1").profiles
    assert profile.match_identities == (IdentityMatch("address", "192.0.2.2/32"),
                                        IdentityMatch("fqdn", "example.com", domain=True))
    assert profile.local_identity == Identity("fqdn", "hub.example.com")
    assert (profile.keyring, profile.lifetime, profile.dpd) == ("KR", 3600, Dpd(30.0, 5.0, periodic=True))


def test_ipsec_profile_becomes_child_settings(running: RunningConfig) -> None:
    (ipsec,) = from_running.build(running, "192.0.2.1").ipsec_profiles
    assert (ipsec.name, ipsec.ikev2_profile) == ("VTI", "PROF")
    assert ipsec.child.transforms == (EspTransform("GCM", "aes-gcm-256", None),
                                      EspTransform("CBC", "aes-cbc-192", "sha256"))
    assert (ipsec.child.pfs_group, ipsec.child.lifetime_seconds) == (20, 3600)
    assert ipsec.child.local_ts == ipsec.child.remote_ts == (TrafficSelector("0.0.0.0", "255.255.255.255"),)


def test_smart_default_transform_set_unless_disabled(running: RunningConfig) -> None:
    assert from_running.esp_transforms(running, []) == (EspTransform("default", "aes-cbc-128", "sha1"),)
    clone = running.clone()
    clone.ikev2.default_transform_set = False
    assert from_running.esp_transforms(clone, []) == ()


def test_global_dpd_applies_when_the_profile_has_none() -> None:
    router = BootableRouter("R2")
    router.boot()
    text = CONFIG.replace(" dpd 30 5 periodic\n", "") + "crypto ikev2 dpd 10 2 on-demand\n"
    assert router.load_config(text) == []
    (profile,) = from_running.build(router.running, "192.0.2.1").profiles
    assert profile.dpd == Dpd(10.0, 2.0, periodic=False)


def test_time_scale_stretches_timers_in_router_seconds(running: RunningConfig) -> None:
    settings = from_running.build(running, "192.0.2.1", time_scale=60).settings
    assert (settings.retransmit_interval, settings.half_open_timeout) == (120.0, 3600.0)


@pytest.mark.parametrize(("ident", "selector"), [
    (ProxyIdent("10.1.0.0", "255.255.255.0"), TrafficSelector("10.1.0.0", "10.1.0.255")),
    (ProxyIdent("10.1.1.1", "255.255.255.255", 6, 22), TrafficSelector("10.1.1.1", "10.1.1.1", 6, 22, 22)),
    (ProxyIdent("0.0.0.0", "0.0.0.0"), TrafficSelector("0.0.0.0", "255.255.255.255")),
])
def test_proxy_identities_and_traffic_selectors_round_trip(ident: ProxyIdent, selector: TrafficSelector) -> None:
    assert from_running.selector(ident) == selector
    assert from_running.proxy(selector) == ident
