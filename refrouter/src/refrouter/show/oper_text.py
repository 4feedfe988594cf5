"""Text pieces shared by the operational crypto show commands: times, SPIs, selectors, label blocks."""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Callable, Iterable

from ..state.oper.counters import counter32
from ..state.oper.sa import IkeSa, ProxyIdent

IKE_PORT = 500
NONE_VRF = "(none)"  # `protected vrf: (none)`, `fvrf: (none)`
PROTOCOL_NAMES = {0: "ip"}  # selectors print `ip` for protocol 0 and the number otherwise (`permit 47 ...`)
AUTH_ABBREVIATION = {"pre-share": "psk", "rsa-sig": "rsig", "rsa-encr": "renc"}
Row = tuple[str, object]


def hms(seconds: float) -> str:
    """`00:05:46`: active times, remaining lifetimes, failure times (hours grow past 24)."""
    hours, rest = divmod(max(0, int(seconds)), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}"


def ios_uptime(seconds: float) -> str:
    """IOS uptime style of `show crypto session detail`: `00:27:42`, `3d18h`, `7w0d`."""
    total = max(0, int(seconds))
    days, rest = divmod(total, 86400)
    if days == 0:
        return hms(rest)
    if days < 7:
        return f"{days}d{rest // 3600}h"
    return f"{days // 7}w{days % 7}d"


def spi_text(spi: int) -> str:
    """`0x397C36EE(964441838)`."""
    return f"0x{spi:X}({spi})"


def vrf_text(vrf: str | None) -> str:
    return vrf or NONE_VRF


def protocol_text(ident: ProxyIdent) -> str:
    return PROTOCOL_NAMES.get(ident.proto, str(ident.proto))


def _port_suffix(ident: ProxyIdent) -> str:
    return f" port {ident.port}" if ident.port else ""


def session_address(ident: ProxyIdent) -> str:
    """`host 10.1.1.4` or `20.20.20.0/255.255.255.0` (`show crypto session` IPSEC FLOW)."""
    text = f"host {ident.addr}" if ident.is_host else f"{ident.addr}/{ident.mask}"
    return text + _port_suffix(ident)


def acl_address(ident: ProxyIdent) -> str:
    """`host 10.1.1.4` or `10.1.0.0 0.0.255.255` (ACL syntax, wildcard masks)."""
    if ident.is_host:
        return f"host {ident.addr}"
    wildcard = ipaddress.IPv4Address(~int(ipaddress.IPv4Address(ident.mask)) & 0xFFFFFFFF)
    text = "any" if str(wildcard) == "255.255.255.255" else f"{ident.addr} {wildcard}"
    return text + (f" eq {ident.port}" if ident.port else "")


@functools.lru_cache(maxsize=8192)  # a hub prints the same few selector pairs per spoke on every show
def flow_text(local: ProxyIdent, remote: ProxyIdent) -> str:
    """`permit ip host 209.165.200.227 host 209.165.200.225`."""
    return f"permit {protocol_text(local)} {session_address(local)} {session_address(remote)}"


def acl_text(local: ProxyIdent, remote: ProxyIdent) -> str:
    """`permit ip host 209.165.200.226 host 209.165.200.227` (an ACL line for the selector pair)."""
    return f"permit {protocol_text(local)} {acl_address(local)} {acl_address(remote)}"


def ike_endpoints(sa: IkeSa) -> tuple[str, str]:
    """(dst, src) of `show crypto isakmp sa`: the exchange goes from the initiator to the responder."""
    return (sa.remote, sa.local) if sa.role == "initiator" else (sa.local, sa.remote)


def label_block(rows: Iterable[Row], width: int, indent: str = "  ") -> list[str]:
    """`  Label:<pad>value` lines; ints are shown as the MIB's Counter32."""
    lines = []
    for label, value in rows:
        shown = counter32(value) if isinstance(value, int) and not isinstance(value, bool) else value
        lines.append(f"{indent}{(label + ':').ljust(width)}{shown}".rstrip())
    return lines


def text_of(lines: list[str]) -> str:
    return "\n".join(lines) + "\n" if lines else ""


def vrf_blocks(vrfs: list[str], rows_of: Callable[[str], list[list[str]]], gap: bool = False) -> str:
    """The flow-MIB layout: `vrf NAME`, then each row's lines (a blank line after each when `gap`)."""
    lines = []
    for vrf in vrfs:
        lines.append(f"vrf {vrf}")
        for row in rows_of(vrf):
            lines += row + ([""] if gap else [])
    return text_of(lines)


def table_width(labels: Iterable[str]) -> int:
    """Label column width of a table: the longest `label:` plus one space."""
    return max(len(label) for label in labels) + 2
