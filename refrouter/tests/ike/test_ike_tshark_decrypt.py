"""Wireshark decrypts the router's IKEv1 exchanges given its `ikev1_decryption_table` (initiator cookie ->
encryption key), main mode 5/6, aggressive mode 3 and quick mode alike.

The key Wireshark wants is the phase-1 cipher key of RFC 2409 Appendix B: SKEYID_e cut to the cipher's key
length, or expanded (K1 | K2 ...) when SKEYID_e is shorter. SKEYID_e itself only works where the two lengths
happen to agree (SHA-256 with AES-256); with SHA-1 and AES-256, or MD5 and 3DES, nothing decrypts, which is
what a table built from SKEYID_e shows (issue #19)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from ike_harness import connect, isakmp_policy, site_to_site
from test_ike_aggressive import aggressive_pair
from v2 import pcapfile

from refrouter.ike.v2.datagram import Datagram as WireDatagram

TSHARK = shutil.which("tshark")
pytestmark = pytest.mark.skipif(TSHARK is None, reason="tshark is not installed")


def dissect(net, session, key: bytes, tmp_path: Path) -> str:
    pcap = tmp_path / "ikev1.pcap"
    pcapfile.write(pcap, [WireDatagram(d.src, d.dst, d.payload, d.sport, d.dport) for d in net.sent
                          if d.protocol == "udp"])
    uat = f"uat:ikev1_decryption_table:{session.icookie.hex()},{key.hex()}"
    assert TSHARK is not None
    result = subprocess.run([TSHARK, "-n", "-V", "-r", str(pcap), "-o", uat], capture_output=True, text=True,
                            timeout=120, check=True)
    return result.stdout


def initiator_session(node):
    [session] = node.engine._sessions.values()
    return session


@pytest.mark.parametrize(("encryption", "key_size", "hash_name"),
                         [("aes", 256, "sha"), ("aes", 128, "sha256"), ("3des", None, "md5")])
def test_main_and_quick_mode_decrypt_with_the_appendix_b_key(encryption, key_size, hash_name, tmp_path: Path):
    net, a, b = site_to_site()
    for node in (a, b):
        isakmp_policy(node.config, 10, encryption=encryption, key_size=key_size, hash=hash_name,
                      authentication="pre-share", group=14)
    connect(net, a)
    session = initiator_session(a)
    text = dissect(net, session, session._enc_key, tmp_path)
    assert "Malformed" not in text
    assert text.count("Payload: Hash (8)") == 5  # message 5, 6 and quick mode 1, 2, 3, all decrypted
    assert text.count("Payload: Identification (5)") == 6  # IDii, IDir and both quick modes' proxy pairs
    if len(session.keys.skeyid_e) < len(session._enc_key):  # the cause of the report in #19
        assert dissect(net, session, session.keys.skeyid_e, tmp_path).count("Payload: Hash (8)") == 0


def test_aggressive_mode_decrypts(tmp_path: Path):
    net, a, _b = aggressive_pair()
    connect(net, a)
    session = initiator_session(a)
    text = dissect(net, session, session._enc_key, tmp_path)
    assert "Malformed" not in text and "Aggressive" in text
    assert text.count("Payload: Hash (8)") == 5  # HASH_R in clear, HASH_I encrypted, quick mode 1-3
