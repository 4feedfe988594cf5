"""PKI (trustpoints, certificate chains, CA server, pubkey chain, RSA keys), GETVPN groups, crypto logging."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from refrouter.lab.boot import BootableRouter
from refrouter.show import pki_show

from .cli import console, run, section


def _certificate_hex() -> list[str]:
    """A real self-signed certificate as IOS prints it: 8-digit words, 8 words a line."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    name = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Lab"),
                      x509.NameAttribute(NameOID.COMMON_NAME, "IOS-Self-Signed-Certificate-1")])
    start = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(start).not_valid_after(start + datetime.timedelta(days=3650))
            .sign(key, hashes.SHA256()))
    digits = cert.public_bytes(serialization.Encoding.DER).hex().upper()
    words = [digits[i : i + 8] for i in range(0, len(digits), 8)]
    return [" ".join(words[i : i + 8]) for i in range(0, len(words), 8)]


CERT = _certificate_hex()
PKI = (
    "crypto pki trustpoint TP-self-signed-1\n enrollment selfsigned\n subject-name cn=IOS-Self-Signed-Certificate-1\n"
    " revocation-check none\n rsakeypair TP-self-signed-1\n"
    "crypto pki certificate chain TP-self-signed-1\n certificate self-signed 01\n"
    + "\n".join(f"  {line}" for line in CERT)
    + "\n  \tquit\n"
)


def test_a_certificate_chain_is_read_until_quit_and_printed_back() -> None:
    session = console()
    outputs = run(session, PKI)
    assert 'End with the word "quit" on a line by itself' in outputs[6]
    chain = section(session, "crypto pki certificate chain")
    assert chain.splitlines()[:2] == ["crypto pki certificate chain TP-self-signed-1", " certificate self-signed 01"]
    assert chain.splitlines()[2:-1] == [f"  {line}" for line in CERT]
    assert chain.splitlines()[-1] == "  \tquit"
    assert section(session, "crypto pki trustpoint") == (
        "crypto pki trustpoint TP-self-signed-1\n enrollment selfsigned\n"
        " subject-name cn=IOS-Self-Signed-Certificate-1\n revocation-check none\n rsakeypair TP-self-signed-1\n"
    )


def test_bad_hex_discards_the_certificate() -> None:
    session = console()
    run(session, "crypto pki trustpoint T\ncrypto pki certificate chain T")
    outputs = run(session, " certificate ca 02\n  30820330 ZZZZ\n  quit")
    assert outputs[-1] == "% Invalid hex data, the entry was discarded\n"
    assert session.router.running.pki.chains["T"].certificates == []


def test_a_chain_needs_its_trustpoint() -> None:
    session = console()
    assert run(session, "crypto pki certificate chain NOPE") == ["% Trustpoint NOPE does not exist\n"]
    assert session.router.running.pki.chains == {}


def test_show_trustpoints_decodes_the_stored_certificate() -> None:
    """IOS prints the subject most specific first (cn before o), as RFC 4514 does."""
    session = console()
    run(session, PKI)
    shown = pki_show.show_trustpoints(session.router.running)
    assert shown.splitlines()[:5] == [
        "Trustpoint TP-self-signed-1:",
        "    Subject Name: ",
        "    cn=IOS-Self-Signed-Certificate-1",
        "    o=Lab",
        "          Serial Number (hex): 01",
    ]


def test_genie_reads_show_trustpoints_status() -> None:
    show_crypto = pytest.importorskip("genie.libs.parser.iosxe.show_crypto", reason="genie parsers not installed")
    session = console()
    run(session, PKI + "crypto key generate rsa general-keys label TP-self-signed-1 modulus 2048")
    text = pki_show.show_trustpoints_status(session.router.running)
    parsed = show_crypto.ShowCryptoPkiTrustpointsStatus(device=None).cli(output=text)
    tp = parsed["Trustpoints"]["TP-self-signed-1"]
    assert tp["state"] == {"keys_generated": "yes", "issuing_ca_authenticated": "yes", "certificate_requests": "none"}


def test_rsa_keys_survive_write_memory_and_reload_but_stay_out_of_the_running_config(tmp_path: Path) -> None:
    router = BootableRouter("R1", state_dir=tmp_path)
    router.boot()
    session = console(router)
    outputs = run(session, "crypto key generate rsa general-keys label KS-Keys modulus 2048 exportable")
    assert outputs[0].startswith("The name for the keys will be: KS-Keys\n")
    run(session, "crypto gdoi group G\n identity number 1\n server local\n  rekey authentication mypubkey rsa KS-Keys")
    assert "KS-Keys" not in router.running_config_text().replace("mypubkey rsa KS-Keys", "")
    router.write_startup()
    saved = router.running_config_text()
    router.reload()
    assert router.boot_errors == []
    assert router.running_config_text() == saved
    assert router.running.pki.rsa_keys["KS-Keys"].exportable


def test_generate_without_a_label_needs_a_domain_name() -> None:
    session = console()
    assert run(session, "crypto key generate rsa modulus 1024") == ["% Please define a domain-name first.\n"]


GDOI = """
crypto ipsec transform-set TS esp-aes esp-sha-hmac
crypto ipsec profile GP
 set transform-set TS
crypto key generate rsa general-keys label KS modulus 2048
crypto gdoi group GROUP1
 identity number 6783
 server local
  address ipv4 4.4.4.4
  rekey lifetime seconds 1800
  rekey retransmit 40 number 2
  rekey authentication mypubkey rsa KS
  rekey transport unicast
  sa ipsec 777
   profile GP
   match address ipv4 GETVPN-ACL
   replay time window-size 5
"""


def test_a_getvpn_key_server_group_is_kept() -> None:
    session = console()
    outputs = run(session, GDOI)
    assert [o for o in outputs if o and not o.startswith("The name")] == []
    assert section(session, "crypto gdoi group") == (
        "crypto gdoi group GROUP1\n identity number 6783\n server local\n  address ipv4 4.4.4.4\n"
        "  rekey lifetime seconds 1800\n  rekey retransmit 40 number 2\n  rekey authentication mypubkey rsa KS\n"
        "  rekey transport unicast\n  sa ipsec 777\n   profile GP\n   match address ipv4 GETVPN-ACL\n"
        "   replay time window-size 5\n  !\n"
    )


def test_gdoi_references_are_checked() -> None:
    session = console()
    outputs = run(session, "crypto gdoi group G\n server local\n  rekey authentication mypubkey rsa NOKEY\n"
                           "  sa ipsec 1\n   profile NOPROFILE")
    assert outputs[2] == "% RSA keypair NOKEY not found\n"
    assert outputs[4] == "% IPSEC profile NOPROFILE does not exist\n"
    group = session.router.running.gdoi_groups["G"]
    assert group.server_local == [] and group.sas == {1: []}


def test_pubkey_chain_and_pki_server_and_logging() -> None:
    session = console()
    outputs = run(
        session,
        "crypto key pubkey-chain rsa\n named-key peer1\n  address 1.2.3.4\n  key-string\n"
        "   305C300D 06092A86\n   4886F70D 0101\n  quit\n"
        "crypto pki server CA\n database level complete\n no database archive\n grant auto\n"
        "crypto logging session\ncrypto logging ikev2",
    )
    assert [o for o in outputs if o and "hexidecimal" not in o] == []
    assert section(session, "crypto key pubkey-chain") == (
        "crypto key pubkey-chain rsa\n named-key peer1\n  address 1.2.3.4\n  key-string\n"
        "   305C300D 06092A86 4886F70D 0101\n  quit\n"
    )
    assert section(session, "crypto pki server") == (
        "crypto pki server CA\n database level complete\n no database archive\n grant auto\n"
    )
    assert "crypto logging session\ncrypto logging ikev2\n" in session.router.running_config_text()
    run(session, "no crypto logging session")
    assert session.router.running.crypto_logging == ["ikev2"]


def test_new_secrets_are_removed_from_tech_support_and_rejected_line_reports() -> None:
    from refrouter.state.config.sanitize import sanitize, sanitize_typed

    text = (" pre-shared-key local LocalKey1\n  pre-shared-key 6 Key2\n ip nhrp authentication NHRPPASS\n"
            " password 7 TpPass\n")
    cleaned = sanitize(text)
    assert not any(secret in cleaned for secret in ("LocalKey1", "Key2", "NHRPPASS", "TpPass"))
    assert cleaned.splitlines()[0] == " pre-shared-key local <removed>"
    assert sanitize_typed("pre-sh remote 0 RemoteKey bogus") == "pre-sh <removed>"
    assert sanitize_typed("ip nhrp auth TooLongSecret") == "ip nhrp auth <removed>"
    router = BootableRouter("R1")
    router.boot("interface Tunnel0\n ip nhrp authentication TooLongSecret\n")
    assert router.boot_errors and "TooLongSecret" not in " ".join(router.boot_errors)


def test_repeated_settings_replace_the_earlier_line() -> None:
    session = console()
    run(session, "crypto pki server CA\n grant auto\n grant none\n database archive pem\n no database archive\n"
                 "crypto ikev2 authorization policy A\n route set interface\n route set interface Loopback0\n"
                 " dns 10.0.0.1\n dns 10.0.0.2 10.0.0.3")
    assert section(session, "crypto pki server") == "crypto pki server CA\n grant none\n no database archive\n"
    assert section(session, "crypto ikev2 authorization policy") == (
        "crypto ikev2 authorization policy A\n route set interface Loopback0\n dns 10.0.0.2 10.0.0.3\n"
    )


def test_a_gdoi_crypto_map_entry_joins_its_group() -> None:
    """`crypto map NAME SEQ gdoi` (a GETVPN group member) is kept with its `set group` and entered again by
    `crypto map NAME SEQ`; `ipsec-isakmp` at the same sequence number replaces it."""
    session = console()
    run(session, "crypto gdoi group G1\n identity number 1\n server address ipv4 192.0.2.4")
    run(session, "crypto map GM 10 gdoi\n set group G1\ncrypto map GM 20 gdoi\n set group G1\n no set group")
    assert section(session, "crypto map GM") == "crypto map GM 10 gdoi\n set group G1\ncrypto map GM 20 gdoi\n"
    run(session, "crypto map GM 20\n set group G2")
    assert session.router.running.crypto_maps["GM"].entries[20].gdoi_group == "G2"
    run(session, "crypto map GM 20 ipsec-isakmp")
    assert not session.router.running.crypto_maps["GM"].entries[20].gdoi
