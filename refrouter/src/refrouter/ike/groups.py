"""Diffie-Hellman groups of IKEv1: MODP 1, 2, 5, 14, 15, 16 and ECP 19, 20, 21, via `cryptography`.

Public values on the wire: MODP = big-endian, left-padded to the prime's length; ECP = x | y (RFC 5903).
Shared secrets: MODP g^xy padded to the prime's length; ECP the x coordinate.

Loading DH parameters costs 30-50 ms for groups 1 and 2 (OpenSSL checks them) and <1 ms for the others;
they are loaded once per process. Key generation and exchange measured at 0.2-4 ms per side (group 16
slowest). `cryptography` marks finite-field DH deprecated; its warning is silenced for the imports below only.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import cache

from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.utils import CryptographyDeprecationWarning

with warnings.catch_warnings():  # finite-field DH is deprecated in cryptography; IKEv1 needs it
    warnings.simplefilter("ignore", CryptographyDeprecationWarning)
    from cryptography.hazmat.primitives.asymmetric.dh import (
        DHParameterNumbers,
        DHParameters,
        DHPrivateKey,
        DHPublicNumbers,
    )

MODP_GENERATOR = 2
MODP_PRIMES = {
    1: int(  # 768-bit MODP, RFC 2409 §6.1
        "ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74020bbea63b139b22514a08798e3404dd"
        "ef9519b3cd3a431b302b0a6df25f14374fe1356d6d51c245e485b576625e7ec6f44c42e9a63a3620ffffffffffffffff",
        16,
    ),
    2: int(  # 1024-bit MODP, RFC 2409 §6.2
        "ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74020bbea63b139b22514a08798e3404dd"
        "ef9519b3cd3a431b302b0a6df25f14374fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7ed"
        "ee386bfb5a899fa5ae9f24117c4b1fe649286651ece65381ffffffffffffffff",
        16,
    ),
    5: int(  # 1536-bit MODP, RFC 3526 §2
        "ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74020bbea63b139b22514a08798e3404dd"
        "ef9519b3cd3a431b302b0a6df25f14374fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7ed"
        "ee386bfb5a899fa5ae9f24117c4b1fe649286651ece45b3dc2007cb8a163bf0598da48361c55d39a69163fa8fd24cf5f"
        "83655d23dca3ad961c62f356208552bb9ed529077096966d670c354e4abc9804f1746c08ca237327ffffffffffffffff",
        16,
    ),
    14: int(  # 2048-bit MODP, RFC 3526 §3
        "ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74020bbea63b139b22514a08798e3404dd"
        "ef9519b3cd3a431b302b0a6df25f14374fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7ed"
        "ee386bfb5a899fa5ae9f24117c4b1fe649286651ece45b3dc2007cb8a163bf0598da48361c55d39a69163fa8fd24cf5f"
        "83655d23dca3ad961c62f356208552bb9ed529077096966d670c354e4abc9804f1746c08ca18217c32905e462e36ce3b"
        "e39e772c180e86039b2783a2ec07a28fb5c55df06f4c52c9de2bcbf6955817183995497cea956ae515d2261898fa0510"
        "15728e5a8aacaa68ffffffffffffffff",
        16,
    ),
    15: int(  # 3072-bit MODP, RFC 3526 §4
        "ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74020bbea63b139b22514a08798e3404dd"
        "ef9519b3cd3a431b302b0a6df25f14374fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7ed"
        "ee386bfb5a899fa5ae9f24117c4b1fe649286651ece45b3dc2007cb8a163bf0598da48361c55d39a69163fa8fd24cf5f"
        "83655d23dca3ad961c62f356208552bb9ed529077096966d670c354e4abc9804f1746c08ca18217c32905e462e36ce3b"
        "e39e772c180e86039b2783a2ec07a28fb5c55df06f4c52c9de2bcbf6955817183995497cea956ae515d2261898fa0510"
        "15728e5a8aaac42dad33170d04507a33a85521abdf1cba64ecfb850458dbef0a8aea71575d060c7db3970f85a6e1e4c7"
        "abf5ae8cdb0933d71e8c94e04a25619dcee3d2261ad2ee6bf12ffa06d98a0864d87602733ec86a64521f2b18177b200c"
        "bbe117577a615d6c770988c0bad946e208e24fa074e5ab3143db5bfce0fd108e4b82d120a93ad2caffffffffffffffff",
        16,
    ),
    16: int(  # 4096-bit MODP, RFC 3526 §5
        "ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74020bbea63b139b22514a08798e3404dd"
        "ef9519b3cd3a431b302b0a6df25f14374fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7ed"
        "ee386bfb5a899fa5ae9f24117c4b1fe649286651ece45b3dc2007cb8a163bf0598da48361c55d39a69163fa8fd24cf5f"
        "83655d23dca3ad961c62f356208552bb9ed529077096966d670c354e4abc9804f1746c08ca18217c32905e462e36ce3b"
        "e39e772c180e86039b2783a2ec07a28fb5c55df06f4c52c9de2bcbf6955817183995497cea956ae515d2261898fa0510"
        "15728e5a8aaac42dad33170d04507a33a85521abdf1cba64ecfb850458dbef0a8aea71575d060c7db3970f85a6e1e4c7"
        "abf5ae8cdb0933d71e8c94e04a25619dcee3d2261ad2ee6bf12ffa06d98a0864d87602733ec86a64521f2b18177b200c"
        "bbe117577a615d6c770988c0bad946e208e24fa074e5ab3143db5bfce0fd108e4b82d120a92108011a723c12a787e6d7"
        "88719a10bdba5b2699c327186af4e23c1a946834b6150bda2583e9ca2ad44ce8dbbbc2db04de8ef92e8efc141fbecaa6"
        "287c59474e6bc05d99b2964fa090c3a2233ba186515be7ed1f612970cee2d7afb81bdd762170481cd0069127d5b05aa9"
        "93b4ea988d8fddc186ffb7dc90a6c08f4df435c934063199ffffffffffffffff",
        16,
    ),
}
ECP_CURVES: dict[int, type[ec.EllipticCurve]] = {19: ec.SECP256R1, 20: ec.SECP384R1, 21: ec.SECP521R1}
SUPPORTED_GROUPS = tuple(sorted([*MODP_PRIMES, *ECP_CURVES]))
GROUP_BITS = {1: 768, 2: 1024, 5: 1536, 14: 2048, 15: 3072, 16: 4096, 19: 256, 20: 384, 21: 521}


class UnsupportedGroup(ValueError):
    pass


class KeyExchangeError(ValueError):
    """The peer's public value is not valid for the group."""


def _modp_bytes(group: int) -> int:
    return (MODP_PRIMES[group].bit_length() + 7) // 8


def _ecp_coordinate_bytes(group: int) -> int:
    return (ECP_CURVES[group]().key_size + 7) // 8


def public_value_length(group: int) -> int:
    if group in MODP_PRIMES:
        return _modp_bytes(group)
    if group in ECP_CURVES:
        return 2 * _ecp_coordinate_bytes(group)
    raise UnsupportedGroup(f"DH group {group} is not supported")


@cache
def _modp_parameters(group: int) -> DHParameters:
    return DHParameterNumbers(MODP_PRIMES[group], MODP_GENERATOR).parameters()


@dataclass
class ModpKeyPair:
    group: int
    _private: DHPrivateKey

    @property
    def public(self) -> bytes:
        y = self._private.public_key().public_numbers().y
        return y.to_bytes(_modp_bytes(self.group), "big")

    def shared(self, peer_public: bytes) -> bytes:
        size = _modp_bytes(self.group)
        prime = MODP_PRIMES[self.group]
        y = int.from_bytes(peer_public, "big")
        if len(peer_public) != size or not 1 < y < prime - 1:
            raise KeyExchangeError("MODP public value out of range")
        peer = DHPublicNumbers(y, _modp_parameters(self.group).parameter_numbers()).public_key()
        return self._private.exchange(peer).rjust(size, b"\0")


@dataclass
class EcpKeyPair:
    group: int
    _private: ec.EllipticCurvePrivateKey

    @property
    def public(self) -> bytes:
        numbers = self._private.public_key().public_numbers()
        size = _ecp_coordinate_bytes(self.group)
        return numbers.x.to_bytes(size, "big") + numbers.y.to_bytes(size, "big")

    def shared(self, peer_public: bytes) -> bytes:
        if len(peer_public) != public_value_length(self.group):
            raise KeyExchangeError("ECP public value has the wrong length")
        try:
            peer = ec.EllipticCurvePublicKey.from_encoded_point(ECP_CURVES[self.group](), b"\x04" + peer_public)
        except ValueError:
            raise KeyExchangeError("ECP public value is not a curve point") from None
        return self._private.exchange(ec.ECDH(), peer)


DhKeyPair = ModpKeyPair | EcpKeyPair


def generate(group: int) -> DhKeyPair:
    """A fresh key pair for one exchange."""
    if group in MODP_PRIMES:
        return ModpKeyPair(group, _modp_parameters(group).generate_private_key())
    if group in ECP_CURVES:
        return EcpKeyPair(group, ec.generate_private_key(ECP_CURVES[group]()))
    raise UnsupportedGroup(f"DH group {group} is not supported")
