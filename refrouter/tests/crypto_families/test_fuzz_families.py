"""Fuzzed and deliberately wrong lines in every new configuration mode (IKEv2, tunnels, PKI, GETVPN):
the router answers with an IOS error, never an internal one, and a line no grammar accepts changes nothing."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refrouter.cli.grammar import CliError
from refrouter.cli.modes.config import ConfigMode
from refrouter.cli.session import INTERNAL_ERROR, CliSession
from refrouter.lab.boot import BootableRouter
from refrouter.state.config.sanitize import strip_controls

BASELINE = """\
crypto ipsec transform-set TS esp-aes esp-sha-hmac
crypto ipsec profile VTI
 set transform-set TS
crypto key generate rsa general-keys label KS modulus 2048
crypto ikev2 proposal P
 encryption aes-cbc-256
 integrity sha256
 group 14
crypto ikev2 policy POL
 proposal P
crypto ikev2 keyring KR
 peer PEER
  address 192.0.2.1
  pre-shared-key Secret1
crypto ikev2 profile PROF
 match identity remote address 192.0.2.1 255.255.255.255
 authentication remote pre-share
 authentication local pre-share
 keyring local KR
crypto ikev2 authorization policy AUTHZ
 pool POOL
crypto pki trustpoint TP
 enrollment selfsigned
crypto pki server CA
 grant auto
crypto gdoi group G
 identity number 1
 server local
  sa ipsec 1
   profile VTI
interface Tunnel0
 ip address 10.0.0.1 255.255.255.252
 tunnel source GigabitEthernet1
 tunnel mode ipsec ipv4
 tunnel destination 192.0.2.1
 tunnel protection ipsec profile VTI
"""

MODE_ENTRIES = [
    ["crypto ikev2 proposal P"],
    ["crypto ikev2 policy POL"],
    ["crypto ikev2 keyring KR"],
    ["crypto ikev2 keyring KR", "peer PEER"],
    ["crypto ikev2 profile PROF"],
    ["crypto ikev2 authorization policy AUTHZ"],
    ["crypto pki trustpoint TP"],
    ["crypto pki server CA"],
    ["crypto gdoi group G"],
    ["crypto gdoi group G", "server local"],
    ["crypto gdoi group G", "server local", "sa ipsec 1"],
    ["interface Tunnel0"],
    ["crypto key pubkey-chain rsa"],
]

FAMILY_COMMANDS = [
    "encryption aes-cbc-128", "integrity sha384", "prf sha512", "group 19 20", "no encryption aes-cbc-256",
    "proposal P", "match fvrf any", "match address local 10.0.0.1", "peer OTHER", "address 192.0.2.9",
    "pre-shared-key local Key2", "identity fqdn peer.example.net", "match identity remote fqdn domain x.net",
    "identity local address 10.0.0.1", "authentication remote rsa-sig", "keyring local KR", "lifetime 3600",
    "dpd 10 3 periodic", "nat keepalive 20", "virtual-template 1", "aaa authorization group psk list L AUTHZ",
    "config-exchange set accept", "pool P2", "dns 10.0.0.53", "route set interface", "route accept any tag 5",
    "enrollment url http://ca.example.net", "subject-name cn=router", "revocation-check crl none",
    "rsakeypair TP 2048", "database level complete", "lifetime certificate 365", "identity number 5",
    "server address ipv4 192.0.2.7", "rekey lifetime seconds 1800", "rekey retransmit 40 number 2",
    "profile VTI", "match address ipv4 ACL", "replay time window-size 5", "tunnel source Loopback0",
    "tunnel mode gre multipoint", "tunnel key 100", "tunnel protection ipsec profile VTI shared",
    "ip nhrp network-id 1", "ip nhrp nhs 10.0.0.2 nbma 192.0.2.2 multicast", "ip nhrp map multicast dynamic",
    "ip mtu 1400", "ip tcp adjust-mss 1360", "named-key K1", "crypto ikev2 dpd 10 2 on-demand",
    "crypto ikev2 cookie-challenge 10", "crypto logging ikev2", "crypto pki token default removal timeout 0",
]

FUZZ = settings(max_examples=400, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


def _router() -> BootableRouter:
    router = BootableRouter("R1")
    router.boot(BASELINE)
    assert router.boot_errors == []
    return router


def _replace_word(command: str, index: int, replacement: str) -> str:
    words = command.split()
    index %= len(words)
    return " ".join([*words[:index], replacement, *words[index + 1 :]])


mutated = st.builds(
    _replace_word,
    st.sampled_from(FAMILY_COMMANDS),
    st.integers(0, 8),
    st.sampled_from(["", "-1", "65536", "4294967296", "256.1.1.1", "0x", "%s", "'", "\\", "\x00", "ééé",
                     "aes-cbc-512", "sha1024", "group", "default", "NOPE"]),
)
truncated = st.builds(lambda c, cut: c[: cut % (len(c) + 1)], st.sampled_from(FAMILY_COMMANDS), st.integers(0, 60))
negated = st.builds(lambda c, extra: "no " + c + extra, st.sampled_from(FAMILY_COMMANDS),
                    st.sampled_from(["", " extra", " 1 2 3", " 99999", " NOPE"]))
lines = st.one_of(mutated, truncated, negated, st.text(max_size=60))


def _session(router: BootableRouter, entry: list[str]) -> CliSession:
    session = CliSession(router, privilege=15)
    session.push(ConfigMode(session))
    for line in entry:
        assert session.execute(line) == ""
    return session


def _accepted(session: CliSession, line: str) -> bool:
    for mode in (m for m in session.modes if m.is_config):
        try:
            mode.table.match(line.replace("\t", " "), session.privilege)
        except CliError:
            continue
        return True
    return False


@FUZZ
@given(entry=st.sampled_from(MODE_ENTRIES), line=lines)
def test_rejected_lines_change_nothing_and_nothing_crashes(entry: list[str], line: str) -> None:
    router = _router()  # a fresh copy per example: an accepted line may change the config
    session = _session(router, entry)
    before = router.running_config_text()
    typed = strip_controls(line)  # what the router reads: control characters are dropped as a terminal does
    accepted = _accepted(session, typed) and "|" not in typed
    output = str(session.execute(line))
    assert INTERNAL_ERROR not in output
    if session.pending is not None:  # a certificate / key-string prompt: abandon it with bad hex
        session.execute("zz")
        session.execute("quit")
    after = router.running_config_text()
    if not accepted and typed.strip() and not typed.lstrip().startswith("!"):
        assert after == before, f"{line!r} was rejected but changed the config"
        assert output.startswith(("%", " ")), output
