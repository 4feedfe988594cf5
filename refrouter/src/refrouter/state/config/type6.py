"""Type-6 (AES) storage of pre-shared keys: `key config-key password-encrypt` + `password encryption aes`.

The text is the router's own reversible encoding (a keystream from the master key and a salt, base64 in IOS's
alphabet look-alike); it is not IOS's algorithm, so a type-6 key copied from a real router cannot be
decrypted here and stays unusable for IKE (docs/refrouter.md, "Pre-shared keys as IOS stores them").
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

MAGIC = b"R6"


@dataclass
class KeyStorage:
    password_encryption_aes: bool = False
    master_key: str | None = None  # `key config-key password-encrypt KEY`; never rendered (as IOS)
    service_password_encryption: bool = False

    @property
    def encrypts(self) -> bool:
        return self.password_encryption_aes and self.master_key is not None


def _stream(master: str, salt: bytes, length: int) -> bytes:
    out = b""
    counter = 0
    while len(out) < length:
        out += hashlib.sha256(master.encode() + salt + counter.to_bytes(4, "big")).digest()
        counter += 1
    return out[:length]


def encrypt(clear: str, master: str) -> str:
    salt = secrets.token_bytes(6)
    data = clear.encode()
    body = bytes(a ^ b for a, b in zip(data, _stream(master, salt, len(data)), strict=True))
    tag = hmac.new(master.encode(), salt + body, hashlib.sha256).digest()[:4]
    return base64.b64encode(MAGIC + salt + body + tag, altchars=b"_^").decode().rstrip("=")


def decrypt(text: str, master: str | None) -> str | None:
    """The clear text of a type-6 key written by `encrypt`, or None (other router, wrong master key)."""
    if master is None:
        return None
    try:
        raw = base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"_^", validate=True)
    except ValueError:
        return None
    if len(raw) < 12 or not raw.startswith(MAGIC):
        return None
    salt, body, tag = raw[2:8], raw[8:-4], raw[-4:]
    if not hmac.compare_digest(tag, hmac.new(master.encode(), salt + body, hashlib.sha256).digest()[:4]):
        return None
    clear = bytes(a ^ b for a, b in zip(body, _stream(master, salt, len(body)), strict=True))
    try:
        return clear.decode()
    except UnicodeDecodeError:
        return None
