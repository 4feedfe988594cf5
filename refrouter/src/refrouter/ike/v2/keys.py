"""RFC 7296 key derivation: prf+ (§2.13), SKEYSEED and SK_* (§2.14), IKE SA rekey (§2.18), child SA
KEYMAT (§2.17) and the pre-shared-key AUTH value (§2.15)."""

from __future__ import annotations

from dataclasses import dataclass

from refrouter.ike.v2.algorithms import CIPHERS, INTEGRITIES, Suite, prf, prf_length
from refrouter.ike.v2.constants import KEY_PAD
from refrouter.ike.v2.protection import DirectionKeys


def prf_plus(name: str, key: bytes, seed: bytes, length: int) -> bytes:
    """T1 | T2 | ... with Tn = prf(K, Tn-1 | S | n), at most 255 blocks."""
    out, block, counter = b"", b"", 1
    while len(out) < length:
        if counter > 255:
            raise ValueError("prf+ asked for more than 255 blocks")
        block = prf(name, key, block + seed + bytes([counter]))
        out += block
        counter += 1
    return out[:length]


@dataclass(frozen=True)
class IkeKeys:
    d: bytes
    initiator: DirectionKeys  # SK_ei / SK_ai: protects what the original initiator sends
    responder: DirectionKeys
    pi: bytes
    pr: bytes


def _split(data: bytes, sizes: list[int]) -> list[bytes]:
    parts, pos = [], 0
    for size in sizes:
        parts.append(data[pos:pos + size])
        pos += size
    return parts


def ike_keys(suite: Suite, skeyseed: bytes, nonce_i: bytes, nonce_r: bytes, spi_i: bytes,
             spi_r: bytes) -> IkeKeys:
    assert suite.prf is not None
    prf_size = prf_length(suite.prf)
    integ = 0 if suite.integrity is None else INTEGRITIES[suite.integrity].key_bytes
    encr = CIPHERS[suite.encryption].key_bytes
    sizes = [prf_size, integ, integ, encr, encr, prf_size, prf_size]
    d, ai, ar, ei, er, pi, pr = _split(
        prf_plus(suite.prf, skeyseed, nonce_i + nonce_r + spi_i + spi_r, sum(sizes)), sizes)
    return IkeKeys(d, DirectionKeys(suite.encryption, suite.integrity, ei, ai),
                   DirectionKeys(suite.encryption, suite.integrity, er, ar), pi, pr)


def initial_skeyseed(prf_name: str, nonce_i: bytes, nonce_r: bytes, shared: bytes) -> bytes:
    return prf(prf_name, nonce_i + nonce_r, shared)


def rekey_skeyseed(old_prf: str, old_d: bytes, shared: bytes, nonce_i: bytes, nonce_r: bytes) -> bytes:
    """SKEYSEED = prf(SK_d (old), g^ir (new) | Ni | Nr), with the old SA's PRF (§2.18)."""
    return prf(old_prf, old_d, shared + nonce_i + nonce_r)


@dataclass(frozen=True)
class ChildKeys:
    """KEYMAT split per RFC 7296 §2.17: the initiator-to-responder SA's keys first."""

    encryption_i: bytes
    integrity_i: bytes
    encryption_r: bytes
    integrity_r: bytes


def child_keys(prf_name: str, sk_d: bytes, suite: Suite, nonce_i: bytes, nonce_r: bytes,
               shared: bytes = b"") -> ChildKeys:
    encr = CIPHERS[suite.encryption].key_bytes
    integ = 0 if suite.integrity is None else INTEGRITIES[suite.integrity].key_bytes
    ei, ai, er, ar = _split(prf_plus(prf_name, sk_d, shared + nonce_i + nonce_r, 2 * (encr + integ)),
                            [encr, integ, encr, integ])
    return ChildKeys(ei, ai, er, ar)


def psk_auth(prf_name: str, secret: str, real_message: bytes, peer_nonce: bytes, sk_p: bytes,
             id_body: bytes) -> bytes:
    """AUTH = prf(prf(Shared Secret, "Key Pad for IKEv2"), <message> | <peer's nonce> | prf(SK_p, ID'))."""
    signed = real_message + peer_nonce + prf(prf_name, sk_p, id_body)
    return prf(prf_name, prf(prf_name, secret.encode(), KEY_PAD), signed)
