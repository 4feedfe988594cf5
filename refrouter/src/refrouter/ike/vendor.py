"""Vendor ID payloads as IOS sends them in main mode (values as published by Cisco and the RFCs).

The engine advertises Dead Peer Detection (RFC 3706), Cisco Unity and XAUTH in messages 3/4, as IOS does;
it notes only the peer's DPD vendor ID. Having advertised DPD it answers a peer's R-U-THERE with
R-U-THERE-ACK (same sequence number); it sends R-U-THERE itself when a keepalive is configured (dpd.py).
NAT traversal (RFC 3947) is advertised by `natt.py`.
"""

from __future__ import annotations

from .codec import VendorIdPayload

DPD = VendorIdPayload(bytes.fromhex("afcad71368a1f1c96b8696fc77570100"))
CISCO_UNITY = VendorIdPayload(bytes.fromhex("12f5f28c457168a9702d9fe274cc0100"))
XAUTH = VendorIdPayload(bytes.fromhex("09002689dfd6b712"))
KEY_EXCHANGE = (DPD, CISCO_UNITY, XAUTH)  # sent after KE and nonce in messages 3 and 4


def advertises_dpd(payloads: tuple[object, ...]) -> bool:
    """True when a message carries the DPD vendor ID (RFC 3706 §4; IOS sends it in messages 3/4)."""
    return any(isinstance(p, VendorIdPayload) and p.data == DPD.data for p in payloads)


R_U_THERE = 36136  # RFC 3706 notify types
R_U_THERE_ACK = 36137
