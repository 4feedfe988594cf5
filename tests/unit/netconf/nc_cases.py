"""Facts cases for the XML renderers: (resource, device start as running-config text, target facts).

Each target is the complete resource as it should be on the device afterwards (what the planner hands
the renderer). Together they cover every leaf the renderers write or remove, every edit operation they
use, and the hard cases: PSK rotation between shared keys, leaf-list reordering, an entry changing kind,
interface moves, values back to their defaults.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

POLICY_DEFAULTS = {
    "encryption": "des",
    "hash": "sha",
    "authentication": "rsa-sig",
    "group": 1,
    "lifetime": 86400,
}
SETS_STARTUP = """crypto ipsec transform-set TS1 esp-aes 256 esp-sha256-hmac
 mode tunnel
crypto ipsec transform-set TS2 esp-3des esp-sha-hmac
 mode tunnel
crypto ipsec transform-set TS3 esp-gcm 256
 mode transport
"""
MAPS_STARTUP = (
    SETS_STARTUP
    + """crypto dynamic-map DYN 10
 set transform-set TS1
 match address 2001
crypto dynamic-map DYN 20
 set peer 192.0.2.9
crypto map CMAP 10 ipsec-isakmp
 set peer 192.0.2.1
 set peer 192.0.2.2
 set security-association lifetime seconds 3600
 set security-association lifetime kilobytes 100000
 set transform-set TS1 TS2 TS3
 set pfs group14
 match address 101
crypto map CMAP 20 ipsec-isakmp
 set peer 192.0.2.3
 set transform-set TS2
 match address VPN-ACL
crypto map CMAP 30 ipsec-isakmp dynamic DYN
crypto map OTHER 10 ipsec-isakmp
 set peer 192.0.2.20
 set transform-set TS1
interface GigabitEthernet1
 crypto map CMAP
interface GigabitEthernet2
 crypto map OTHER
"""
)


def policy(priority: int, **fields: Any) -> dict[str, Any]:
    return {"priority": priority, **POLICY_DEFAULTS, **fields}


def key(address: str, secret: str, mask: str | None = None, no_xauth: bool = False) -> dict[str, Any]:
    entry: dict[str, Any] = {"address": address}
    if mask:
        entry["mask"] = mask
    entry["key"] = secret
    if no_xauth:
        entry["no_xauth"] = True
    return entry


def tset(name: str, mode: str = "tunnel", **transforms: Any) -> dict[str, Any]:
    order = ("esp_encryption", "key_size", "esp_integrity", "ah_integrity")
    return {
        "name": name,
        **{field: transforms[field] for field in order if field in transforms},
        "mode": mode,
    }


IKEV2_PROPOSALS = (
    "crypto ikev2 proposal P1\n encryption aes-cbc-128 aes-cbc-256\n integrity sha256\n group 14 19\n"
    "crypto ikev2 proposal P2\n encryption aes-gcm-256\n prf sha384\n group 20\n"
)


def ikev2_proposal(
    name: str, encryption: list[str], integrity: list[str], prf: list[str], group: list[int]
) -> dict[str, Any]:
    return {"name": name, "encryption": encryption, "integrity": integrity, "prf": prf, "group": group}


def ikev2_peer(name: str, **fields: Any) -> dict[str, Any]:
    keys = ("description", "address", "mask", "hostname", "identity", "pre_shared_key")
    empty = dict.fromkeys((*keys, "pre_shared_key_local", "pre_shared_key_remote"))
    return {"name": name, **empty, **fields}


def ikev2_profile(name: str, **fields: Any) -> dict[str, Any]:
    lists = ("match_address_local", "match_identity_remote", "authentication_remote", "pki_trustpoints")
    scalars = ("description", "match_fvrf", "identity_local", "authentication_local", "keyring_local", "dpd")
    empty = {**dict.fromkeys((*scalars, "nat_keepalive", "virtual_template", "ivrf")), "lifetime": 86400}
    return {"name": name, **empty, **{field: [] for field in lists}, **fields}


@dataclass(frozen=True)
class Case:
    resource: str
    startup: str
    target: Any


ENTRY_CMAP_10 = {
    "seq": 10,
    "peers": ["192.0.2.1", "192.0.2.2"],
    "match_address": "101",
    "transform_sets": ["TS1", "TS2", "TS3"],
    "pfs": "group14",
    "sa_lifetime": {"seconds": 3600, "kilobytes": 100000},
}
DYN = {
    "name": "DYN",
    "dynamic": True,
    "entries": [
        {"seq": 10, "match_address": "2001", "transform_sets": ["TS1"]},
        {"seq": 20, "peers": ["192.0.2.9"]},
    ],
}


def cmap(*entries: dict[str, Any], interfaces: list[str] | None = None, name: str = "CMAP") -> dict[str, Any]:
    item: dict[str, Any] = {"name": name, "dynamic": False, "entries": list(entries)}
    if interfaces:
        item["interfaces"] = interfaces
    return item


CASES: dict[str, Case] = {
    "policies-create-every-cipher": Case(
        "isakmp_policies",
        "",
        [
            policy(1),
            policy(2, encryption="3des", hash="md5", authentication="pre-share", group=2, lifetime=60),
            policy(3, encryption="aes", hash="sha256", authentication="rsa-encr", group=5),
            policy(4, encryption="aes-192", hash="sha384", group=19, lifetime=28800),
            policy(10000, encryption="aes-256", hash="sha512", authentication="pre-share", group=24),
        ],
    ),
    "policies-change-back-to-defaults-and-remove": Case(
        "isakmp_policies",
        "crypto isakmp policy 10\n encr aes 256\n hash sha256\n authentication pre-share\n group 14\n"
        " lifetime 3600\ncrypto isakmp policy 20\n encr 3des\ncrypto isakmp policy 30\n encr aes 192\n",
        [policy(10), policy(30, encryption="aes"), policy(40, encryption="3des", group=21)],
    ),
    "keys-create": Case(
        "isakmp_keys",
        "",
        [
            key("192.0.2.1", "Shared-1"),
            key("192.0.2.2", "Shared-1", no_xauth=True),
            key("10.0.0.0", "Net-Key", mask="255.0.0.0"),
        ],
    ),
    "keys-rotate-move-and-remove": Case(
        "isakmp_keys",
        "crypto isakmp key Old-1 address 192.0.2.1\ncrypto isakmp key Old-1 address 192.0.2.2\n"
        "crypto isakmp key Gone-2 address 192.0.2.3\ncrypto isakmp key Net-3 address 10.0.0.0 255.0.0.0\n",
        [
            key("192.0.2.1", "New-4"),
            key("192.0.2.2", "Old-1", no_xauth=True),
            key("10.0.0.0", "Net-3", mask="255.255.0.0"),
            key("198.51.100.1", "Old-1"),
        ],
    ),
    "transform-sets-create-every-transform": Case(
        "transform_sets",
        "",
        [
            tset("A128", esp_encryption="esp-aes", key_size=128, esp_integrity="esp-sha-hmac"),
            tset("A192", esp_encryption="esp-aes", key_size=192, esp_integrity="esp-sha384-hmac"),
            tset(
                "A256", "transport", esp_encryption="esp-aes", key_size=256, esp_integrity="esp-sha512-hmac"
            ),
            tset("GCM", esp_encryption="esp-gcm", key_size=256),
            tset("GMAC", esp_encryption="esp-gmac", key_size=128),
            tset("TDES", esp_encryption="esp-3des", esp_integrity="esp-md5-hmac"),
            tset("DES", esp_encryption="esp-des", esp_integrity="esp-sha256-hmac"),
            tset("NULL", esp_encryption="esp-null", esp_integrity="esp-sha-hmac"),
            tset("AH", "transport", ah_integrity="ah-sha256-hmac"),
        ],
    ),
    "transform-sets-change-leaf-by-leaf": Case(
        "transform_sets",
        SETS_STARTUP + "crypto ipsec transform-set AH ah-md5-hmac\n mode tunnel\n",
        [
            tset("TS1", esp_encryption="esp-3des", esp_integrity="esp-md5-hmac"),
            tset("TS2", "transport", esp_encryption="esp-3des", esp_integrity="esp-sha-hmac"),
            tset("AH", esp_encryption="esp-gcm", key_size=192),
        ],
    ),
    "crypto-maps-create": Case(
        "crypto_maps",
        SETS_STARTUP,
        [
            DYN,
            cmap(
                ENTRY_CMAP_10, {"seq": 30, "dynamic_map": "DYN"}, interfaces=["GigabitEthernet1", "Loopback7"]
            ),
        ],
    ),
    "crypto-maps-reorder-and-trim-lists": Case(
        "crypto_maps",
        MAPS_STARTUP,
        [
            DYN,
            cmap(
                {**ENTRY_CMAP_10, "peers": ["192.0.2.2", "192.0.2.1"], "transform_sets": ["TS1", "TS3"]},
                {
                    "seq": 20,
                    "peers": ["192.0.2.3", "192.0.2.4"],
                    "match_address": "VPN-ACL",
                    "transform_sets": ["TS3", "TS2"],
                },
                {"seq": 30, "dynamic_map": "DYN"},
                interfaces=["GigabitEthernet1"],
            ),
            cmap(
                {"seq": 10, "peers": ["192.0.2.20"], "transform_sets": ["TS1"]},
                name="OTHER",
                interfaces=["GigabitEthernet2"],
            ),
        ],
    ),
    "crypto-maps-drop-fields-switch-kind-move-interfaces": Case(
        "crypto_maps",
        MAPS_STARTUP,
        [
            {"name": "DYN", "dynamic": True, "entries": [{"seq": 10, "transform_sets": ["TS2"]}]},
            cmap(
                {
                    "seq": 10,
                    "peers": ["192.0.2.1"],
                    "transform_sets": ["TS1", "TS2", "TS3"],
                    "pfs": "group19",
                },
                {"seq": 20, "dynamic_map": "DYN"},
                {
                    "seq": 30,
                    "peers": ["192.0.2.30"],
                    "match_address": "102",
                    "sa_lifetime": {"kilobytes": 4096},
                },
                interfaces=["GigabitEthernet2", "GigabitEthernet3"],
            ),
        ],
    ),
    "ipsec-profiles-create": Case(
        "ipsec_profiles",
        SETS_STARTUP,
        [
            {
                "name": "VTI",
                "sa_lifetime": {"seconds": 3600, "kilobytes": 100000},
                "transform_sets": ["TS3", "TS1"],
                "pfs": "group19",
            },
            {"name": "BARE"},
        ],
    ),
    "ipsec-profiles-change-and-remove": Case(
        "ipsec_profiles",
        SETS_STARTUP
        + """crypto ipsec profile VTI
 set security-association lifetime seconds 3600
 set transform-set TS1 TS2
 set pfs group14
crypto ipsec profile OLD
 set transform-set TS2
""",
        [{"name": "VTI", "transform_sets": ["TS2"], "sa_lifetime": {"kilobytes": 4096}}],
    ),
    "isakmp-profiles-create": Case(
        "isakmp_profiles",
        "crypto keyring K1\ncrypto keyring K2\n",
        [
            {
                "name": "BRANCH",
                "description": "branch peers",
                "keyrings": ["K1", "K2"],
                "ca_trust_points": ["TP"],
                "self_identity": "fqdn",
                "match_identities": ["address 192.0.2.2 255.255.255.255", "host peer.example", "group G"],
                "local_address": "GigabitEthernet1",
                "keepalive": {"interval": 10, "retry": 3},
                "initiate_aggressive": True,
                "virtual_template": 2,
            },
            {"name": "BARE", "local_address": "192.0.2.1"},
        ],
    ),
    "isakmp-profiles-change-and-remove": Case(
        "isakmp_profiles",
        "crypto keyring K1\ncrypto keyring K2\ncrypto isakmp profile BRANCH\n keyring K1\n"
        " match identity address 192.0.2.2 255.255.255.255\n keepalive 10 retry 3\n"
        "crypto isakmp profile OLD\n keyring K2\n",
        [{"name": "BRANCH", "keyrings": ["K2"], "match_identities": ["address 10.0.0.0 255.0.0.0"]}],
    ),
    "defaults-disable": Case("crypto_defaults", "", {"isakmp_default_policy": False}),
    "defaults-enable": Case(
        "crypto_defaults", "no crypto isakmp default policy\n", {"isakmp_default_policy": True}
    ),
    "ikev2-proposals-create-change-remove": Case(
        "ikev2_proposals",
        IKEV2_PROPOSALS,
        [
            ikev2_proposal("P1", ["aes-cbc-128"], ["sha256", "sha512"], ["sha256"], [14]),
            ikev2_proposal(
                "P3", ["3des", "aes-cbc-192", "aes-gcm-128", "des"], [], ["md5", "sha1"], [1, 2, 5]
            ),
            ikev2_proposal("P4", ["aes-cbc-256"], ["sha384"], [], [15, 16, 21, 24]),
        ],
    ),
    "ikev2-policies-create-change-remove": Case(
        "ikev2_policies",
        IKEV2_PROPOSALS
        + "crypto ikev2 policy POL\n match fvrf any\n match address local 192.0.2.1\n proposal P1\n"
        "crypto ikev2 policy OLD\n proposal P2\n",
        [
            {
                "name": "POL",
                "match_fvrf": None,
                "match_address_local": ["192.0.2.1", "192.0.2.2"],
                "proposals": ["P2", "P1"],
            },
            {"name": "NEW", "match_fvrf": "any", "match_address_local": [], "proposals": ["P1"]},
        ],
    ),
    "ikev2-keyrings-create-change-remove": Case(
        "ikev2_keyrings",
        "crypto ikev2 keyring KR1\n peer HUB\n  address 192.0.2.1\n  pre-shared-key old-key-1\n"
        "crypto ikev2 keyring OLD\n peer P\n  hostname p1\n  pre-shared-key old-key-2\n",
        [
            {
                "name": "KR1",
                "peers": [
                    ikev2_peer("HUB", address="192.0.2.1", mask="255.255.255.0", pre_shared_key="new-key-1"),
                    ikev2_peer(
                        "SPOKE",
                        description="spoke",
                        identity="fqdn domain example.net",
                        pre_shared_key_local="local-key",
                        pre_shared_key_remote="remote-key",
                    ),
                ],
            },
            {"name": "KR2", "peers": [ikev2_peer("K", identity="key-id K1", pre_shared_key="k-key")]},
        ],
    ),
    "ikev2-profiles-create-change-remove": Case(
        "ikev2_profiles",
        "crypto ikev2 keyring KR1\ncrypto ikev2 profile PR1\n match identity remote fqdn r2.example\n"
        " authentication remote pre-share\n authentication local pre-share\n keyring local KR1\n lifetime 600\n"
        "crypto ikev2 profile OLD\n description old\n",
        [
            ikev2_profile(
                "PR1",
                match_identity_remote=[
                    "address 192.0.2.2 255.255.255.255",
                    "any",
                    "email domain example.net",
                ],
                authentication_remote=["rsa-sig"],
                authentication_local="rsa-sig",
                identity_local="address 192.0.2.1",
                match_fvrf="any",
                match_address_local=["192.0.2.1"],
                dpd={"interval": 30, "retry": 3, "mode": "periodic"},
                nat_keepalive=10,
                virtual_template=2,
            ),
            ikev2_profile(
                "NEW", description="new one", keyring_local="KR1", match_identity_remote=["key-id K9"]
            ),
        ],
    ),
}
