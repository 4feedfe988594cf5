"""The IKEv2, tunnel, PKI, GETVPN and crypto-logging lines of the public configurations in
../shared/reference/realcfg: accepted, printed back by `show running-config`, stable across write memory
and reload. (The whole-file acceptance of every family is refrouter/tests/realcfg.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from refrouter.lab.boot import BootableRouter

REALCFG = Path(__file__).resolve().parents[4] / "shared" / "reference" / "realcfg"
FAMILY_HEADER = re.compile(r"^crypto (ikev2|pki|gdoi|logging|key pubkey-chain)\b")
TUNNEL_HEADER = re.compile(r"^(int|interface)\s+(tun|virtual-t)", re.IGNORECASE)
TUNNEL_LINE = re.compile(r"^(tunnel |ip nhrp |ip mtu |ip tcp adjust-mss |ip unnumbered )")

# Lines IOS itself rejects: the files name objects they never define (or define after use).
IOS_REJECTS = {
    ("batfish__unit-cisco-crypto-ios.cfg", "keyring local somekey"),
    ("batfish__unit-cisco-crypto-ios.cfg", "crypto pki certificate chain TP-self-signed-2698589343"),
    ("otus-moskovchenko__lab14-r15-hub.cfg", "tunnel protection ipsec profile GRE"),
    ("otus-moskovchenko__lab14-r15-hub.cfg", "tunnel protection ipsec profile DMVPN"),
}
# Interface names of other platforms (FastEthernet0/0, serial 2/0 ...) are not this router's.
FOREIGN_INTERFACE = re.compile(r"^tunnel source (FastEthernet|TenGigabitEthernet|serial)", re.IGNORECASE)


def family_lines(text: str) -> list[str]:
    """The lines of this family: blocks under a family header, and tunnel lines of tunnel interfaces."""
    out: list[str] = []
    block = tunnel = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("!"):
            continue
        if not raw[:1].isspace():
            block, tunnel = bool(FAMILY_HEADER.match(line)), bool(TUNNEL_HEADER.match(line))
            if block:
                out.append(line)
        elif block or (tunnel and TUNNEL_LINE.match(line)):
            out.append(line)
    return out


DEFAULTS = {"tunnel mode gre ip"}  # IOS does not print a default


def _normalised(line: str) -> str:
    line = re.sub(r"\s+", " ", line.strip()).lower()
    match = re.fullmatch(r"match identity remote address (\S+)", line)
    return f"{line} 255.255.255.255" if match else line


FILES = sorted(p for p in REALCFG.glob("*.cfg") if family_lines(p.read_text())) if REALCFG.is_dir() else []


@pytest.mark.skipif(not FILES, reason=f"{REALCFG} is not there (shared reference material)")
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_family_lines_are_accepted_shown_and_survive_a_reload(path: Path, tmp_path: Path) -> None:
    router = BootableRouter("R1", state_dir=tmp_path)
    router.boot(path.read_text())
    rejected = {error.rsplit(": %", 1)[0].strip() for error in router.boot_errors}
    shown = {_normalised(line) for line in router.running_config_text().splitlines()}
    lines = [line for line in family_lines(path.read_text())
             if line.lower() not in ("quit", "exit") and line not in DEFAULTS and not TUNNEL_HEADER.match(line)]
    expected_rejects = {line for line in lines if (path.name, line) in IOS_REJECTS or FOREIGN_INTERFACE.match(line)}
    assert expected_rejects <= rejected  # IOS's own errors for references to objects that do not exist
    missing = [line for line in lines if line not in expected_rejects and _normalised(line) not in shown]
    assert missing == []
    router.write_startup()
    saved = router.running_config_text()
    router.reload()
    assert router.boot_errors == []
    assert router.running_config_text() == saved
