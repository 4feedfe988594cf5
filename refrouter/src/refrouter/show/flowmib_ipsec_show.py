"""`show crypto mib ipsec flowmib {endpoint|failure|global|history|spi|tunnel}` from the phase-2 flow MIB.

Labels and order: the real IOS XE captures for `endpoint`, `global` and `tunnel`
(samples/genieparser/show_crypto_mib_ipsec_flowmib_*), the seed guide for `failure`, `history` and `spi`.
The tunnel and history rows share one layout (the seed prints the same lines). Algorithms are shown as
text (`aes`, `ESP_HMAC_SHA`, `None`), the encapsulation as the MIB's EncapMode number (1 tunnel,
2 transport), thresholds as the seed's 64 kB / 10 s.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter

from ..state.oper.counters import IpsecCounters
from ..state.oper.flowmib_ipsec import (
    LIFE_SIZE_THRESHOLD_KB,
    LIFE_TIME_THRESHOLD_SEC,
    IpsecEndpointRow,
    IpsecFailureRow,
    IpsecFlowMib,
    IpsecHistoryRow,
    IpsecSpiRow,
)
from ..state.oper.reasons import reason_text
from ..state.oper.sa import IpsecTunnel
from ..state.router import Router
from .oper_text import Row, hms, label_block, table_width, vrf_blocks

ENCAP_MODE = {"tunnel": 1, "transport": 2}  # EncapMode TC
ENDPOINT_TYPE = {"singleIpAddr": "Single IP address", "ipSubnet": "Subnet", "ipAddrRange": "Range"}
ENCRYPTION = {"esp-aes": "aes", "esp-gcm": "aes", "esp-3des": "3des", "esp-des": "des", "esp-seal": "seal"}
ESP_AUTH = {"esp-md5-hmac": "ESP_HMAC_MD5", "esp-sha-hmac": "ESP_HMAC_SHA", "esp-sha256-hmac": "ESP_HMAC_SHA256",
            "esp-sha384-hmac": "ESP_HMAC_SHA384", "esp-sha512-hmac": "ESP_HMAC_SHA512"}
AH_AUTH = {"ah-md5-hmac": "AH_HMAC_MD5", "ah-sha-hmac": "AH_HMAC_SHA", "ah-sha256-hmac": "AH_HMAC_SHA256",
           "ah-sha384-hmac": "AH_HMAC_SHA384", "ah-sha512-hmac": "AH_HMAC_SHA512"}
NONE = "None"
COUNTER_LABELS = (
    ("In octets", "in_octets"), ("Decompressed octets", "in_decomp_octets"), ("In packets", "in_pkts"),
    ("In drops", "in_drop_pkts"), ("In replay drops", "in_replay_drop_pkts"), ("In authentications", "in_auths"),
    ("In authentication failures", "in_auth_fails"), ("In decrypts", "in_decrypts"),
    ("In decrypt failures", "in_decrypt_fails"), ("Out octets", "out_octets"),
    ("Out uncompressed octets", "out_uncomp_octets"), ("Out packets", "out_pkts"), ("Out drops", "out_drop_pkts"),
    ("Out authentications", "out_auths"), ("Out authentication failures", "out_auth_fails"),
    ("Out encryptions", "out_encrypts"), ("Out encryption failures", "out_encrypt_fails"),
)
# cipSecGlobalStats in the order of the real capture; the four compression counters are always 0 here.
GLOBAL_LABELS = (
    ("Active Tunnels", "active_tunnels"), ("Previous Tunnels", "previous_tunnels"),
    ("In octets", "counters.in_octets"), ("Out octets", "counters.out_octets"),
    ("In packets", "counters.in_pkts"), ("Out packets", "counters.out_pkts"),
    ("Uncompressed encrypted bytes", "counters.out_uncomp_octets"),
    ("In packets drops", "counters.in_drop_pkts"), ("Out packets drops", "counters.out_drop_pkts"),
    ("In replay drops", "counters.in_replay_drop_pkts"), ("In authentications", "counters.in_auths"),
    ("Out authentications", "counters.out_auths"), ("In decrypts", "counters.in_decrypts"),
    ("Out encrypts", "counters.out_encrypts"), ("Compressed bytes", None), ("Uncompressed bytes", None),
    ("In uncompressed bytes", None), ("Out uncompressed bytes", None),
    ("In decrypt failures", "counters.in_decrypt_fails"), ("Out encrypt failures", "counters.out_encrypt_fails"),
    ("No SA failures", "events.no_sa_fails"), ("Protocol use failures", "events.protocol_use_fails"),
    ("System capacity failures", "events.sys_cap_fails"), ("In authentication failures", "counters.in_auth_fails"),
    ("Out authentication failures", "counters.out_auth_fails"),
)
TUNNEL_WIDTH = 29  # the real capture's value column
GLOBAL_WIDTH = 34
SEED_WIDTH = table_width(["Failure time since reset", "Destination address"])


@dataclass(frozen=True)
class Phase2View:
    """What a tunnel row and a history row print (cipSecTunnelEntry / cipSecTunnelHistEntry)."""

    index: int
    local: str
    remote: str
    mode: str
    lifetime_kb: int
    lifetime_sec: int
    active_time: float
    expired: int
    current: int
    transforms: tuple[str, ...]
    pfs_group: int | None
    counters: IpsecCounters


def _live_view(tunnel: IpsecTunnel, now: float) -> Phase2View:
    return Phase2View(tunnel.mib_index or 0, tunnel.local, tunnel.remote, tunnel.mode, tunnel.lifetime_kb,
                      tunnel.lifetime_sec, tunnel.active_time(now), 0, len(tunnel.child_sas()), tunnel.transforms,
                      tunnel.pfs_group, tunnel.counters)


def _history_view(row: IpsecHistoryRow) -> Phase2View:
    return Phase2View(row.index, row.local_addr, row.remote_addr, row.mode, row.lifetime_kb, row.lifetime_sec,
                      row.active_time, row.expired_sa_instances, row.current_sa_instances, row.transforms,
                      row.pfs_group, row.counters)


def _algorithm(transforms: tuple[str, ...], names: dict[str, str]) -> str:
    return next((names[t] for t in transforms if t in names), NONE)


def _algorithm_rows(view: Phase2View) -> list[Row]:
    group = str(view.pfs_group) if view.pfs_group else NONE
    encryption, esp_auth = _algorithm(view.transforms, ENCRYPTION), _algorithm(view.transforms, ESP_AUTH)
    ah_auth = _algorithm(view.transforms, AH_AUTH)
    return [
        ("In SA DH group", group), ("In sa encrypt algorithm", encryption), ("In SA AH auth algorithm", ah_auth),
        ("In SA ESP auth algo", esp_auth), ("In SA uncompress algorithm", NONE), ("Out SA DH group", group),
        ("Out SA encryption algorithm", encryption), ("Out SA auth algorithm", ah_auth),
        ("Out SA ESP auth algorithm", esp_auth), ("Out SA uncompress algorithm", NONE),
    ]


def _phase2_rows(view: Phase2View) -> list[Row]:
    counters = view.counters
    return [
        ("Index", view.index), ("Local address", view.local), ("Remote address", view.remote),
        ("IPSEC keying", "IKE"), ("Encapsulation mode", ENCAP_MODE[view.mode]), ("Lifetime (KB)", view.lifetime_kb),
        ("Lifetime (Sec)", view.lifetime_sec), ("Active time", hms(view.active_time)),
        ("Lifetime threshold (KB)", LIFE_SIZE_THRESHOLD_KB), ("Lifetime threshold (Sec)", LIFE_TIME_THRESHOLD_SEC),
        ("Total number of refreshes", 0), ("Expired SA instances", view.expired),
        ("Current SA instances", view.current), *_algorithm_rows(view),
        *[(label, getattr(counters, name)) for label, name in COUNTER_LABELS],
        ("Compressed octets", 0), ("Decompressed octets", 0), ("Out uncompressed octets", counters.out_uncomp_octets),
    ]


def _endpoint_row(row: IpsecEndpointRow) -> list[str]:
    def address(addr: str, mask: str, kind: str) -> str:
        return addr if kind == "singleIpAddr" else f"{addr} {mask}"

    rows: list[Row] = [
        ("Index", row.index), ("Local type", ENDPOINT_TYPE[row.local_type]),
        ("Local address", address(row.local_addr, row.local_mask, row.local_type)), ("Protocol", row.protocol),
        ("Local port", row.local_port), ("Remote type", ENDPOINT_TYPE[row.remote_type]),
        ("Remote address", address(row.remote_addr, row.remote_mask, row.remote_type)),
        ("Remote port", row.remote_port),
    ]
    return label_block(rows, TUNNEL_WIDTH)


def _failure_row(row: IpsecFailureRow) -> list[str]:
    rows: list[Row] = [
        ("Index", row.index), ("Reason", reason_text(row.reason)), ("Failure time since reset", hms(row.time)),
        ("Src address", row.src_addr), ("Destination address", row.dst_addr), ("SPI", row.spi),
    ]
    return label_block(rows, SEED_WIDTH)


def _spi_rows(rows: list[IpsecSpiRow]) -> list[list[str]]:
    """`Tunnel Index` once per tunnel, then that tunnel's SPI rows (seed layout)."""
    blocks: list[list[str]] = []
    tunnel = None
    for row in rows:
        lines = label_block([("Tunnel Index", row.tunnel_index)], SEED_WIDTH) if row.tunnel_index != tunnel else []
        tunnel = row.tunnel_index
        lines += label_block([
            ("SPI Index", row.index), ("SPI Value", f"0x{row.value:X}"), ("SPI Direction", row.direction.capitalize()),
            ("SPI Protocol", row.protocol.upper()), ("SPI Status", row.status.capitalize()),
        ], SEED_WIDTH)
        blocks.append(lines)
    return blocks


def _mib(router: Router) -> IpsecFlowMib:
    return router.oper.flowmib.ipsec


def _vrfs(mib: IpsecFlowMib, vrf: str | None) -> list[str]:
    return [vrf] if vrf else mib.vrfs()


def ipsec_tunnels(router: Router, index: int | None = None, vrf: str | None = None) -> str:
    mib, now = _mib(router), router.clock.now()
    return vrf_blocks(_vrfs(mib, vrf), lambda name: [
        label_block(_phase2_rows(_live_view(t, now)), TUNNEL_WIDTH)
        for t in mib.tunnels(name) if index in (None, t.mib_index)], gap=True)


def ipsec_history(router: Router, vrf: str | None = None) -> str:
    mib = _mib(router)

    def rows_of(name: str) -> list[list[str]]:
        return [label_block([("Reason", reason_text(row.reason)), *_phase2_rows(_history_view(row))], TUNNEL_WIDTH)
                for row in mib.history(name)]

    return vrf_blocks(_vrfs(mib, vrf), rows_of)


def ipsec_endpoints(router: Router, vrf: str | None = None) -> str:
    mib = _mib(router)
    return vrf_blocks(_vrfs(mib, vrf), lambda name: [_endpoint_row(row) for row in mib.endpoints(name)], gap=True)


def ipsec_failures(router: Router, vrf: str | None = None) -> str:
    mib = _mib(router)
    return vrf_blocks(_vrfs(mib, vrf), lambda name: [_failure_row(row) for row in mib.failures(name)])


def ipsec_spis(router: Router, vrf: str | None = None) -> str:
    mib = _mib(router)
    return vrf_blocks(_vrfs(mib, vrf), lambda name: _spi_rows(mib.spis(name)))


def ipsec_global(router: Router, vrf: str | None = None) -> str:
    mib = _mib(router)

    def rows_of(name: str) -> list[list[str]]:
        stats = mib.global_stats(name)
        rows = [(label, attrgetter(path)(stats) if path else 0) for label, path in GLOBAL_LABELS]
        return [label_block(rows, GLOBAL_WIDTH)]

    return vrf_blocks(_vrfs(mib, vrf), rows_of, gap=True)
