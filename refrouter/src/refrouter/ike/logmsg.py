"""Syslog messages the negotiation engine emits, with where each text comes from.

Rule (ios-ike-semantics.md "Design consequences" 2): a text is either verbatim from the seed guide or a
public device log, or it is marked unverified here and in docs/dev/ike-engine.md.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LogSpec:
    facility: str
    severity: int
    mnemonic: str
    template: str
    source: str


MESSAGES = {
    "policy_default": LogSpec("CRYPTO", 6, "IKMP_POLICY_DEFAULT", "Using ISAKMP Default policies", "seed guide"),
    "default_transform": LogSpec(
        "CRYPTO", 5, "IPSEC_DEFAULT_TRANSFORM", "Using Default IPsec transform-set", "seed guide"),
    "mode_failure": LogSpec(
        "CRYPTO", 6, "IKMP_MODE_FAILURE", "Processing of {mode} mode failed with peer at {peer}",
        "verbatim in public device logs (ios-ike-semantics.md §3)"),
    "no_sa": LogSpec(
        "CRYPTO", 4, "IKMP_NO_SA", "IKE message from {peer} has no SA and is not an initialization offer",
        "verbatim in public device logs (ios-ike-semantics.md §3)"),
    "invalid_spi": LogSpec(
        "CRYPTO", 4, "RECVD_PKT_INV_SPI",
        "decaps: rec'd IPSEC packet has invalid spi for destaddr={dst}, prot={prot}, spi=0x{spi:X}({spi}), "
        "srcaddr={src}",
        "prefix up to 'destaddr=' verbatim (ios-ike-semantics.md §3); the fields after it are unverified"),
    "bad_message": LogSpec(
        "CRYPTO", 4, "IKMP_BAD_MESSAGE", "IKE message from {peer} failed its sanity check or is malformed",
        "public user log on itecnotes.com; ios-ike-semantics.md lists the mnemonic as unverified"),
    "no_preshared_key": LogSpec(
        "CRYPTO", 4, "IKMP_NO_PRESHARED_KEY", "Preshared key for remote peer at {peer} is missing",
        "unverified (exam-preparation page)"),
    "weak_crypto": LogSpec(
        "CRYPTO", 4, "WEAK_CRYPTO_BLOCKED",
        "{item} is not allowed by the crypto engine compliance shield, skipped",
        "unverified: chosen by this router; no public capture of the 17.11 message is known"),
}


def render(key: str, **fields: object) -> tuple[str, int, str, str]:
    """(facility, severity, mnemonic, text) for SyslogBuffer.emit()."""
    spec = MESSAGES[key]
    return spec.facility, spec.severity, spec.mnemonic, spec.template.format(**fields)
