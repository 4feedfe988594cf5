"""Transform attributes: the engine's named form <-> the numbers of RFC 2409 Appendix A and RFC 2407 §4.5.

The engine describes a transform as a dict of names (`{"encryption": "aes", "hash": "sha", ...}` for an
ISAKMP transform, `{"transforms": "esp-aes esp-sha-hmac", "mode": "tunnel", ...}` for AH/ESP). This module
turns that into (transform ID, [(attribute type, value)]) and back. Unknown numbers decode to names the
engine never configures (`unknown-7`, `attr-99`), so an offer that uses them simply matches nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

Attr = int | str
WireAttribute = tuple[int, int]  # (attribute type, value)

KEY_IKE = 1  # the one ISAKMP transform ID (RFC 2409 Appendix A)

# ISAKMP (phase 1) attribute types and values, RFC 2409 Appendix A.
P1_ENCRYPTION, P1_HASH, P1_AUTH, P1_GROUP, P1_LIFE_TYPE, P1_LIFE_DURATION, P1_KEY_LENGTH = 1, 2, 3, 4, 11, 12, 14
P1_ENCRYPTIONS = {"des": 1, "3des": 5, "aes": 7}
P1_HASHES = {"md5": 1, "sha": 2, "sha256": 4, "sha384": 5, "sha512": 6}
P1_AUTHS = {"pre-share": 1, "rsa-sig": 3, "rsa-encr": 4}
LIFE_SECONDS, LIFE_KILOBYTES = 1, 2

# IPsec DOI (phase 2) attribute types and values, RFC 2407 §4.5 (+ RFC 3947 for the UDP modes).
P2_LIFE_TYPE, P2_LIFE_DURATION, P2_GROUP, P2_MODE, P2_AUTH, P2_KEY_LENGTH = 1, 2, 3, 4, 5, 6
P2_MODES = {"tunnel": 1, "transport": 2}
P2_UDP_MODES = {"tunnel": 3, "transport": 4}  # RFC 3947
UDP_MODE_NAMES = {3: "tunnel", 4: "transport", 61443: "tunnel", 61444: "transport"}  # + the drafts' numbers
ESP_TRANSFORM_IDS = {
    "esp-des": 2, "esp-3des": 3, "esp-null": 11, "esp-aes": 12, "esp-gcm": 20, "esp-gmac": 23,
    "esp-seal": 249,  # IANA has no SEAL; the model's stand-in cipher uses a private-use number
}
AH_TRANSFORM_IDS = {"ah-md5-hmac": 2, "ah-sha-hmac": 3, "ah-sha256-hmac": 5, "ah-sha384-hmac": 6,
                    "ah-sha512-hmac": 7}
AUTH_ALGORITHMS = {"md5-hmac": 1, "sha-hmac": 2, "sha256-hmac": 5, "sha384-hmac": 6, "sha512-hmac": 7}


def _name(table: dict[str, int], value: int) -> str:
    return next((name for name, number in table.items() if number == value), f"unknown-{value}")


def _number(table: dict[str, int], value: Attr) -> int:
    if isinstance(value, int):
        return value
    if value in table:
        return table[value]
    return int(value.removeprefix("unknown-")) if value.startswith("unknown-") else 0


def _life(attributes: dict[str, Attr], life_type: int, duration: int) -> list[WireAttribute]:
    seconds, kilobytes = attributes.get("life_seconds"), attributes.get("life_kilobytes")
    pairs: list[WireAttribute] = []
    if isinstance(seconds, int):
        pairs += [(life_type, LIFE_SECONDS), (duration, seconds)]
    if isinstance(kilobytes, int):
        pairs += [(life_type, LIFE_KILOBYTES), (duration, kilobytes)]
    return pairs


def _read_life(key: str | None, value: int, out: dict[str, Attr]) -> None:
    if key is not None:
        out[key] = value


# ---------------------------------------------------------------------------- phase 1


def encode_isakmp(attributes: dict[str, Attr]) -> tuple[int, list[WireAttribute]]:
    wire: list[WireAttribute] = [(P1_ENCRYPTION, _number(P1_ENCRYPTIONS, attributes.get("encryption", 0)))]
    key_length = attributes.get("key_length")
    if isinstance(key_length, int):
        wire.append((P1_KEY_LENGTH, key_length))
    wire += [(P1_HASH, _number(P1_HASHES, attributes.get("hash", 0))),
             (P1_AUTH, _number(P1_AUTHS, attributes.get("auth", 0))),
             (P1_GROUP, _number({}, attributes.get("group", 0)))]
    return KEY_IKE, wire + _life(attributes, P1_LIFE_TYPE, P1_LIFE_DURATION)


def decode_isakmp(transform_id: int, wire: Iterable[WireAttribute]) -> dict[str, Attr]:
    out: dict[str, Attr] = {} if transform_id == KEY_IKE else {"transform_id": transform_id}
    life_key: str | None = None
    for kind, value in wire:
        if kind == P1_ENCRYPTION:
            out["encryption"] = _name(P1_ENCRYPTIONS, value)
        elif kind == P1_HASH:
            out["hash"] = _name(P1_HASHES, value)
        elif kind == P1_AUTH:
            out["auth"] = _name(P1_AUTHS, value)
        elif kind == P1_GROUP:
            out["group"] = value
        elif kind == P1_KEY_LENGTH:
            out["key_length"] = value
        elif kind == P1_LIFE_TYPE:
            life_key = {LIFE_SECONDS: "life_seconds", LIFE_KILOBYTES: "life_kilobytes"}.get(value)
        elif kind == P1_LIFE_DURATION:
            _read_life(life_key, value, out)
        else:
            out[f"attr-{kind}"] = value
    out.pop("life_kilobytes", None)  # IOS policies have no kilobyte lifetime; a peer's is ignored
    return out


# ---------------------------------------------------------------------------- phase 2


def _split(names: str) -> tuple[str | None, str | None]:
    """(cipher, integrity) of an ESP transform list, (None, ah-...) of an AH one."""
    items = names.split()
    cipher = next((n for n in items if n in ESP_TRANSFORM_IDS), None)
    integrity = next((n for n in items if n.endswith("-hmac")), None)
    return cipher, integrity


def encode_ipsec(protocol: str, attributes: dict[str, Attr]) -> tuple[int, list[WireAttribute]]:
    cipher, integrity = _split(str(attributes.get("transforms", "")))
    if protocol == "ah":
        transform_id = AH_TRANSFORM_IDS.get(integrity or "", 0)
    else:
        transform_id = ESP_TRANSFORM_IDS[cipher or "esp-null"]
    modes = P2_UDP_MODES if attributes.get("encap") == "udp" else P2_MODES
    wire: list[WireAttribute] = [(P2_MODE, _number(modes, attributes.get("mode", "tunnel")))]
    wire += _life(attributes, P2_LIFE_TYPE, P2_LIFE_DURATION)
    if integrity is not None:
        wire.append((P2_AUTH, AUTH_ALGORITHMS[integrity.split("-", 1)[1]]))
    key_length = attributes.get("key_length")
    if isinstance(key_length, int):
        wire.append((P2_KEY_LENGTH, key_length))
    group = attributes.get("group")
    if isinstance(group, int):
        wire.append((P2_GROUP, group))
    return transform_id, wire


def decode_ipsec(protocol: str, transform_id: int, wire: Iterable[WireAttribute]) -> dict[str, Attr]:
    out: dict[str, Attr] = {}
    names: list[str] = []
    if protocol == "esp":
        names.append(_name(ESP_TRANSFORM_IDS, transform_id))
    life_key: str | None = None
    for kind, value in wire:
        if kind == P2_MODE and value in UDP_MODE_NAMES:
            out["mode"], out["encap"] = UDP_MODE_NAMES[value], "udp"
        elif kind == P2_MODE:
            out["mode"] = _name(P2_MODES, value)
        elif kind == P2_AUTH:
            names.append(f"{protocol}-{_name(AUTH_ALGORITHMS, value)}")
        elif kind == P2_KEY_LENGTH:
            out["key_length"] = value
        elif kind == P2_GROUP:
            out["group"] = value
        elif kind == P2_LIFE_TYPE:
            life_key = {LIFE_SECONDS: "life_seconds", LIFE_KILOBYTES: "life_kilobytes"}.get(value)
        elif kind == P2_LIFE_DURATION:
            _read_life(life_key, value, out)
        else:
            out[f"attr-{kind}"] = value
    if protocol == "ah" and _name(AH_TRANSFORM_IDS, transform_id) not in names:
        names = [f"unknown-ah-{transform_id}"]
    out["transforms"] = " ".join(names)
    return out
