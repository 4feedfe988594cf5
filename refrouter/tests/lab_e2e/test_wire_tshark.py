"""Captures of what two routers send each other are real IKEv1/ESP: tshark decodes every message, finds no
malformed packet and no expert error, and with the keys decrypts ESP to the pings that were sent."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path
from typing import Any

import pytest

from refrouter.dataplane.pcap import PcapWriter

from .harness import configure, lab_copy, run, running_lab
from .test_failures import BASE, two_routers
from .tshark import TSHARK, esp_keys, problems, tshark_verbose

pytestmark = pytest.mark.skipif(TSHARK is None, reason="tshark is not installed (apt-get install tshark)")

SUITES = {  # name: (replacements in both sides' config)
    "aes256-sha256-g14": [],
    "3des-sha-g2": [("encryption aes 256", "encryption 3des"), ("hash sha256", "hash sha"), ("group 14", "group 2"),
                    ("esp-aes 256 esp-sha256-hmac", "esp-3des esp-sha-hmac")],
    "ah-around-esp": [("esp-aes 256 esp-sha256-hmac", "ah-sha256-hmac esp-aes 256 esp-sha256-hmac")],
    "esp-null-md5": [("esp-aes 256 esp-sha256-hmac", "esp-null esp-md5-hmac")],
    "gcm-g19-pfs": [("group 14", "group 19"), ("esp-aes 256 esp-sha256-hmac", "esp-gcm 256"),
                    ("match address 110", "match address 110\n set pfs group20")],
}


def _edited(side: str, changes: list[tuple[str, str]]) -> list[str]:
    text = "\n".join(BASE[side])
    for old, new in changes:
        text = text.replace(old, new)
    return text.split("\n")


def _capture(tmp_path: Path, changes: list[tuple[str, str]], pcap: Path,
             changes_b: list[tuple[str, str]] | None = None) -> dict[str, Any]:
    path = lab_copy(two_routers(), tmp_path)

    async def scenario() -> dict[str, Any]:
        async with running_lab(path, tmp_path) as lab:
            writer = PcapWriter(pcap)
            port = lab.routers["RouterA"].router.dataplane.ports["GigabitEthernet1"]  # type: ignore[attr-defined]
            port.taps.append(writer.write)
            configure(lab.routers["RouterA"].router, _edited("A", changes))
            configure(lab.routers["RouterB"].router, _edited("B", changes if changes_b is None else changes_b))
            ping = await run(lab.routers["RouterA"].router, "ping 10.2.0.1 source Loopback0 repeat 5 timeout 2")
            keys = esp_keys(lab.routers["RouterA"].router)
            await run(lab.routers["RouterA"].router, "clear crypto session")
            await asyncio.sleep(0.2)
            writer.close()
            return {"ping": ping, "keys": keys}

    return asyncio.run(scenario())


@pytest.mark.parametrize("suite", list(SUITES))
def test_ikev1_and_esp_are_wireshark_clean(suite: str, tmp_path: Path) -> None:
    pcap = tmp_path / "a.pcap"
    result = _capture(tmp_path, SUITES[suite], pcap)
    assert ".!!!!" in result["ping"], result["ping"]
    text = tshark_verbose(pcap, result["keys"], tmp_path)
    assert problems(text) == []
    for exchange in ("Identity Protection (Main Mode) (2)", "Quick Mode (32)", "Informational (5)"):
        assert f"Exchange type: {exchange}" in text, exchange
    for payload in ("Security Association (1)", "Key Exchange (4)", "Nonce (10)", "Vendor ID (13)"):
        assert f"Payload: {payload}" in text, payload
    assert text.count("Internet Control Message Protocol") >= 8  # 4 echo requests + 4 replies, decrypted
    assert "Echo (ping) request" in text and "Echo (ping) reply" in text
    if "gcm" not in suite:
        assert text.count("[Good: True]") >= 8  # every HMAC ICV verified


@pytest.mark.skipif(os.geteuid() != 0, reason="lab capture reads the loopback device: needs root")
def test_lab_capture_command_writes_what_the_interface_sends(tmp_path: Path) -> None:
    """`refrouter lab capture` from another process; SIGTERM leaves a complete file tshark reads."""
    path = lab_copy(two_routers(), tmp_path)
    pcap = tmp_path / "cli.pcap"

    async def scenario() -> str:
        async with running_lab(path, tmp_path) as lab:
            command = [sys.executable, "-c", "import sys; from refrouter.main import main; sys.exit(main())",
                       "lab", "capture", str(path), "RouterB:Gi1", str(pcap),
                       "--state-dir", str(tmp_path / "state"), "--seconds", "60"]
            process = await asyncio.create_subprocess_exec(*command, stderr=asyncio.subprocess.PIPE)
            try:
                for _ in range(600):  # the file appears once the packet socket is open (slow on a loaded machine)
                    if pcap.exists():
                        break
                    await asyncio.sleep(0.1)
                assert pcap.exists(), "lab capture did not open its file within 60 s"
                configure(lab.routers["RouterA"].router, BASE["A"])
                configure(lab.routers["RouterB"].router, BASE["B"])
                ping = await run(lab.routers["RouterA"].router, "ping 10.2.0.1 source Loopback0 repeat 5 timeout 2")
                await asyncio.sleep(0.3)
            finally:
                process.send_signal(signal.SIGTERM)
                _, errors = await asyncio.wait_for(process.communicate(), 30)
            assert process.returncode == 0, errors
            return ping

    assert ".!!!!" in asyncio.run(scenario())
    text = tshark_verbose(pcap, [], tmp_path)
    assert problems(text) == []
    assert text.count("Exchange type: Identity Protection (Main Mode) (2)") == 6
    assert text.count("Exchange type: Quick Mode (32)") == 3
    assert text.count("Encapsulating Security Payload") == 8


FAILURES = {  # RouterB's change: what tshark must show of the refusal
    "no common policy": ([("group 14", "group 19")], ["Notify Message Type: NO-PROPOSAL-CHOSEN (14)"]),
    "no common transform set": ([("esp-sha256-hmac", "esp-sha-hmac")],
                                ["Exchange type: Quick Mode (32)", "Exchange type: Informational (5)"]),
    "wrong pre-shared key": ([("key s3cret", "key other")], ["Exchange type: Identity Protection (Main Mode) (2)"]),
}


@pytest.mark.parametrize("case", list(FAILURES))
def test_refusals_are_wireshark_clean(case: str, tmp_path: Path) -> None:
    """The unencrypted NO_PROPOSAL_CHOSEN of main mode, the encrypted notify refusing a quick mode, and the
    retransmitted message 5 of a wrong key are well-formed ISAKMP too."""
    changes_b, expected = FAILURES[case]
    pcap = tmp_path / "a.pcap"
    result = _capture(tmp_path, [], pcap, changes_b)
    assert "Success rate is 0 percent" in result["ping"], result["ping"]
    text = tshark_verbose(pcap, [], tmp_path)
    assert problems(text) == []
    for line in expected:
        assert line in text, line
