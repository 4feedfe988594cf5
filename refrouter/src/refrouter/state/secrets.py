"""Secret hashing for `enable secret` and `username ... secret` (type-9 look-alike), and its check."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets


def hash_secret(secret: str, salt: str | None = None) -> str:
    """A type-9 look-alike: `$9$<salt>$<digest>` (scrypt), never the clear text."""
    salt = salt or base64.b64encode(secrets.token_bytes(9)).decode().replace("+", ".")
    digest = hashlib.scrypt(secret.encode(), salt=salt.encode(), n=1024, r=8, p=1, dklen=24)
    return f"$9${salt}${base64.b64encode(digest).decode().rstrip('=')}"


def check_secret(secret: str, hashed: str) -> bool:
    parts = hashed.split("$")
    if len(parts) != 4 or parts[1] != "9":
        return False
    return hmac.compare_digest(hash_secret(secret, parts[2]), hashed)
