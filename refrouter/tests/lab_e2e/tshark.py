"""tshark as the judge of captures: decode with ESP keys, collect malformed packets and expert errors."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from refrouter.dataplane.ipsec import IpsecService
from refrouter.ike.esp import SaCrypto, cipher_key_length
from refrouter.state.router import Router

TSHARK = shutil.which("tshark")
ESP_CIPHERS = {  # our transform -> Wireshark's esp_sa encryption name (Wireshark 4.0)
    "esp-aes": "AES-CBC [RFC3602]", "esp-3des": "TripleDES-CBC [RFC2451]", "esp-des": "DES-CBC [RFC2405]",
    "esp-gcm": "AES-GCM with 16 octet ICV [RFC4106]", "esp-null": "NULL",
}
ESP_INTEGRITY = {
    "esp-sha-hmac": "HMAC-SHA-1-96 [RFC2404]", "esp-md5-hmac": "HMAC-MD5-96 [RFC2403]",
    "esp-sha256-hmac": "HMAC-SHA-256-128 [RFC4868]", "esp-sha384-hmac": "HMAC-SHA-384-192 [RFC4868]",
    "esp-sha512-hmac": "HMAC-SHA-512-256 [RFC4868]",
}


def esp_sa_line(src: str, dst: str, sa: SaCrypto) -> str:
    """One row of Wireshark's esp_sa UAT for an SA of ours."""
    cipher = next((t for t in sa.transforms if t in ESP_CIPHERS), "esp-null")
    integrity = next((t for t in sa.transforms if t in ESP_INTEGRITY), None)
    split = cipher_key_length(sa.transforms, sa.key_size)
    enc_key, auth_key = sa.keymat[:split], sa.keymat[split:]
    auth = ESP_INTEGRITY[integrity] if integrity else "NULL"
    fields = ["IPv4", src, dst, f"0x{sa.spi:08x}", ESP_CIPHERS[cipher], f"0x{enc_key.hex()}" if enc_key else "",
              auth, f"0x{auth_key.hex()}" if auth_key else ""]
    return ",".join(f'"{field}"' for field in fields)


def tshark_verbose(pcap: Path, esp_sas: list[str], home: Path) -> str:
    """`tshark -V -r` with the ESP keys in a private configuration directory; returns the dissection."""
    assert TSHARK is not None
    profile = home / "wireshark"
    profile.mkdir(parents=True, exist_ok=True)
    (profile / "esp_sa").write_text("".join(line + "\n" for line in esp_sas))
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "WIRESHARK_CONFIG_DIR": str(profile)}
    result = subprocess.run(
        [TSHARK, "-n", "-V", "-r", str(pcap), "-o", "esp.enable_encryption_decode:TRUE",
         "-o", "esp.enable_authentication_check:TRUE"],
        capture_output=True, text=True, env=env, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


def problems(dissection: str) -> list[str]:
    """Lines that report a malformed packet or an expert-info error (or a failed ICV check)."""
    markers = ("Malformed", "[Severity level: Error]", "Expert Info (Error", "[Bad: True]",
               "Dissector bug")
    return [line.strip() for line in dissection.splitlines() if any(m in line for m in markers)]


def esp_keys(router: Router) -> list[str]:
    """esp_sa rows for every SA of the router's live tunnels (both directions)."""
    crypto = router.dataplane.crypto  # type: ignore[attr-defined]
    assert isinstance(crypto, IpsecService)
    lines = []
    for tunnel in router.oper.ipsec_tunnel_list():
        bundle = crypto.engine.db.bundle(tunnel.tunnel_id)
        assert bundle is not None
        lines += [esp_sa_line(tunnel.local, tunnel.remote, sa) for sa in bundle.outbound]
        lines += [esp_sa_line(tunnel.remote, tunnel.local, sa) for sa in bundle.inbound]
    return lines
