"""Typed PKI configuration (trustpoints, certificate chains, CA server, peer public keys, RSA key pairs)
and GETVPN groups, with their running-config lines."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

HEX_WORDS_PER_LINE = 8


@dataclass
class Trustpoint:
    name: str
    enrollment: str | None = None  # "selfsigned", "pkcs12", "terminal", "url http://..."
    serial_number: str | None = None  # "none" or "" (bare `serial-number`)
    ip_address: str | None = None
    subject_name: str | None = None
    subject_alt_name: str | None = None
    revocation_check: list[str] = field(default_factory=list)  # e.g. ["crl"], ["none"], ["crl", "none"]
    rsakeypair: str | None = None
    fqdn: str | None = None
    auto_enroll: str | None = None  # "" or the percentage
    hash: str | None = None
    password: str | None = None


@dataclass
class Certificate:
    kind: str  # "self-signed" | "ca" | "" (the router's own) | "ca-rollover"
    serial: str
    hex_lines: list[str] = field(default_factory=list)  # the hex words as IOS groups them, 8 per line


@dataclass
class CertificateChain:
    name: str
    certificates: list[Certificate] = field(default_factory=list)


@dataclass
class PkiServer:
    name: str
    lines: list[str] = field(default_factory=list)  # sub-commands in entry order (`database level complete`)
    shutdown: bool = False


@dataclass
class NamedKey:
    name: str
    kind: str = "named-key"  # named-key | addressed-key
    address: str | None = None
    key_hex: list[str] = field(default_factory=list)


@dataclass
class RsaKeyPair:
    """`crypto key generate rsa`: kept in private NVRAM on IOS, never in the running-config."""

    label: str
    modulus: int
    usage_keys: bool = False
    exportable: bool = False


@dataclass
class GdoiGroup:
    """GETVPN `crypto gdoi group`: accepted and kept line by line (negotiation is out of scope)."""

    name: str
    lines: list[str] = field(default_factory=list)  # group-level lines (`identity number 6783`)
    server_local: list[str] | None = None  # key-server lines under `server local`
    sas: dict[int, list[str]] = field(default_factory=dict)  # `sa ipsec N` -> its lines


@dataclass
class PkiConfig:
    trustpoints: dict[str, Trustpoint] = field(default_factory=dict)
    chains: dict[str, CertificateChain] = field(default_factory=dict)
    servers: dict[str, PkiServer] = field(default_factory=dict)
    pubkeys: dict[str, NamedKey] = field(default_factory=dict)
    rsa_keys: dict[str, RsaKeyPair] = field(default_factory=dict)
    token_removal_timeouts: dict[str, int] = field(default_factory=dict)  # `crypto pki token NAME removal timeout N`


def group_hex(text: str) -> list[str]:
    """Hex digits regrouped as IOS prints certificates: words of 8 digits, 8 words a line."""
    digits = "".join(text.split())
    words = [digits[i : i + 8] for i in range(0, len(digits), 8)]
    return [" ".join(words[i : i + HEX_WORDS_PER_LINE]) for i in range(0, len(words), HEX_WORDS_PER_LINE)]


def render_trustpoint(tp: Trustpoint) -> Iterator[str]:
    yield f"crypto pki trustpoint {tp.name}"
    if tp.enrollment:
        yield f" enrollment {tp.enrollment}"
    if tp.serial_number is not None:
        yield " serial-number" + (f" {tp.serial_number}" if tp.serial_number else "")
    if tp.fqdn:
        yield f" fqdn {tp.fqdn}"
    if tp.ip_address:
        yield f" ip-address {tp.ip_address}"
    if tp.password:
        yield f" password {tp.password}"
    if tp.subject_name:
        yield f" subject-name {tp.subject_name}"
    if tp.subject_alt_name:
        yield f" subject-alt-name {tp.subject_alt_name}"
    if tp.revocation_check:
        yield f" revocation-check {' '.join(tp.revocation_check)}"
    if tp.rsakeypair:
        yield f" rsakeypair {tp.rsakeypair}"
    if tp.auto_enroll is not None:
        yield " auto-enroll" + (f" {tp.auto_enroll}" if tp.auto_enroll else "")
    if tp.hash:
        yield f" hash {tp.hash}"
    yield "!"


def render_chain(chain: CertificateChain) -> Iterator[str]:
    yield f"crypto pki certificate chain {chain.name}"
    for cert in chain.certificates:
        kind = f"{cert.kind} " if cert.kind else ""
        yield f" certificate {kind}{cert.serial}"
        yield from (f"  {line}" for line in cert.hex_lines)
        yield "  \tquit"


def render_pki(pki: PkiConfig) -> list[str]:
    """Section placed after `subscriber templating`, as IOS XE prints it."""
    out: list[str] = [
        f"crypto pki token {name} removal timeout {secs}" for name, secs in pki.token_removal_timeouts.items()
    ]
    for server in pki.servers.values():
        out.append(f"crypto pki server {server.name}")
        out += [f" {line}" for line in server.lines]
        if server.shutdown:
            out.append(" shutdown")
        out.append("!")
    for tp in pki.trustpoints.values():
        out += render_trustpoint(tp)
    if pki.trustpoints:
        out.append("!")
    for chain in pki.chains.values():
        out += render_chain(chain)
    if pki.chains:
        out.append("!")
    if pki.pubkeys:
        out.append("crypto key pubkey-chain rsa")
        for key in pki.pubkeys.values():
            out.append(f" {key.kind} {key.name}")
            if key.address:
                out.append(f"  address {key.address}")
            if key.key_hex:
                out.append("  key-string")
                out += [f"   {line}" for line in key.key_hex]
                out.append("  quit")
        out.append("!")
    return out


def render_gdoi(groups: dict[str, GdoiGroup]) -> list[str]:
    out: list[str] = []
    for group in groups.values():
        out.append(f"crypto gdoi group {group.name}")
        out += [f" {line}" for line in group.lines]
        if group.server_local is not None:
            out.append(" server local")
            out += [f"  {line}" for line in group.server_local]
            for number, lines in sorted(group.sas.items()):
                out.append(f"  sa ipsec {number}")
                out += [f"   {line}" for line in lines]
                out.append("  !")
        out.append("!")
    return out
