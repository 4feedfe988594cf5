# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""IOS XE vocabulary shared by argument specs, running-config parsers and renderers (data only)."""

from __future__ import annotations

import re

STATES = ("merged", "replaced", "overridden", "deleted", "gathered", "rendered", "parsed")
ACTION_STATES = ("merged", "replaced", "overridden", "deleted")

# ISAKMP policy values; `encryption` names map to the CLI words after `encryption`/`encr`.
ISAKMP_ENCRYPTION_CLI = {
    "des": "des",
    "3des": "3des",
    "aes": "aes",
    "aes-192": "aes 192",
    "aes-256": "aes 256",
}
ISAKMP_HASHES = ("md5", "sha", "sha256", "sha384", "sha512")
ISAKMP_AUTHENTICATIONS = ("pre-share", "rsa-sig", "rsa-encr")
DH_GROUPS = (1, 2, 5, 14, 15, 16, 19, 20, 21, 24)
ISAKMP_PRIORITY_RANGE = (1, 10000)
ISAKMP_LIFETIME_RANGE = (60, 86400)

# IPsec transforms by role; key sizes are valid only after the transforms that take one.
ESP_ENCRYPTIONS = ("esp-des", "esp-3des", "esp-aes", "esp-gcm", "esp-gmac", "esp-null", "esp-seal")
ESP_INTEGRITIES = ("esp-md5-hmac", "esp-sha-hmac", "esp-sha256-hmac", "esp-sha384-hmac", "esp-sha512-hmac")
AH_INTEGRITIES = ("ah-md5-hmac", "ah-sha-hmac", "ah-sha256-hmac", "ah-sha384-hmac", "ah-sha512-hmac")
KEY_SIZE_TRANSFORMS = ("esp-aes", "esp-gcm", "esp-gmac")
COMBINED_MODE_TRANSFORMS = ("esp-gcm", "esp-gmac")  # carry their own integrity; no esp_integrity allowed
KEY_SIZES = (128, 192, 256)
DEFAULT_KEY_SIZE = 128
TRANSFORM_MODES = ("tunnel", "transport")
DEFAULT_TRANSFORM_MODE = "tunnel"

# Crypto maps.
PFS_GROUPS = tuple(f"group{group}" for group in DH_GROUPS)
DEFAULT_PFS_GROUP = "group1"  # `set pfs` without a group
CRYPTO_MAP_SEQ_RANGE = (1, 65535)
SA_LIFETIME_RANGES = {"seconds": (120, 2592000), "kilobytes": (2560, 4294967295)}

# `crypto isakmp key` key types the CLI accepts before the key string (0 = clear text).
KEY_TYPES = (0, 6)
MAX_KEY_LENGTH = 128
MAX_CRYPTO_MAP_PEERS = 10  # `set peer` lines per crypto map entry; IOS refuses the 11th

# Interface abbreviations users type -> the name IOS XE shows in the running config. Longest first.
INTERFACE_PREFIXES = (
    ("fortygigabitethernet", "FortyGigabitEthernet"),
    ("twentyfivegige", "TwentyFiveGigE"),
    ("hundredgige", "HundredGigE"),
    ("tengigabitethernet", "TenGigabitEthernet"),
    ("gigabitethernet", "GigabitEthernet"),
    ("fastethernet", "FastEthernet"),
    ("ethernet", "Ethernet"),
    ("port-channel", "Port-channel"),
    ("loopback", "Loopback"),
    ("tunnel", "Tunnel"),
    ("virtual-template", "Virtual-Template"),
    ("dialer", "Dialer"),
    ("vlan", "Vlan"),
    ("serial", "Serial"),
    ("cellular", "Cellular"),
)
INTERFACE_SHORT_FORMS = {
    "fo": "FortyGigabitEthernet",
    "hu": "HundredGigE",
    "te": "TenGigabitEthernet",
    "gi": "GigabitEthernet",
    "ge": "GigabitEthernet",
    "fa": "FastEthernet",
    "et": "Ethernet",
    "e": "Ethernet",
    "po": "Port-channel",
    "lo": "Loopback",
    "tu": "Tunnel",
    "vt": "Virtual-Template",
    "di": "Dialer",
    "vl": "Vlan",
    "se": "Serial",
}
_INTERFACE_RE = re.compile(r"([A-Za-z][A-Za-z\-]*)\s*(\d[\d/.:]*)$")


def interface_name(name: str) -> str:
    """Expand an interface name to the form IOS XE prints (`gi1` -> `GigabitEthernet1`)."""
    match = _INTERFACE_RE.match(name.strip())
    if not match:
        return name.strip()
    prefix, number = match.group(1).lower(), match.group(2)
    for full_lower, full in INTERFACE_PREFIXES:
        if full_lower.startswith(prefix) and len(prefix) >= 2:
            return full + number
    return INTERFACE_SHORT_FORMS.get(prefix, match.group(1)) + number
