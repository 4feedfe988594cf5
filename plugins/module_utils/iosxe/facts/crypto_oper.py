# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""`ipsec_facts` over NETCONF: the SA tables from the Cisco-IOS-XE-crypto-oper model.

The model (17.18.1) carries IKEv1 SAs (`crypto-ikev1-sa`) and, per interface, the newest IPsec SA pair
(`crypto-ipsec-ident`). They become `isakmp_sa` and `ipsec_sa` with the field names `show crypto isakmp sa
detail` and `show crypto ipsec sa detail` give them; values are translated to the CLI's spelling where the
model names the same thing (`crypto-encr-alg-aes-cbc` -> `aes`, SPIs in hex). Fields the model does not
carry (the ISAKMP state column, packet counters, crypto map tags) are absent, not guessed.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

CRYPTO_OPER_NS = "http://cisco.com/ns/yang/Cisco-IOS-XE-crypto-oper"
OPER_FILTER = (
    f'<crypto-oper-data xmlns="{CRYPTO_OPER_NS}"><crypto-ikev1-sa/><crypto-ipsec-ident/></crypto-oper-data>'
)

ENCRYPTION = {
    "crypto-encr-alg-des": "des",
    "crypto-encr-alg-3des": "3des",
    "crypto-encr-alg-aes-cbc": "aes",
    "crypto-encr-alg-aes-gcm": "aes-gcm",
    "crypto-encr-alg-null": "null",
}
HASH = {
    "crypto-hash-alg-auth-hmac-md5-96": "md5",
    "crypto-hash-alg-auth-hmac-sha1-96": "sha",
    "crypto-hash-alg-auth-hmac-sha256": "sha256",
    "crypto-hash-alg-auth-hmac-sha384": "sha384",
    "crypto-hash-alg-auth-hmac-sha512": "sha512",
}
AUTH = {"crypto-ikev2-auth-psk": "psk", "crypto-ikev2-auth-rsa-sig": "rsig"}
STATUS = {
    "crypto-sa-status-active": "ACTIVE",
    "crypto-sa-status-pending": "PENDING",
    "crypto-sa-status-standby": "STANDBY",
    "crypto-ipsec-sa-status-down": "DOWN",
}
# crypto-transform-options bits -> `show crypto ipsec sa` transform names
TRANSFORMS = {
    "esp-des": "esp-des", "esp-3-des": "esp-3des", "esp-seal": "esp-seal", "esp-null": "esp-null",
    "esp-aes-cbc": "esp-aes", "esp-aes-cbc-192": "esp-192-aes", "esp-aes-cbc-256": "esp-256-aes",
    "esp-aes-gcm": "esp-gcm", "esp-aes-gcm-192": "esp-192-gcm", "esp-aes-gcm-256": "esp-256-gcm",
    "esp-aes-gmac": "esp-gmac", "esp-aes-gmac-192": "esp-192-gmac", "esp-aes-gmac-256": "esp-256-gmac",
    "esp-hmac-md5": "esp-md5-hmac", "esp-hmac-sha": "esp-sha-hmac", "esp-hmac-sha256": "esp-sha256-hmac",
    "esp-hmac-sha384": "esp-sha384-hmac", "esp-hmac-sha512": "esp-sha512-hmac",
    "ah-hmac-md5": "ah-md5-hmac", "ah-hmac-sha": "ah-sha-hmac", "ah-hmac-sha256": "ah-sha256-hmac",
    "ah-hmac-sha384": "ah-sha384-hmac", "ah-hmac-sha512": "ah-sha512-hmac", "pcp-lzs": "comp-lzs",
}  # fmt: skip
SA_LISTS = tuple(f"{d}-{p}-sa" for d in ("inbound", "outbound") for p in ("esp", "ah", "pcp"))


def _local(element: ET.Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _leaves(element: ET.Element | None) -> dict[str, str]:
    if element is None:
        return {}
    return {_local(child): (child.text or "").strip() for child in element if len(child) == 0}


def _child(element: ET.Element, name: str) -> ET.Element | None:
    return next((child for child in element if _local(child) == name), None)


def _translated(table: dict[str, str], value: str | None, warnings: list[str], leaf: str) -> str | None:
    if value is None:
        return None
    if value not in table:
        warnings.append(f"crypto-oper {leaf}: {value!r} has no CLI spelling; kept as the model names it")
    return table.get(value, value)


def _dh(value: str | None) -> int | None:
    if not value or not value.startswith("crypto-dh-grouptype-group"):
        return None
    return int(value.removeprefix("crypto-dh-grouptype-group"))


def _lifetime(seconds: int) -> str:
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def _int(value: str | None) -> int | None:
    return int(value) if value not in (None, "") and value.isdigit() else None


def isakmp_sa(element: ET.Element, warnings: list[str]) -> dict[str, Any]:
    data = _leaves(_child(element, "sa-data"))
    local = data.get("local-ip-addr", "")
    row: dict[str, Any] = {
        "address_family": "IPv6" if ":" in local else "IPv4",
        "c_id": _int(data.get("sa-id")) or _int(_leaves(element).get("sa-id")),
        "local": local,
        "remote": data.get("remote-ip-addr"),
        "local_port": _int(data.get("local-port")),
        "remote_port": _int(data.get("remote-port")),
        "f_vrf": None if data.get("fvrf") in (None, "", "none") else data["fvrf"],
        "status": _translated(STATUS, data.get("sa-status"), warnings, "sa-status"),
        "encr": _translated(ENCRYPTION, data.get("encr-alg"), warnings, "encr-alg"),
        "hash": _translated(HASH, data.get("hash-algo"), warnings, "hash-algo"),
        "auth": _translated(AUTH, data.get("my-auth-method"), warnings, "my-auth-method"),
        "dh": _dh(data.get("dh-group")),
    }
    seconds = _int(data.get("lifetime"))
    if seconds is not None:
        row.update(lifetime=_lifetime(seconds), lifetime_seconds=seconds)
    return row


def _ident(data: dict[str, str], side: str) -> dict[str, Any]:
    addr, mask = data.get(f"{side}-ident-addr"), data.get(f"{side}-ident-mask")
    return {"addr": addr, "mask": mask, "prot": _int(data.get(f"{side}-ident-protocol"))}


def _child_sa(element: ET.Element, warnings: list[str]) -> dict[str, Any]:
    leaves = _leaves(element)
    spi = _int(leaves.get("spi"))
    bits = leaves.get("transform-set", "").split()
    return {
        "spi": f"0x{spi:X}" if spi is not None else None,  # as IOS prints it: 0x31CA189, not padded
        "transform": [
            _translated(TRANSFORMS, bit.removeprefix("crypto-transform-"), warnings, "transform-set")
            for bit in bits
        ],
        "flow_id": _int(leaves.get("flow-id")),
        "status": _translated(STATUS, leaves.get("sa-status"), warnings, "sa-status"),
    }


def ipsec_sa(element: ET.Element, warnings: list[str]) -> dict[str, Any]:
    holder = _child(element, "ident-data")
    data = _leaves(holder)
    ident: dict[str, Any] = {
        "local_ident": _ident(data, "local"),
        "remote_ident": _ident(data, "remote"),
        "current_peer": data.get("remote-endpt-addr"),
        "local_crypto_endpt": data.get("local-endpt-addr"),
        "remote_crypto_endpt": data.get("remote-endpt-addr"),
        "plaintext_mtu": _int(data.get("plaintext-mtu")),
        "dh_group": _dh(data.get("dh-group")),
    }
    for name in SA_LISTS:
        sa = _child(holder, name) if holder is not None else None
        ident[name.replace("-", "_") + "s"] = [_child_sa(sa, warnings)] if sa is not None else []
    interface = _leaves(element).get("interface")
    return {"interface": interface, "local_addr": data.get("local-endpt-addr"), "idents": [ident]}


def parse_crypto_oper(reply: str) -> tuple[dict[str, Any], list[str]]:
    """`isakmp_sa` and `ipsec_sa` from a <get> reply's crypto-oper-data; warnings for unknown values."""
    warnings: list[str] = []
    root = ET.fromstring(reply)
    oper = next((e for e in root.iter() if _local(e) == "crypto-oper-data"), None)
    children = list(oper) if oper is not None else []
    facts = {
        "isakmp_sa": [isakmp_sa(e, warnings) for e in children if _local(e) == "crypto-ikev1-sa"],
        "ipsec_sa": [ipsec_sa(e, warnings) for e in children if _local(e) == "crypto-ipsec-ident"],
    }
    return facts, list(dict.fromkeys(warnings))
