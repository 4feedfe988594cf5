"""Phase-1 encryption: CBC with the negotiated cipher, IVs chained as in RFC 2409 Appendix B.

Main mode messages 5 and 6, quick mode and informational exchanges are really encrypted with the key
derived from SKEYID_e; a peer with the wrong pre-shared key decrypts garbage.
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from . import keys


class DecryptError(ValueError):
    pass


@dataclass(frozen=True)
class Phase1Cipher:
    name: str  # des | 3des | aes
    key_length: int  # bytes
    block_size: int  # bytes

    def _cipher(self, key: bytes, iv: bytes) -> Cipher[modes.CBC]:
        algorithm = algorithms.AES(key) if self.name == "aes" else TripleDES(key * (24 // len(key)))
        return Cipher(algorithm, modes.CBC(iv))

    def encrypt(self, key: bytes, iv: bytes, plaintext: bytes) -> bytes:
        padded = plaintext + b"\0" * (-len(plaintext) % self.block_size)
        encryptor = self._cipher(key, iv).encryptor()
        return encryptor.update(padded) + encryptor.finalize()

    def decrypt(self, key: bytes, iv: bytes, ciphertext: bytes) -> bytes:
        if not ciphertext or len(ciphertext) % self.block_size:
            raise DecryptError("ciphertext is not a whole number of blocks")
        decryptor = self._cipher(key, iv).decryptor()
        return decryptor.update(ciphertext) + decryptor.finalize()

    def last_block(self, ciphertext: bytes) -> bytes:
        return ciphertext[-self.block_size:]


def phase1_cipher(encryption: str, key_size: int | None) -> Phase1Cipher:
    if encryption == "aes":
        return Phase1Cipher("aes", (key_size or 128) // 8, 16)
    if encryption == "3des":
        return Phase1Cipher("3des", 24, 8)
    if encryption == "des":
        return Phase1Cipher("des", 8, 8)
    raise ValueError(f"unsupported phase-1 cipher {encryption!r}")


def initial_iv(hash_name: str, cipher: Phase1Cipher, gxi: bytes, gxr: bytes) -> bytes:
    """IV of main mode message 5: hash(g^xi | g^xr), truncated to the block size."""
    return keys.digest(hash_name, gxi + gxr)[:cipher.block_size]


def exchange_iv(hash_name: str, cipher: Phase1Cipher, phase1_last_block: bytes, message_id: int) -> bytes:
    """First IV of a quick mode or informational exchange: hash(last phase-1 CBC block | M-ID)."""
    return keys.digest(hash_name, phase1_last_block + message_id.to_bytes(4, "big"))[:cipher.block_size]
