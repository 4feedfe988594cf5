"""`show crypto ipsec sa [detail] [peer X | vrf X | interface X]` and `show crypto ipsec sa count [vrf X]`.

Layout of the IOS XE captures (samples/ntc-templates, genieparser): per interface the crypto map tag, per
flow the selectors, counters, endpoints and the six SA lists. `detail` replaces `#send errors` with the
nine error-counter lines. Counters come from the tunnel's flow-MIB counters through
`IPSEC_SA_SHOW_COUNTERS`, so they equal `show crypto mib ipsec flowmib tunnel`.
"""

from __future__ import annotations

from ..state.config.tunnel_status import transport_interface
from ..state.oper.counters import IPSEC_SA_SHOW_COUNTERS, IpsecCounters
from ..state.oper.sa import ChildSa, IpsecTunnel
from ..state.router import Router
from .crypto_flows import Flow, collect_flows, select_flows
from .oper_text import IKE_PORT, spi_text, text_of, vrf_text

PATH_MTU = 1500
TUNNEL_HEADER = 20  # the outer IPv4 header tunnel mode adds
ESP_HEADER = 8
ESP_TRAILER = 2
AH_HEADER = 12
# encryption transform -> (IV bytes, cipher block bytes); integrity transform -> ICV bytes
ESP_CIPHERS = {"esp-aes": (16, 16), "esp-3des": (8, 8), "esp-des": (8, 8), "esp-gcm": (8, 4),
               "esp-gmac": (8, 4), "esp-null": (0, 4), "esp-seal": (0, 4)}
ICV_BYTES = {"md5": 12, "sha": 12, "sha256": 16, "sha384": 24, "sha512": 32}
COMBINED_ICV = {"esp-gcm": 16, "esp-gmac": 16}
SIBLING_FLAGS = "FFFFFFFF80004048"
REPLAY_WINDOW = 64
FLOW_ID_PREFIX = "CSR"
ERROR_LINES = (  # detail: (format, counter fields)
    ("#pkts no sa (send) {}, #pkts invalid sa (rcv) 0", ("out_drop_pkts",)),
    ("#pkts encaps failed (send) {}, #pkts decaps failed (rcv) {}", ("out_encrypt_fails", "in_decrypt_fails")),
    ("#pkts invalid prot (recv) 0, #pkts verify failed: {}", ("in_auth_fails",)),
    ("#pkts invalid identity (recv) 0, #pkts invalid len (rcv) 0", ()),
    ("#pkts replay rollover (send): 0, #pkts replay rollover (rcv) 0", ()),
    ("##pkts replay failed (rcv): {}", ("in_replay_drop_pkts",)),
    ("#pkts tagged (send): 0, #pkts untagged (rcv): 0", ()),
    ("#pkts not tagged (send): 0, #pkts not untagged (rcv): 0", ()),
    ("#pkts internal err (send): 0, #pkts internal err (recv) 0", ()),
)
DIRECTIONS = {"inbound": "in", "outbound": "out"}
SA_LISTS = (("inbound", "esp"), ("inbound", "ah"), ("inbound", "pcp"),
            ("outbound", "esp"), ("outbound", "ah"), ("outbound", "pcp"))


def _icv(transforms: tuple[str, ...]) -> int:
    for name in transforms:
        if name in COMBINED_ICV:
            return COMBINED_ICV[name]
        if name.endswith("-hmac"):
            return ICV_BYTES[name.split("-")[1]]
    return 0


def plaintext_mtu(tunnel: IpsecTunnel | None) -> int:
    """The largest packet that still fits the path MTU once ESP/AH (and the tunnel header) are added."""
    if tunnel is None:
        return PATH_MTU
    budget = PATH_MTU - (TUNNEL_HEADER if tunnel.mode == "tunnel" else 0)
    ah = [t for t in tunnel.transforms if t.startswith("ah-")]
    if ah:
        budget -= AH_HEADER + _icv(tuple(ah))
    esp = [t for t in tunnel.transforms if t.startswith("esp-")]
    if not esp:
        return budget
    cipher = next((t for t in esp if t in ESP_CIPHERS), "esp-null")
    iv, block = ESP_CIPHERS[cipher]
    budget -= ESP_HEADER + iv + _icv(tuple(esp))
    return budget // block * block - ESP_TRAILER


def transform_text(sa: ChildSa) -> str:
    """`esp-256-aes esp-sha-hmac` (key sizes other than 128 inside the name, as IOS prints them)."""
    words = []
    for name in sa.transforms:
        sized = name in ("esp-aes", "esp-gcm", "esp-gmac") and sa.key_size and sa.key_size != 128
        words.append(name.replace("esp-", f"esp-{sa.key_size}-", 1) if sized else name)
    return " ".join(words)


def _sa_lines(sa: ChildSa, map_name: str, now: float) -> list[str]:
    lines = [
        f"      spi: {spi_text(sa.spi)}",
        f"        transform: {transform_text(sa)} ,",
        f"        in use settings ={{{sa.mode.capitalize()}{' UDP-Encaps' if sa.udp_encap else ''}, }}",
        (f"        conn id: {sa.conn_id}, flow_id: {FLOW_ID_PREFIX}:{sa.flow_id}, sibling_flags {SIBLING_FLAGS}, "
        f"crypto map: {map_name}"),
        f"        sa timing: remaining key lifetime (k/sec): ({sa.remaining_kb()}/{sa.remaining_sec(now)})",
    ]
    if sa.protocol == "esp":
        cipher = next((t for t in sa.transforms if t in ESP_CIPHERS), "esp-null")
        lines.append(f"        IV size: {ESP_CIPHERS[cipher][0]} bytes")
    lines += [f"        replay detection support: Y  replay window size: {REPLAY_WINDOW}",
              "        Status: ACTIVE(ACTIVE)", ""]
    return lines


def _sa_list_lines(flow: Flow, now: float) -> list[str]:
    lines: list[str] = []
    sas = flow.tunnel.child_sas() if flow.tunnel else []
    for direction, protocol in SA_LISTS:
        lines.append(f"     {direction} {protocol} sas:")
        chosen = [sa for sa in sas if (sa.direction, sa.protocol) == (DIRECTIONS[direction], protocol)]
        for sa in chosen:
            lines += _sa_lines(sa, flow.map_name, now)
        if not chosen:
            lines.append("")
    return lines


def _counter_lines(counters: IpsecCounters, detail: bool) -> list[str]:
    value = {label: getattr(counters, field) for label, field in IPSEC_SA_SHOW_COUNTERS.items()}
    lines = [
        f"    #pkts encaps: {value['encaps']}, #pkts encrypt: {value['encrypt']}, #pkts digest: {value['digest']}",
        f"    #pkts decaps: {value['decaps']}, #pkts decrypt: {value['decrypt']}, #pkts verify: {value['verify']}",
        "    #pkts compressed: 0, #pkts decompressed: 0",
        "    #pkts not compressed: 0, #pkts compr. failed: 0",
        "    #pkts not decompressed: 0, #pkts decompress failed: 0",
    ]
    if not detail:
        return [*lines, f"    #send errors {counters.out_drop_pkts}, #recv errors {counters.in_drop_pkts}"]
    for template, fields in ERROR_LINES:
        lines.append("    " + template.format(*(getattr(counters, name) for name in fields)))
    return lines


def _flow_lines(flow: Flow, now: float, detail: bool, mtu_idb: str) -> list[str]:
    tunnel = flow.tunnel
    pfs = f"Y, DH group: group{tunnel.pfs_group}" if tunnel and tunnel.pfs_group else "N, DH group: none"
    outbound = spi_text(tunnel.outbound_spi) if tunnel and tunnel.outbound else "0x0(0)"
    return [
        f"   protected vrf: {vrf_text(flow.vrf)}",
        f"   local  ident (addr/mask/prot/port): {flow.local_ident.text()}",
        f"   remote ident (addr/mask/prot/port): {flow.remote_ident.text()}",
        f"   current_peer {flow.peer} port {tunnel.peer_port if tunnel else IKE_PORT}",
        "     PERMIT, flags={origin_is_acl,}",
        *_counter_lines(tunnel.counters if tunnel else IpsecCounters(), detail),
        "",
        f"     local crypto endpt.: {flow.local}, remote crypto endpt.: {flow.peer}",
        (f"     plaintext mtu {plaintext_mtu(tunnel)}, path mtu {PATH_MTU}, ip mtu {PATH_MTU}, "
        f"ip mtu idb {mtu_idb}"),
        f"     current outbound spi: {outbound}",
        f"     PFS (Y/N): {pfs}",
        "",
        *_sa_list_lines(flow, now),
    ]


def ipsec_sa(router: Router, detail: bool = False, peer: str | None = None, vrf: str | None = None,
             interface: str | None = None) -> str:
    now = router.clock.now()
    lines: list[str] = []
    current: str | None = None
    for flow in select_flows(collect_flows(router), peer, vrf, interface):
        if flow.interface != current:  # every flow ends with a blank line, so only a new interface adds one
            current = flow.interface
            lines += [
                f"interface: {flow.interface}",
                f"    Crypto map tag: {flow.map_name}, local addr {flow.local}",
                "",
            ]
        lines += _flow_lines(flow, now, detail, transport_interface(router.running, router.oper, flow.interface))
    return text_of(lines)


def ipsec_sa_count(router: Router, vrf: str | None = None) -> str:
    total = sum(len(t.child_sas()) for t in router.oper.ipsec_tunnel_list() if vrf in (None, t.vrf))
    return f"IPsec SA total: {total}, active: {total}, rekeying: 0, unused: 0, invalid: 0\n"
