"""The IKEv2 algorithms the reference router speaks: names as IOS configures them, IANA transform IDs,
key sizes, and the `cryptography` primitives behind them."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from refrouter.ike.groups import SUPPORTED_GROUPS


@dataclass(frozen=True)
class Cipher:
    transform_id: int
    key_bits: int
    aead: bool  # AES-GCM: no integrity transform, 4-byte salt after the key, 8-byte IV, 16-byte ICV

    @property
    def key_bytes(self) -> int:
        """Keying material taken from prf+ (the key, plus the salt for GCM; RFC 5282 §7.1)."""
        return self.key_bits // 8 + (4 if self.aead else 0)


@dataclass(frozen=True)
class Integrity:
    transform_id: int
    hash_name: str
    key_bytes: int
    icv_bytes: int


CIPHERS = {
    "aes-cbc-128": Cipher(12, 128, False),
    "aes-cbc-192": Cipher(12, 192, False),
    "aes-cbc-256": Cipher(12, 256, False),
    "aes-gcm-128": Cipher(20, 128, True),
    "aes-gcm-256": Cipher(20, 256, True),
}
PRFS = {"md5": (1, "md5"), "sha1": (2, "sha1"), "sha256": (5, "sha256"), "sha384": (6, "sha384"),
        "sha512": (7, "sha512")}
INTEGRITIES = {
    "md5": Integrity(1, "md5", 16, 12),
    "sha1": Integrity(2, "sha1", 20, 12),
    "sha256": Integrity(12, "sha256", 32, 16),
    "sha384": Integrity(13, "sha384", 48, 24),
    "sha512": Integrity(14, "sha512", 64, 32),
}
GROUPS = SUPPORTED_GROUPS
GCM_ICV_BYTES = 16
GCM_IV_BYTES = 8
CBC_IV_BYTES = 16


def cipher_by_id(transform_id: int, key_bits: int | None) -> str | None:
    for name, cipher in CIPHERS.items():
        if cipher.transform_id == transform_id and cipher.key_bits == key_bits:
            return name
    return None


def prf_by_id(transform_id: int) -> str | None:
    return next((name for name, (ident, _) in PRFS.items() if ident == transform_id), None)


def integrity_by_id(transform_id: int) -> str | None:
    return next((name for name, spec in INTEGRITIES.items() if spec.transform_id == transform_id), None)


def prf(name: str, key: bytes, data: bytes) -> bytes:
    """HMAC with the PRF's hash (RFC 2104; all IKEv2 PRFs here are HMAC-based)."""
    return hmac.new(key, data, PRFS[name][1]).digest()


def prf_length(name: str) -> int:
    return hashlib.new(PRFS[name][1]).digest_size


def integrity_icv(name: str, key: bytes, data: bytes) -> bytes:
    spec = INTEGRITIES[name]
    return hmac.new(key, data, spec.hash_name).digest()[:spec.icv_bytes]


@dataclass(frozen=True)
class Suite:
    """One negotiated IKE SA or child SA algorithm set (`integrity` None with AES-GCM; `group` None for a
    child SA without PFS)."""

    encryption: str
    integrity: str | None
    prf: str | None
    group: int | None

    def describe(self) -> str:
        parts = [self.encryption.upper(), f"PRF {self.prf.upper()}" if self.prf else "",
                 f"Hash {self.integrity.upper()}" if self.integrity else "",
                 f"DH Grp:{self.group}" if self.group else ""]
        return ", ".join(p for p in parts if p)
