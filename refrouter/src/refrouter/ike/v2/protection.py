"""The SK payload (RFC 7296 §3.14): AES-CBC + HMAC (encrypt then MAC over the whole message) and AES-GCM
(RFC 5282: the IKE header and SK payload header as AAD, salt | explicit IV as nonce)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher as CipherImpl
from cryptography.hazmat.primitives.ciphers import algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from refrouter.ike.v2.algorithms import (
    CBC_IV_BYTES,
    CIPHERS,
    GCM_ICV_BYTES,
    GCM_IV_BYTES,
    INTEGRITIES,
    integrity_icv,
)


class IntegrityCheckFailed(ValueError):
    """The ICV does not verify, or the plaintext's padding is inconsistent: the message is dropped."""


@dataclass(frozen=True)
class DirectionKeys:
    """Keys protecting one direction of an IKE SA (SK_ei/SK_ai or SK_er/SK_ar)."""

    encryption: str
    integrity: str | None
    encryption_key: bytes
    integrity_key: bytes

    @property
    def overhead(self) -> tuple[int, int]:
        """(IV bytes, ICV bytes)."""
        if CIPHERS[self.encryption].aead:
            return GCM_IV_BYTES, GCM_ICV_BYTES
        assert self.integrity is not None
        return CBC_IV_BYTES, INTEGRITIES[self.integrity].icv_bytes


def seal(keys: DirectionKeys, inner: bytes, aad_for: Callable[[int], bytes]) -> bytes:
    """The SK payload body (IV | ciphertext | ICV) for `inner`; `aad_for(body_length)` gives the bytes the
    ICV covers before the IV (IKE header + SK generic header, built with the final lengths)."""
    iv_len, icv_len = keys.overhead
    if CIPHERS[keys.encryption].aead:
        plaintext = inner + b"\x00"  # no padding, pad length 0
        iv = os.urandom(iv_len)
        aad = aad_for(iv_len + len(plaintext) + icv_len)
        key, salt = keys.encryption_key[:-4], keys.encryption_key[-4:]
        return iv + AESGCM(key).encrypt(salt + iv, plaintext, aad)
    pad = (16 - (len(inner) + 1) % 16) % 16
    plaintext = inner + b"\x00" * pad + bytes([pad])
    iv = os.urandom(iv_len)
    encryptor = CipherImpl(algorithms.AES(keys.encryption_key), modes.CBC(iv)).encryptor()
    ciphertext = encryptor.update(plaintext) + encryptor.finalize()
    aad = aad_for(iv_len + len(ciphertext) + icv_len)
    assert keys.integrity is not None
    return iv + ciphertext + integrity_icv(keys.integrity, keys.integrity_key, aad + iv + ciphertext)


def open_sealed(keys: DirectionKeys, aad: bytes, body: bytes) -> bytes:
    """The inner payload chain of an SK payload body; `aad` = the message bytes before the IV."""
    iv_len, icv_len = keys.overhead
    if len(body) < iv_len + icv_len + 1:
        raise IntegrityCheckFailed("SK payload too short")
    iv = body[:iv_len]
    if CIPHERS[keys.encryption].aead:
        key, salt = keys.encryption_key[:-4], keys.encryption_key[-4:]
        try:
            plaintext = AESGCM(key).decrypt(salt + iv, body[iv_len:], aad)
        except InvalidTag:
            raise IntegrityCheckFailed("AES-GCM tag does not verify") from None
    else:
        ciphertext, icv = body[iv_len:-icv_len], body[-icv_len:]
        assert keys.integrity is not None
        if integrity_icv(keys.integrity, keys.integrity_key, aad + iv + ciphertext) != icv:
            raise IntegrityCheckFailed("ICV does not verify")
        if len(ciphertext) % 16:
            raise IntegrityCheckFailed("ciphertext is not a whole number of blocks")
        decryptor = CipherImpl(algorithms.AES(keys.encryption_key), modes.CBC(iv)).decryptor()
        plaintext = decryptor.update(ciphertext) + decryptor.finalize()
    pad = plaintext[-1]
    if pad + 1 > len(plaintext):
        raise IntegrityCheckFailed("pad length larger than the plaintext")
    return plaintext[:-(pad + 1)]
