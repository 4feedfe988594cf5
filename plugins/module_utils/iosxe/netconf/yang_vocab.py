# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""IOS XE 17.18.1 YANG vocabulary for the five resources (data only): element names and value mappings.

Paths (prefix ios = Cisco-IOS-XE-native, crypto = Cisco-IOS-XE-crypto):
/ios:native/ios:crypto/crypto:isakmp/{policy[number], key/key-address-host[key], default/policy},
/ios:native/ios:crypto/crypto:ipsec/{transform-set[tag], profile[name]},
/ios:native/ios:crypto/crypto:{dynamic-map[name sequence], map/map-seq/map[name seq]},
/ios:native/ios:interface/ios:<Type>[name]/crypto:crypto/map/tag.
"""

from __future__ import annotations

import re

# ISAKMP policy `encryption` (facts value) -> (element under <encryption>, key-type or None).
# 17.7+ writes AES as aes-choice/key-type; the separate aes-192/aes-256 leaves are read, never written.
ISAKMP_CIPHER_ELEMENTS: dict[str, tuple[str, int | None]] = {
    "des": ("des-choice", None),
    "3des": ("a3des", None),
    "aes": ("aes-choice", None),
    "aes-192": ("aes-choice", 192),
    "aes-256": ("aes-choice", 256),
}
# Elements under <encryption> that name a cipher by themselves (obsolete `des` included).
ISAKMP_CIPHER_LEAVES = {
    "des-choice": "des",
    "des": "des",
    "a3des": "3des",
    "aes-192": "aes-192",
    "aes-256": "aes-256",
}
# aes-choice/key-type (and the obsolete aes/key) -> facts value; no key-type means AES-128.
AES_KEY_TYPES = {None: "aes", "128": "aes", "192": "aes-192", "256": "aes-256"}
ISAKMP_POLICY_LEAVES = ("authentication", "hash", "group", "lifetime")  # same names as the facts

# Transform sets: leaf -> facts field; esp-192-aes / esp-256-aes are esp-aes with a key size.
TRANSFORM_LEAVES = {
    "ah-hmac": "ah_integrity",
    "esp": "esp_encryption",
    "key-bit": "key_size",
    "esp-hmac": "esp_integrity",
}
ESP_ALIASES = {"esp-192-aes": ("esp-aes", 192), "esp-256-aes": ("esp-aes", 256)}
UNKNOWN_TRANSFORMS = ("comp-lzs",)  # transforms the facts cannot carry: the whole set is left alone
TRANSFORM_MODES = {"tunnel": "tunnel-choice", "transport": "transport-choice"}

# Crypto map entry lifetime: facts unit -> leaf under set/security-association/lifetime (17.15+ names).
LIFETIME_LEAVES = {"seconds": "seconds-case", "kilobytes": "kilobytes"}
LIFETIME_READ = {"seconds-case": "seconds", "seconds": "seconds", "kilobytes": "kilobytes"}

# ios-types:ext-acl-type, the type of match/address: an extended ACL number or a name.
EXT_ACL_RE = re.compile(r"(?:1\d\d|2[0-6]\d\d|[a-zA-Z].*)")

# Interface lists that the crypto module augments with crypto/map (yang-crypto.md §8), longest first where
# one name starts another.
INTERFACE_TYPES = (
    "FastEthernet",
    "GigabitEthernet",
    "TenGigabitEthernet",
    "FiveGigabitEthernet",
    "AppGigabitEthernet",
    "TwentyFiveGigE",
    "TwoGigabitEthernet",
    "FortyGigabitEthernet",
    "FiftyGigabitEthernet",
    "HundredGigE",
    "Loopback",
    "LISP",
    "Ethernet",
    "Tunnel",
    "Port-channel",
    "Virtual-Template",
    "Vlan",
    "Virtual-PPP",
)

# Element order in the YANG (replies come in this order; payloads are written in it too).
NATIVE_ORDER = ("interface", "crypto")
CRYPTO_ORDER = ("dynamic-map", "ikev2", "ipsec", "isakmp", "map")


def split_interface(name: str) -> tuple[str, str] | None:
    """`GigabitEthernet1` -> (`GigabitEthernet`, `1`); None for a type without a crypto map binding."""
    for kind in INTERFACE_TYPES:
        rest = name[len(kind) :]
        if name.startswith(kind) and rest[:1].isdigit():
            return kind, rest
    return None
