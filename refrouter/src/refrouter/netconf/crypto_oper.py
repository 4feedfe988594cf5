"""`/crypto-oper-data` (Cisco-IOS-XE-crypto-oper 2023-07-01) rendered from the router's operational state.

Reads `router.oper` (refrouter.state.oper.state.OperState) when the router has one and renders an empty
container otherwise. Served: `crypto-ikev1-sa` (one per phase-1 SA) and `crypto-ipsec-ident` (keyed by
interface in the model, so one entry per interface: its newest tunnel). Everything else in the module
(IKEv2, GDOI, CERM, statistics) is not rendered; extend here.
"""

from __future__ import annotations

from typing import Any

from ..state.router import Router
from .xml import CRYPTO_OPER_NS, Element, new, sub

ENCRYPTION = {"des": "crypto-encr-alg-des", "3des": "crypto-encr-alg-3des", "aes": "crypto-encr-alg-aes-cbc"}
HASH = {
    "md5": "crypto-hash-alg-auth-hmac-md5-96",
    "sha": "crypto-hash-alg-auth-hmac-sha1-96",
    "sha256": "crypto-hash-alg-auth-hmac-sha256",
    "sha384": "crypto-hash-alg-auth-hmac-sha384",
    "sha512": "crypto-hash-alg-auth-hmac-sha512",
}
# The model only names IKEv2 methods; IKEv1 SAs report the matching one.
AUTH = {"pre-share": "crypto-ikev2-auth-psk", "rsa-sig": "crypto-ikev2-auth-rsa-sig"}
DH_GROUPS = {1, 2, 3, 4, 5, 14, 15, 16, 19, 20, 21, 24}
TRANSFORM_BITS = {
    "esp-des": "esp-des", "esp-3des": "esp-3-des", "esp-seal": "esp-seal", "esp-null": "esp-null",
    "esp-aes": "esp-aes-cbc", "esp-gcm": "esp-aes-gcm", "esp-gmac": "esp-aes-gmac",
    "esp-md5-hmac": "esp-hmac-md5", "esp-sha-hmac": "esp-hmac-sha", "esp-sha256-hmac": "esp-hmac-sha256",
    "esp-sha384-hmac": "esp-hmac-sha384", "esp-sha512-hmac": "esp-hmac-sha512",
    "ah-md5-hmac": "ah-hmac-md5", "ah-sha-hmac": "ah-hmac-sha", "ah-sha256-hmac": "ah-hmac-sha256",
    "ah-sha384-hmac": "ah-hmac-sha384", "ah-sha512-hmac": "ah-hmac-sha512", "comp-lzs": "pcp-lzs",
}
SIZED_BITS = ("esp-aes", "esp-gcm", "esp-gmac")


def render_crypto_oper(router: Router) -> Element:
    root = new("crypto-oper-data", CRYPTO_OPER_NS)
    oper = getattr(router, "oper", None)
    if oper is None:
        return root
    now = oper.clock.now()
    tunnels = {t.interface or "": t for t in oper.ipsec_tunnel_list()}  # newest per interface wins
    for interface, tunnel in sorted(tunnels.items()):
        _ipsec_ident(sub(root, "crypto-ipsec-ident"), interface, tunnel)
    for sa in sorted(oper.ike_sa_list(), key=lambda s: s.conn_id):
        _ikev1_sa(sub(root, "crypto-ikev1-sa"), sa, now)
    return root


def _dh(group: int | None) -> str:
    return f"crypto-dh-grouptype-group{group}" if group in DH_GROUPS else "crypto-dh-grouptype-none"


def _ikev1_sa(el: Element, sa: Any, now: float) -> None:
    sub(el, "sa-id", sa.conn_id)
    data = sub(el, "sa-data")
    sub(data, "sa-id", sa.conn_id)
    sub(data, "sa-status", "crypto-sa-status-active" if sa.active else "crypto-sa-status-pending")
    sub(data, "local-ip-addr", sa.local)
    sub(data, "local-port", 500)
    sub(data, "remote-ip-addr", sa.remote)
    sub(data, "remote-port", 500)
    policy = sa.policy
    sub(data, "dh-group", _dh(policy.group if policy else None))
    sub(data, "fvrf", sa.vrf or "none")
    sub(data, "lifetime", sa.remaining(now))
    if policy is not None:
        sub(data, "hash-algo", HASH.get(policy.hash, "crypto-hash-alg-auth-none"))
        sub(data, "encr-alg", ENCRYPTION.get(policy.encryption, "crypto-encr-alg-none"))
        method = AUTH.get(policy.authentication, "crypto-auth-no-method")
        sub(data, "my-auth-method", method)
        sub(data, "peer-auth-method", method)


def _ipsec_ident(el: Element, interface: str, tunnel: Any) -> None:
    sub(el, "interface", interface)
    data = sub(el, "ident-data")
    for side, ident in (("local", tunnel.local_ident), ("remote", tunnel.remote_ident)):
        sub(data, f"{side}-ident-addr", ident.addr)
        sub(data, f"{side}-ident-mask", ident.mask)
        sub(data, f"{side}-ident-protocol", ident.proto)
    sub(data, "local-endpt-addr", tunnel.local)
    sub(data, "remote-endpt-addr", tunnel.remote)
    sub(data, "dh-group", _dh(tunnel.pfs_group))
    for direction, sas in (("inbound", tunnel.inbound), ("outbound", tunnel.outbound)):
        for protocol in ("esp", "ah"):  # one SA per direction and protocol: the current one
            current = next((s for s in sas if s.protocol == protocol), None)
            if current is not None:
                _child_sa(sub(data, f"{direction}-{protocol}-sa"), current, direction)


def _child_sa(el: Element, child_sa: Any, direction: str) -> None:
    sub(el, "spi", child_sa.spi)
    sub(el, "dir", f"crypto-dir-{direction}")
    sub(el, "protocol", f"crypto-prot-{child_sa.protocol}")
    sub(el, "flow-id", child_sa.flow_id)
    sub(el, "sa-status", "crypto-sa-status-active")
    sub(el, "transform-set", " ".join(_transform_bits(child_sa.transforms, child_sa.key_size)))


def _transform_bits(transforms: tuple[str, ...], key_size: int | None) -> list[str]:
    bits = []
    for name in transforms:
        bit = TRANSFORM_BITS.get(name)
        if bit is None:
            continue
        if name in SIZED_BITS and key_size in (192, 256):
            bit = f"{bit}-{key_size}"
        bits.append(f"crypto-transform-{bit}")
    return bits
