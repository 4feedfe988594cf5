"""Type-6 secrets: pre-shared keys encrypted with the master key (`key config-key password-encrypt`).

AES-256-GCM under SHA-256(master key). The nonce is an HMAC of the clear text under that key, so the same key
always renders the same text (a re-render is no configuration change) and nothing but the master key
opens it. The text is URL-safe base64 without padding: one word, like IOS's, but not IOS's byte format.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NONCE_BYTES = 12
MAGIC = b"T6"  # associated data: a type-6 text of another kind never decrypts here


class Type6Error(ValueError):
    """The text is not a type-6 secret sealed with this master key."""


def _key(master_key: str) -> bytes:
    return hashlib.sha256(b"refrouter type-6\0" + master_key.encode()).digest()


def seal(master_key: str, secret: str) -> str:
    key = _key(master_key)
    plain = secret.encode()
    nonce = hmac.new(key, plain, hashlib.sha256).digest()[:NONCE_BYTES]
    sealed = nonce + AESGCM(key).encrypt(nonce, plain, MAGIC)
    return base64.urlsafe_b64encode(sealed).decode().rstrip("=")


def unseal(master_key: str, text: str) -> str:
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        if len(raw) <= NONCE_BYTES:
            raise Type6Error("too short")
        return AESGCM(_key(master_key)).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], MAGIC).decode()
    except (binascii.Error, InvalidTag, UnicodeDecodeError, ValueError) as exc:
        raise Type6Error("not a type-6 secret of this master key") from exc
