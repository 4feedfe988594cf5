"""RFC 2409 key derivation for pre-shared-key main mode and quick mode.

prf is HMAC with the negotiated hash. All inputs are byte strings; `*_b` arguments are payload bodies
(codec.payload_bytes) as in the RFC.
"""

from __future__ import annotations

import hashlib
import hmac
import struct
from dataclasses import dataclass

HASHES = {"md5": "md5", "sha": "sha1", "sha256": "sha256", "sha384": "sha384", "sha512": "sha512"}
PROTOCOL_NUMBERS = {"ah": 2, "esp": 3}  # IPsec DOI protocol IDs, the KEYMAT `protocol` octet


def prf(hash_name: str, key: bytes, data: bytes) -> bytes:
    return hmac.new(key, data, HASHES[hash_name]).digest()


def digest(hash_name: str, data: bytes) -> bytes:
    return hashlib.new(HASHES[hash_name], data).digest()


def _mid(message_id: int) -> bytes:
    return struct.pack("!I", message_id)


@dataclass(frozen=True)
class Phase1Keys:
    skeyid: bytes
    skeyid_d: bytes
    skeyid_a: bytes
    skeyid_e: bytes


def derive_phase1(hash_name: str, psk: bytes, nonce_i: bytes, nonce_r: bytes, gxy: bytes,
                  cky_i: bytes, cky_r: bytes) -> Phase1Keys:
    """SKEYID = prf(PSK, Ni_b | Nr_b) and SKEYID_d/a/e (RFC 2409 §5)."""
    skeyid = prf(hash_name, psk, nonce_i + nonce_r)
    skeyid_d = prf(hash_name, skeyid, gxy + cky_i + cky_r + b"\0")
    skeyid_a = prf(hash_name, skeyid, skeyid_d + gxy + cky_i + cky_r + b"\1")
    skeyid_e = prf(hash_name, skeyid, skeyid_a + gxy + cky_i + cky_r + b"\2")
    return Phase1Keys(skeyid, skeyid_d, skeyid_a, skeyid_e)


def hash_i(hash_name: str, skeyid: bytes, gxi: bytes, gxr: bytes, cky_i: bytes, cky_r: bytes,
           sai_b: bytes, idii_b: bytes) -> bytes:
    return prf(hash_name, skeyid, gxi + gxr + cky_i + cky_r + sai_b + idii_b)


def hash_r(hash_name: str, skeyid: bytes, gxi: bytes, gxr: bytes, cky_i: bytes, cky_r: bytes,
           sai_b: bytes, idir_b: bytes) -> bytes:
    return prf(hash_name, skeyid, gxr + gxi + cky_r + cky_i + sai_b + idir_b)


def expand(hash_name: str, key: bytes, length: int) -> bytes:
    """RFC 2409 Appendix B: Ka = K1 | K2 | ..., K1 = prf(key, 0), Kn = prf(key, Kn-1), when key is short."""
    if len(key) >= length:
        return key[:length]
    block = prf(hash_name, key, b"\0")
    out = block
    while len(out) < length:
        block = prf(hash_name, key, block)
        out += block
    return out[:length]


def qm_hash1(hash_name: str, skeyid_a: bytes, message_id: int, rest: bytes) -> bytes:
    """HASH(1) of quick mode and of informational exchanges: prf(SKEYID_a, M-ID | payloads after HASH)."""
    return prf(hash_name, skeyid_a, _mid(message_id) + rest)


def qm_hash2(hash_name: str, skeyid_a: bytes, message_id: int, nonce_i: bytes, rest: bytes) -> bytes:
    return prf(hash_name, skeyid_a, _mid(message_id) + nonce_i + rest)


def qm_hash3(hash_name: str, skeyid_a: bytes, message_id: int, nonce_i: bytes, nonce_r: bytes) -> bytes:
    return prf(hash_name, skeyid_a, b"\0" + _mid(message_id) + nonce_i + nonce_r)


def keymat(hash_name: str, skeyid_d: bytes, protocol: str, spi: int, nonce_i: bytes, nonce_r: bytes,
           length: int, pfs_secret: bytes = b"") -> bytes:
    """KEYMAT for one SA (RFC 2409 §5.5), expanded to `length` bytes: K1 | K2 | ..."""
    seed = pfs_secret + bytes([PROTOCOL_NUMBERS[protocol]]) + struct.pack("!I", spi) + nonce_i + nonce_r
    block = prf(hash_name, skeyid_d, seed)
    out = block
    while len(out) < length:
        block = prf(hash_name, skeyid_d, block + seed)
        out += block
    return out[:length]
