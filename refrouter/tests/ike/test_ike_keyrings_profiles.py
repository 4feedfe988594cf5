"""Keyrings and ISAKMP profiles: which key main mode uses, which profile the SA runs under, and the outcomes
of a wrong keyring key and of a profile that does not verify (ike/keyring.py, ike/profiles.py)."""

from ike_harness import A_ADDR, A_HOST, B_ADDR, B_HOST, connect, site_to_site

from refrouter.state.config.ikev1 import IsakmpProfile, Keyring, KeyringKey
from refrouter.state.config.model import IsakmpKey, RunningConfig


def keyring(config: RunningConfig, name: str, peer: str, key: str, mask: str | None = None,
            kind: str = "address") -> None:
    config.ikev1.keyrings[name] = Keyring(name, keys=[KeyringKey(kind, peer, key, mask)])


def profile(config: RunningConfig, name: str, keyrings: list[str], *identities: str, **fields: object) -> None:
    config.ikev1.profiles[name] = IsakmpProfile(name, keyrings=keyrings, match_identities=list(identities),
                                                **fields)  # type: ignore[arg-type]


def keyring_site_to_site(key_a: str = "ring-secret", key_b: str = "ring-secret"):
    """No global keys: each router has keyring KR + profile PROF, A's crypto map names PROF."""
    net, a, b = site_to_site(key_a=None, key_b=None)
    keyring(a.config, "KR", B_ADDR, key_a)
    keyring(b.config, "KR", A_ADDR, key_b)
    profile(a.config, "PROF", ["KR"], f"address {B_ADDR} 255.255.255.255")
    profile(b.config, "PROF", ["KR"], f"address {A_ADDR} 255.255.255.255")
    a.config.crypto_maps["testmap"].entries[10].isakmp_profile = "PROF"
    return net, a, b


def test_keyring_key_brings_the_tunnel_up_and_both_sas_record_the_profile():
    net, a, b = keyring_site_to_site()
    connect(net, a)
    assert a.ike_sa().active and b.ike_sa().active
    assert a.ike_sa().profile == "PROF" and b.ike_sa().profile == "PROF"
    assert net.send_data(a, "testmap", A_HOST, B_HOST, b"via keyring") == b"via keyring"


def test_wrong_keyring_key_fails_like_a_wrong_global_key():
    net, a, b = keyring_site_to_site(key_b="other-secret")
    connect(net, a)
    net.run(70)
    assert b.count("IKMP_BAD_MESSAGE") >= 1
    assert [row.reason for row in a.oper.flowmib.ike.failures()] == ["peerLost"]
    assert [row.reason for row in b.oper.flowmib.ike.failures()] == ["authFailure"]
    assert a.oper.ipsec_tunnel_list() == [] and b.oper.ipsec_tunnel_list() == []


def test_responder_takes_the_most_specific_address_key_across_keyrings_and_global_keys():
    net, a, b = site_to_site(key_a="host-key", key_b="wide-global")
    b.config.isakmp_keys = [IsakmpKey("wide-global", "10.0.0.0", "255.255.255.0")]
    keyring(b.config, "HOSTS", A_ADDR, "host-key")  # /32 beats the global /24
    connect(net, a)
    assert a.ike_sa().active and b.ike_sa().active
    assert b.ike_sa().profile is None  # no profile configured: global settings


def test_profile_verification_fails_when_the_key_is_not_from_the_matching_profiles_keyring():
    """B finds A's key in keyring OTHER (the only key for A), but A's identity matches PROF, whose keyring
    is KR: IOS's profile verification fails phase 1 (Cisco TAC 117259)."""
    net, a, b = keyring_site_to_site()
    del b.config.ikev1.keyrings["KR"]
    keyring(b.config, "OTHER", A_ADDR, "ring-secret")
    connect(net, a)
    assert b.count("IKMP_MODE_FAILURE") >= 1 and b.count("IKMP_BAD_MESSAGE") == 0
    net.run(70)
    assert [row.reason for row in b.oper.flowmib.ike.failures()] == ["authFailure"]
    assert [row.reason for row in a.oper.flowmib.ike.failures()] == ["peerLost"]
    assert b.oper.ipsec_tunnel_list() == []


def test_identity_matching_no_profile_runs_without_a_profile():
    net, a, b = keyring_site_to_site()
    b.config.ikev1.profiles["PROF"].match_identities = ["address 192.0.2.1 255.255.255.255"]
    connect(net, a)
    assert b.ike_sa().active and b.ike_sa().profile is None
    assert a.ike_sa().profile == "PROF"


def test_profile_chosen_by_fqdn_self_identity():
    net, a, b = keyring_site_to_site()
    a.config.ikev1.profiles["PROF"].self_identity = "fqdn"
    del b.config.ikev1.profiles["PROF"]
    profile(b.config, "BY-ADDR", ["KR"], f"address {A_ADDR} 255.255.255.255")  # A sends no address identity
    profile(b.config, "BY-NAME", ["KR"], "host routera")
    connect(net, a)
    assert b.ike_sa().active and b.ike_sa().profile == "BY-NAME"


def test_initiator_searches_only_its_profiles_keyrings():
    net, a, b = keyring_site_to_site()
    del a.config.ikev1.keyrings["KR"]
    keyring(a.config, "SPARE", B_ADDR, "ring-secret")
    a.config.isakmp_keys = [IsakmpKey("ring-secret", B_ADDR)]  # a global key exists, but PROF names KR only
    connect(net, a)
    assert a.count("IKMP_NO_PRESHARED_KEY") == 1
    assert [row.reason for row in a.oper.flowmib.ike.failures()] == ["localFailure"]
    assert b.oper.ike_sa_list() == []


def test_keyring_local_address_limits_where_its_keys_apply():
    net, a, b = keyring_site_to_site()
    b.config.ikev1.keyrings["KR"].local_address = "10.9.9.9"
    connect(net, a)
    assert b.count("IKMP_NO_PRESHARED_KEY") == 1 and not b.ike_sa().active
