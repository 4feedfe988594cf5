"""IPsec packet processing for the data plane: protect, unprotect, and the SPI database behind them.

Counting follows the flow MIB and `show crypto ipsec sa`: per protected packet `out_pkts` (#pkts encaps),
`out_encrypts` (#pkts encrypt) when the SA encrypts, `out_auths` (#pkts digest) when it authenticates,
octets = the plaintext packet length; per received packet the in_* mirror, and drops by cause
(auth -> in_auth_fails, replay -> in_replay_drop_pkts, anything else -> in_decrypt_fails). Each SA's
kilobyte lifetime is consumed by the plaintext bytes it carried.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..state.oper.sa import IpsecTunnel
from .context import Datagram
from .esp import ESP_PROTOCOL, NEXT_HEADER, EspError, SaCrypto, open_packet, packet_spi, seal

DROP_COUNTERS = {"auth": "in_auth_fails", "replay": "in_replay_drop_pkts"}


@dataclass
class Bundle:
    """The keyed SAs of one tunnel, outermost protocol last for sealing (ESP inside AH)."""

    tunnel: IpsecTunnel
    inbound: list[SaCrypto]
    outbound: list[SaCrypto]
    udp_encap: tuple[int, int] | None = None  # (local, peer) UDP ports of RFC 3948 ESP-in-UDP


class SaDatabase:
    def __init__(self) -> None:
        self._bundles: dict[int, Bundle] = {}
        self._by_inbound_spi: dict[int, int] = {}

    def add(self, bundle: Bundle) -> None:
        self._bundles[bundle.tunnel.tunnel_id] = bundle
        for sa in bundle.inbound:
            self._by_inbound_spi[sa.spi] = bundle.tunnel.tunnel_id

    def remove(self, tunnel_id: int) -> None:
        bundle = self._bundles.pop(tunnel_id, None)
        for sa in bundle.inbound if bundle else []:
            self._by_inbound_spi.pop(sa.spi, None)

    def bundle(self, tunnel_id: int) -> Bundle | None:
        return self._bundles.get(tunnel_id)

    def spi_in_use(self, spi: int) -> bool:
        return spi in self._by_inbound_spi

    def by_inbound_spi(self, spi: int) -> Bundle | None:
        tunnel_id = self._by_inbound_spi.get(spi)
        return self._bundles.get(tunnel_id) if tunnel_id is not None else None


def _sealing_order(sas: list[SaCrypto]) -> list[SaCrypto]:
    return sorted(sas, key=lambda sa: sa.protocol != "esp")  # ESP first, then AH around it


def protect(bundle: Bundle, packet: bytes, iv_source: bytes) -> Datagram:
    tunnel, data = bundle.tunnel, packet
    sas = _sealing_order(bundle.outbound)
    for index, sa in enumerate(sas):
        data = seal(sa, data, iv_source, ESP_PROTOCOL if index else NEXT_HEADER)
    counters = tunnel.counters
    counters.out_pkts += 1
    counters.out_octets += len(packet)
    counters.out_uncomp_octets += len(packet)
    counters.out_encrypts += any(sa.encrypts for sa in sas)
    counters.out_auths += any(sa.authenticates for sa in sas)
    for child in tunnel.outbound:
        child.bytes_used += len(packet)
    if bundle.udp_encap is not None and sas[-1].protocol == "esp":
        return Datagram(tunnel.local, tunnel.remote, data, "udp", *bundle.udp_encap)
    return Datagram(tunnel.local, tunnel.remote, data, protocol=sas[-1].protocol, sport=0, dport=0)


def unprotect(bundle: Bundle, data: bytes) -> bytes | None:
    """Open a packet whose outer SPI belongs to this bundle; None (and counted) when it must be dropped."""
    tunnel, counters = bundle.tunnel, bundle.tunnel.counters
    sas = list(reversed(_sealing_order(bundle.inbound)))
    try:
        for sa in sas:
            if packet_spi(data, sa.protocol) != sa.spi:
                raise EspError("malformed")
            data = open_packet(sa, data)
    except EspError as error:
        counters.in_drop_pkts += 1
        name = DROP_COUNTERS.get(error.kind, "in_decrypt_fails")
        setattr(counters, name, getattr(counters, name) + 1)
        return None
    counters.in_pkts += 1
    counters.in_octets += len(data)
    counters.in_decomp_octets += len(data)
    counters.in_decrypts += any(sa.encrypts for sa in sas)
    counters.in_auths += any(sa.authenticates for sa in sas)
    for child in tunnel.inbound:
        child.bytes_used += len(data)
    return data
