"""The engine's datagrams as a pcap that tshark decodes, decrypts with the engine's SK_e/SK_a and whose ICVs it
verifies: an independent check of the RFC 7296 codec and of the SK payload (AES-CBC+HMAC and AES-GCM)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pcapfile
import pytest
from ikev2_harness import A, B, pair

from refrouter.ike.v2.config import EspTransform, Ikev2Policy, Ikev2Proposal, Ikev2Settings
from refrouter.ike.v2.constants import Exchange
from refrouter.ike.v2.sa import IkeSa

TSHARK = shutil.which("tshark")
pytestmark = pytest.mark.skipif(TSHARK is None, reason="tshark is not installed (apt-get install tshark)")

WIRESHARK_NAMES = {  # Wireshark's ikev2_decryption_table spellings
    "aes-cbc-256": "AES-CBC-256 [RFC3602]",
    "aes-gcm-256": "AES-GCM-256 with 16 octet ICV [RFC5282]",
    "sha512": "HMAC_SHA2_512_256 [RFC4868]",
    None: "NONE [RFC4306]",
}


def _tshark(pcap: Path, *args: str) -> str:
    assert TSHARK is not None
    result = subprocess.run([TSHARK, "-r", str(pcap), *args], capture_output=True, text=True, timeout=120,
                            check=True)
    return result.stdout


def _decryption_table(sa: IkeSa) -> str:
    assert sa.keys is not None and sa.suite is not None
    keys = sa.keys
    fields = [sa.spi_i.hex(), sa.spi_r.hex(), keys.initiator.encryption_key.hex(),
              keys.responder.encryption_key.hex(), f'"{WIRESHARK_NAMES[sa.suite.encryption]}"',
              keys.initiator.integrity_key.hex(), keys.responder.integrity_key.hex(),
              f'"{WIRESHARK_NAMES[sa.suite.integrity]}"']
    return "uat:ikev2_decryption_table:" + ",".join(fields)


def _check(tmp_path: Path, p, sa: IkeSa, encrypted: int, init: int = 2) -> str:
    pcap = tmp_path / "ikev2.pcap"
    pcapfile.write(pcap, p.wire)
    exchanges = _tshark(pcap, "-T", "fields", "-e", "isakmp.exchangetype").split()
    assert [int(x) for x in exchanges] == [int(Exchange.IKE_SA_INIT)] * init + [int(Exchange.IKE_AUTH)] * 2 + \
        [int(Exchange.INFORMATIONAL)] * (len(exchanges) - init - 2)
    detail = _tshark(pcap, "-V", "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE",
                     "-o", _decryption_table(sa))
    assert "Malformed" not in detail and "[incorrect]" not in detail and "Bad]" not in detail
    assert detail.count("Integrity Checksum Data") == encrypted
    assert detail.count("[correct]") >= encrypted
    assert f"ID_IPV4_ADDR: {A}" in detail and f"ID_IPV4_ADDR: {B}" in detail
    expert = _tshark(pcap, "-q", "-z", "expert")
    assert "Errors" not in expert and "Warns" not in expert
    return detail


def test_cbc_exchange_decodes_and_verifies(tmp_path: Path) -> None:
    p = pair(a_settings=Ikev2Settings(), b_settings=Ikev2Settings(cookie_challenge=0))
    sa = p.connect()
    assert p.a.check_liveness(p.now, sa)
    p.deliver()
    detail = _check(tmp_path, p, sa, encrypted=4, init=4)
    assert "COOKIE" in detail and "NAT_DETECTION_SOURCE_IP" in detail
    assert "Key Length: 256" in detail and "Authentication Method: Shared Key Message Integrity Code" in detail


def test_gcm_exchange_decodes_and_verifies(tmp_path: Path) -> None:
    nge = Ikev2Proposal("NGE", ("aes-gcm-256",), (), (20,), prf=("sha384",))
    gcm = (EspTransform("GCM", "aes-gcm-256", None),)
    p = pair(a_proposals=(nge,), a_policies=(Ikev2Policy("P", ("NGE",)),), a_transforms=gcm,
             b_proposals=(nge,), b_policies=(Ikev2Policy("P", ("NGE",)),), b_transforms=gcm)
    sa = p.connect()
    detail = _check(tmp_path, p, sa, encrypted=2)
    assert "AES-GCM with a 16 octet ICV (20)" in detail and "Traffic Selector - Responder" in detail
