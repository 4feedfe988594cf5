"""IPsec data protection with the negotiated keys: ESP and AH packets, sequence numbers, replay window.

Packet layouts (no outer IP header; the data plane carries src/dst/protocol beside the bytes):
    ESP: SPI(4) | seq(4) | IV | ciphertext(payload | pad | pad length | next header) | ICV
    AH:  next header | length | reserved | SPI(4) | seq(4) | ICV | payload   (RFC 4302; ICV over AH | payload)
Ciphers: esp-des/3des/aes (CBC), esp-gcm (AES-GCM, 4-byte salt from KEYMAT), esp-gmac (AES-GMAC,
integrity only), esp-null, esp-seal (stand-in: AES-128-CTR with the first 16 of its 20 key bytes).
Integrity: HMAC-MD5-96, HMAC-SHA1-96, HMAC-SHA-256-128, -384-192, -512-256.
"""

from __future__ import annotations

import hmac
import struct
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NEXT_HEADER = 4  # IPv4-in-IPsec: the tunnelled packet
ESP_PROTOCOL = 50  # AH's next header when it wraps ESP
AH_FIXED = 12  # AH header before the ICV
REPLAY_WINDOW = 64
INTEGRITY = {  # transform: (hashlib name, key bytes, ICV bytes)
    "esp-md5-hmac": ("md5", 16, 12), "esp-sha-hmac": ("sha1", 20, 12), "esp-sha256-hmac": ("sha256", 32, 16),
    "esp-sha384-hmac": ("sha384", 48, 24), "esp-sha512-hmac": ("sha512", 64, 32),
    "ah-md5-hmac": ("md5", 16, 12), "ah-sha-hmac": ("sha1", 20, 12), "ah-sha256-hmac": ("sha256", 32, 16),
    "ah-sha384-hmac": ("sha384", 48, 24), "ah-sha512-hmac": ("sha512", 64, 32),
}
CBC_CIPHERS = {"esp-des": (8, 8), "esp-3des": (24, 8), "esp-aes": (None, 16)}  # key bytes, block
AEAD_CIPHERS = ("esp-gcm", "esp-gmac")
SALT = 4
AEAD_IV = 8
AEAD_ICV = 16
SEAL_KEY = 20


class EspError(ValueError):
    """A packet that must be dropped; `kind` is auth | replay | decrypt | malformed."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


@dataclass
class ReplayWindow:
    size: int = REPLAY_WINDOW
    highest: int = 0
    bitmap: int = 0

    def check(self, seq: int) -> bool:
        if seq == 0:
            return False
        if seq > self.highest:
            return True
        offset = self.highest - seq
        return offset < self.size and not (self.bitmap >> offset) & 1

    def update(self, seq: int) -> None:
        if seq > self.highest:
            self.bitmap = ((self.bitmap << (seq - self.highest)) | 1) & ((1 << self.size) - 1)
            self.highest = seq
        else:
            self.bitmap |= 1 << (self.highest - seq)


def _cipher_name(transforms: tuple[str, ...]) -> str | None:
    return next((t for t in transforms if t in CBC_CIPHERS or t in AEAD_CIPHERS or t in ("esp-null", "esp-seal")),
                None)


def _integrity_name(transforms: tuple[str, ...]) -> str | None:
    return next((t for t in transforms if t in INTEGRITY), None)


def cipher_key_length(transforms: tuple[str, ...], key_size: int | None) -> int:
    name = _cipher_name(transforms)
    if name in CBC_CIPHERS:
        length = CBC_CIPHERS[name][0]
        return length if length is not None else (key_size or 128) // 8
    if name in AEAD_CIPHERS:
        return (key_size or 128) // 8 + SALT
    return SEAL_KEY if name == "esp-seal" else 0


def keymat_length(transforms: tuple[str, ...], key_size: int | None) -> int:
    integrity = _integrity_name(transforms)
    return cipher_key_length(transforms, key_size) + (INTEGRITY[integrity][1] if integrity else 0)


@dataclass
class SaCrypto:
    """Keys and sequence state of one unidirectional SA."""

    protocol: str  # esp | ah
    spi: int
    transforms: tuple[str, ...]
    key_size: int | None
    keymat: bytes
    seq: int = 0
    replay: ReplayWindow = field(default_factory=ReplayWindow)

    @property
    def encrypts(self) -> bool:
        return self.protocol == "esp" and _cipher_name(self.transforms) not in (None, "esp-null", "esp-gmac")

    @property
    def authenticates(self) -> bool:
        return _integrity_name(self.transforms) is not None or _cipher_name(self.transforms) in AEAD_CIPHERS

    def _keys(self) -> tuple[bytes, bytes]:
        split = cipher_key_length(self.transforms, self.key_size)
        return self.keymat[:split], self.keymat[split:]

    def _icv(self, data: bytes) -> bytes:
        name = _integrity_name(self.transforms)
        if name is None:
            return b""
        hash_name, _, length = INTEGRITY[name]
        return hmac.new(self._keys()[1], data, hash_name).digest()[:length]


def _cbc(name: str, key: bytes, iv: bytes) -> Cipher[modes.CBC]:
    algorithm = algorithms.AES(key) if name == "esp-aes" else TripleDES(key * (24 // len(key)))
    return Cipher(algorithm, modes.CBC(iv))


def _seal_ctr(key: bytes, iv: bytes) -> Cipher[modes.CTR]:
    return Cipher(algorithms.AES(key[:16]), modes.CTR(iv))


def _with_trailer(payload: bytes, block: int) -> bytes:
    """RFC 4303 §2.4: payload | 1, 2, 3, ... | pad length | next header, a multiple of `block` bytes."""
    pad = -(len(payload) + 2) % block
    return payload + bytes(range(1, pad + 1)) + bytes([pad, NEXT_HEADER])


def _esp_seal(sa: SaCrypto, payload: bytes, iv_source: bytes) -> bytes:
    name = _cipher_name(sa.transforms)
    enc_key, _ = sa._keys()
    header = struct.pack("!II", sa.spi, sa.seq)
    if name in AEAD_CIPHERS:
        iv = iv_source[:AEAD_IV]
        aead = AESGCM(enc_key[:-SALT])
        body = _with_trailer(payload, 4)
        if name == "esp-gcm":  # RFC 4106: AAD = SPI | seq, nonce = salt | IV
            return header + iv + aead.encrypt(enc_key[-SALT:] + iv, body, header)
        tag = aead.encrypt(enc_key[-SALT:] + iv, b"", header + iv + body)  # RFC 4543: all of it is AAD
        return header + iv + body + tag
    block = CBC_CIPHERS[name][1] if name in CBC_CIPHERS else 4
    body = _with_trailer(payload, block)
    iv = iv_source[:block] if name in CBC_CIPHERS else iv_source[:16] if name == "esp-seal" else b""
    if name in CBC_CIPHERS:
        encryptor = _cbc(name, enc_key, iv).encryptor()
        body = encryptor.update(body) + encryptor.finalize()
    elif name == "esp-seal":
        encryptor = _seal_ctr(enc_key, iv).encryptor()
        body = encryptor.update(body) + encryptor.finalize()
    packet = header + iv + body
    return packet + sa._icv(packet)


def _ah_header(sa: SaCrypto, next_header: int, icv: bytes) -> bytes:
    """RFC 4302: next header | payload length (32-bit words - 2) | reserved | SPI | seq | ICV."""
    return struct.pack("!BBHII", next_header, (AH_FIXED + len(icv)) // 4 - 2, 0, sa.spi, sa.seq) + icv


def seal(sa: SaCrypto, payload: bytes, iv_source: bytes, next_header: int = NEXT_HEADER) -> bytes:
    """Protect one payload; `iv_source` is 16 random bytes from the caller. The AH ICV covers the AH header
    (ICV zeroed) and the payload: the data plane gives the engine no outer IP header to include."""
    sa.seq += 1
    if sa.protocol == "ah":
        length = INTEGRITY[_integrity_name(sa.transforms) or ""][2]
        icv = sa._icv(_ah_header(sa, next_header, bytes(length)) + payload)
        return _ah_header(sa, next_header, icv) + payload
    return _esp_seal(sa, payload, iv_source)


def packet_spi(packet: bytes, protocol: str = "esp") -> int | None:
    offset = 4 if protocol == "ah" else 0
    return struct.unpack_from("!I", packet, offset)[0] if len(packet) >= offset + 8 else None


def _check_sequence(sa: SaCrypto, seq: int) -> None:
    if not sa.replay.check(seq):
        raise EspError("replay")


def _open_ah(sa: SaCrypto, packet: bytes) -> bytes:
    icv_length = INTEGRITY[_integrity_name(sa.transforms) or ""][2]
    header, icv, payload = packet[:AH_FIXED], packet[AH_FIXED:AH_FIXED + icv_length], packet[AH_FIXED + icv_length:]
    if len(icv) != icv_length or packet[1] != (AH_FIXED + icv_length) // 4 - 2:
        raise EspError("malformed")
    if not hmac.compare_digest(icv, sa._icv(header + bytes(icv_length) + payload)):
        raise EspError("auth")
    return payload


def _open_aead(sa: SaCrypto, name: str, packet: bytes) -> bytes:
    enc_key, _ = sa._keys()
    header, iv, rest = packet[:8], packet[8:8 + AEAD_IV], packet[8 + AEAD_IV:]
    if len(rest) < AEAD_ICV:
        raise EspError("malformed")
    aead = AESGCM(enc_key[:-SALT])
    try:
        if name == "esp-gmac":
            aead.decrypt(enc_key[-SALT:] + iv, rest[-AEAD_ICV:], header + iv + rest[:-AEAD_ICV])
            return _strip_trailer(rest[:-AEAD_ICV])
        body = aead.decrypt(enc_key[-SALT:] + iv, rest, header)
    except InvalidTag:
        raise EspError("auth") from None
    return _strip_trailer(body)


def _strip_trailer(body: bytes) -> bytes:
    if len(body) < 2 or body[-2] + 2 > len(body):
        raise EspError("decrypt")
    return body[:len(body) - 2 - body[-2]]


def _open_esp(sa: SaCrypto, packet: bytes) -> bytes:
    name = _cipher_name(sa.transforms)
    if name in AEAD_CIPHERS:
        return _open_aead(sa, name, packet)
    integrity = _integrity_name(sa.transforms)
    icv_length = INTEGRITY[integrity][2] if integrity else 0
    signed, icv = packet[:len(packet) - icv_length], packet[len(packet) - icv_length:]
    if icv_length and not hmac.compare_digest(icv, sa._icv(signed)):
        raise EspError("auth")
    enc_key, _ = sa._keys()
    iv_length = CBC_CIPHERS[name][1] if name in CBC_CIPHERS else 16 if name == "esp-seal" else 0
    iv, body = signed[8:8 + iv_length], signed[8 + iv_length:]
    if name in CBC_CIPHERS:
        if not body or len(body) % CBC_CIPHERS[name][1]:
            raise EspError("decrypt")
        decryptor = _cbc(name, enc_key, iv).decryptor()
        body = decryptor.update(body) + decryptor.finalize()
    elif name == "esp-seal":
        decryptor = _seal_ctr(enc_key, iv).decryptor()
        body = decryptor.update(body) + decryptor.finalize()
    return _strip_trailer(body)


def open_packet(sa: SaCrypto, packet: bytes) -> bytes:
    """Verify, replay-check and decrypt; raises EspError. The replay window moves only for good packets."""
    if len(packet) < (AH_FIXED if sa.protocol == "ah" else 8):
        raise EspError("malformed")
    seq = struct.unpack_from("!I", packet, 8 if sa.protocol == "ah" else 4)[0]
    _check_sequence(sa, seq)
    payload = _open_ah(sa, packet) if sa.protocol == "ah" else _open_esp(sa, packet)
    sa.replay.update(seq)
    return payload
