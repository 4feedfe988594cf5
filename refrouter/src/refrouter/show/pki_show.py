"""`show crypto pki trustpoints [status]`, read from the stored certificate chains."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from cryptography import x509

from ..state.config.pki import Certificate, Trustpoint

if TYPE_CHECKING:
    from ..state.config.model import RunningConfig

CERT_ROLES = {"ca": "Issuing CA", "self-signed": "Router Self-Signed", "": "Router General Purpose"}


def _der(cert: Certificate) -> bytes:
    return bytes.fromhex("".join("".join(cert.hex_lines).split()))


def subject_parts(cert: Certificate) -> list[str]:
    """The subject as IOS prints it (`cn=...`, `o=...`); empty when the stored bytes are no certificate."""
    try:
        parsed = x509.load_der_x509_certificate(_der(cert))
    except ValueError:
        return []
    parts = parsed.subject.rfc4514_string().split(",")
    return [p.split("=", 1)[0].lower() + "=" + p.split("=", 1)[1] for p in parts if "=" in p]


def _fingerprint(data: bytes, algorithm: str) -> str:
    digest = hashlib.new(algorithm, data).hexdigest().upper()
    return " ".join(digest[i : i + 8] for i in range(0, len(digest), 8))


def _certificates(config: RunningConfig, tp: Trustpoint) -> list[Certificate]:
    chain = config.pki.chains.get(tp.name)
    return chain.certificates if chain else []


def show_trustpoints(config: RunningConfig) -> str:
    out: list[str] = []
    for tp in config.pki.trustpoints.values():
        out.append(f"Trustpoint {tp.name}:")
        for cert in _certificates(config, tp):
            out.append("    Subject Name: ")
            out += [f"    {part}" for part in subject_parts(cert)]
            out.append(f"          Serial Number (hex): {cert.serial}")
        if _certificates(config, tp):
            out.append("    Certificate configured.")
        out.append("")
    return "\n".join(out) + "\n" if out else ""


def show_trustpoints_status(config: RunningConfig, name: str | None = None) -> str:
    out: list[str] = []
    for tp in config.pki.trustpoints.values():
        if name not in (None, tp.name):
            continue
        out.append(f"Trustpoint {tp.name}:")
        certs = _certificates(config, tp)
        for cert in certs:
            out.append(f"  {CERT_ROLES.get(cert.kind, 'Issuing CA')} certificate configured:")
            out.append("    Subject Name:")
            out.append(f"     {','.join(subject_parts(cert))}")
            out.append(f"    Fingerprint MD5: {_fingerprint(_der(cert), 'md5')}")
            out.append(f"    Fingerprint SHA1: {_fingerprint(_der(cert), 'sha1')}")
        label = (tp.rsakeypair or "").split()[0] if tp.rsakeypair else None
        key = config.pki.rsa_keys.get(label) if label else None
        authenticated = any(c.kind in ("ca", "self-signed") for c in certs)
        out.append("  State:")
        if key:
            how = "exportable" if key.exportable else "non-exportable"
            usage = "Usage Keys" if key.usage_keys else "General Purpose"
            out.append(f"    Keys generated ............. Yes ({usage}, {how})")
        else:
            out.append("    Keys generated ............. No")
        out.append(f"    Issuing CA authenticated ....... {'Yes' if authenticated else 'No'}")
        out.append("    Certificate request(s) ..... None")
        out.append("")
    return "\n".join(out) + "\n" if out else ""
