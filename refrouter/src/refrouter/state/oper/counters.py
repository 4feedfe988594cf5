"""Counter groups of the flow MIB (CISCO-IPSEC-FLOW-MONITOR-MIB): per tunnel, and the global-only events.

Field names are the MIB column names in snake_case without the table prefix
(`cikeTunInP2ExchgRejects` -> `in_p2_exchg_rejects`). Values are unbounded Python ints; a renderer that
must show a Counter32 uses `counter32()`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Self


def counter32(value: int) -> int:
    return value & 0xFFFFFFFF


def counter_wraps(value: int) -> int:
    """The MIB's *OctWraps objects: how many times the 32-bit counter wrapped."""
    return value >> 32


class _Summable:
    """Mixin for counter dataclasses: field-wise add and copy."""

    def add(self, other: Self) -> None:
        for item in fields(self):  # type: ignore[arg-type]
            setattr(self, item.name, getattr(self, item.name) + getattr(other, item.name))

    def copy(self) -> Self:
        return replace(self)  # type: ignore[type-var]


@dataclass
class IkeCounters(_Summable):
    """cikeTunIn*/cikeTunOut* (.19-.34): one phase-1 tunnel's traffic."""

    in_octets: int = 0
    in_pkts: int = 0
    in_drop_pkts: int = 0
    in_notifys: int = 0
    in_p2_exchgs: int = 0
    in_p2_exchg_invalids: int = 0
    in_p2_exchg_rejects: int = 0
    in_p2_sa_del_requests: int = 0
    out_octets: int = 0
    out_pkts: int = 0
    out_drop_pkts: int = 0
    out_notifys: int = 0
    out_p2_exchgs: int = 0
    out_p2_exchg_invalids: int = 0
    out_p2_exchg_rejects: int = 0
    out_p2_sa_del_requests: int = 0


@dataclass
class IkeEvents(_Summable):
    """cikeGlobal* objects that have no per-tunnel column (.19-.26)."""

    init_tunnels: int = 0
    init_tunnel_fails: int = 0
    resp_tunnel_fails: int = 0
    sys_cap_fails: int = 0
    auth_fails: int = 0
    decrypt_fails: int = 0
    hash_valid_fails: int = 0
    no_sa_fails: int = 0


@dataclass
class IpsecCounters(_Summable):
    """cipSecTunIn*/cipSecTunOut* (.26-.50) without the Hc/Wraps views (derive them from these)."""

    in_octets: int = 0
    in_decomp_octets: int = 0
    in_pkts: int = 0
    in_drop_pkts: int = 0
    in_replay_drop_pkts: int = 0
    in_auths: int = 0
    in_auth_fails: int = 0
    in_decrypts: int = 0
    in_decrypt_fails: int = 0
    out_octets: int = 0
    out_uncomp_octets: int = 0
    out_pkts: int = 0
    out_drop_pkts: int = 0
    out_auths: int = 0
    out_auth_fails: int = 0
    out_encrypts: int = 0
    out_encrypt_fails: int = 0


# `show crypto ipsec sa` labels (#pkts encaps: ...) -> IpsecCounters fields
IPSEC_SA_SHOW_COUNTERS = {
    "encaps": "out_pkts", "encrypt": "out_encrypts", "digest": "out_auths",
    "decaps": "in_pkts", "decrypt": "in_decrypts", "verify": "in_auths",
    "verify failed": "in_auth_fails", "replay failed": "in_replay_drop_pkts",
}


@dataclass
class IpsecEvents(_Summable):
    """cipSecGlobal* objects that have no per-tunnel column."""

    protocol_use_fails: int = 0
    no_sa_fails: int = 0
    sys_cap_fails: int = 0
