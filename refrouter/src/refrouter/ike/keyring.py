"""Which pre-shared key a negotiation uses: keyrings (`crypto keyring`) and global `crypto isakmp key`.

Rule (README "Keyrings and ISAKMP profiles"; Cisco TAC document 117259, IOS 15.3T): main mode must pick the
key before the peer's identity is known, so it looks the peer ADDRESS up in every keyring whose VRF is the
front-door VRF of the local address and whose `local-address` (if any) is the local address, plus the global
keys (IOS's default keyring). The most specific match wins (host before longer mask before shorter); on a
tie the keyrings in configuration order come first, the global keys last. Hostname keys are found only by
an identity (aggressive mode). An initiator whose crypto map names an ISAKMP profile with keyrings searches
only those keyrings.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from ..state.config.ikev1 import Keyring
from ..state.config.lookup import interface_for
from ..state.config.model import RunningConfig

GLOBAL_KEYRING = "default"  # IOS's name for the global `crypto isakmp key` entries


@dataclass(frozen=True)
class PresharedKey:
    secret: bytes
    keyring: str  # the keyring it came from; GLOBAL_KEYRING for `crypto isakmp key`


def _prefix(peer: ipaddress.IPv4Address, address: str, mask: str | None) -> int | None:
    try:
        network = ipaddress.IPv4Network(f"{address}/{mask or '255.255.255.255'}", strict=False)
    except ValueError:
        return None
    return network.prefixlen if peer in network else None


def _keyring_applies(config: RunningConfig, keyring: Keyring, local: str) -> bool:
    interface = interface_for(config, local)
    if keyring.vrf != (interface.vrf if interface else None):
        return False
    if keyring.local_address is None:
        return True
    named = config.interfaces.get(keyring.local_address)
    return local in (keyring.local_address, named.address if named else None)


def _keyrings(config: RunningConfig, local: str, only: list[str] | None) -> list[Keyring]:
    names = only if only else list(config.ikev1.keyrings)
    found = [config.ikev1.keyrings[n] for n in names if n in config.ikev1.keyrings]
    return [k for k in found if _keyring_applies(config, k, local)]


def key_for_address(config: RunningConfig, local: str, peer: str, only: list[str] | None = None) -> PresharedKey | None:
    """The most specific address key for `peer` (module docstring); `only`: the profile's keyrings."""
    address = ipaddress.IPv4Address(peer)
    best: tuple[int, PresharedKey] | None = None
    for keyring in _keyrings(config, local, only):
        for key in (k for k in keyring.keys if k.kind == "address"):
            length = _prefix(address, key.peer, key.mask)
            if length is not None and (best is None or length > best[0]):
                best = (length, PresharedKey(key.key.encode(), keyring.name))
    if not only:
        global_key = config.find_key(peer)
        if global_key is not None:
            length = _prefix(address, global_key.address, global_key.mask)
            if length is not None and (best is None or length > best[0]):
                best = (length, PresharedKey(global_key.key.encode(), GLOBAL_KEYRING))
    return best[1] if best else None


def key_for_hostname(config: RunningConfig, local: str, hostname: str,
                     only: list[str] | None = None) -> PresharedKey | None:
    """A `pre-shared-key hostname H` (or `crypto isakmp key K hostname H`) for an identity (case-insensitive)."""
    wanted = hostname.lower()
    for keyring in _keyrings(config, local, only):
        for key in keyring.keys:
            if key.kind == "hostname" and key.peer.lower() == wanted:
                return PresharedKey(key.key.encode(), keyring.name)
    if not only:
        for global_key in config.isakmp_keys:
            if global_key.hostname and global_key.hostname.lower() == wanted:
                return PresharedKey(global_key.key.encode(), GLOBAL_KEYRING)
    return None
