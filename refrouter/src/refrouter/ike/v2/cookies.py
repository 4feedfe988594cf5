"""The stateless cookie of RFC 7296 §2.6: Cookie = VersionIDofSecret | Hash(Ni | IPi | SPIi | <secret>)."""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass, field


@dataclass
class CookieJar:
    secret: bytes = field(default_factory=lambda: os.urandom(32))
    version: int = 0

    def make(self, nonce_i: bytes, peer: str, spi_i: bytes) -> bytes:
        digest = hashlib.sha256(nonce_i + peer.encode() + spi_i + self.secret).digest()
        return self.version.to_bytes(4, "big") + digest

    def valid(self, cookie: bytes, nonce_i: bytes, peer: str, spi_i: bytes) -> bool:
        return hmac.compare_digest(cookie, self.make(nonce_i, peer, spi_i))
