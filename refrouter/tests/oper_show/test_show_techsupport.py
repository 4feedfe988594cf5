"""`show tech-support ipsec [peer X | vrf X]`: every sub-command the seed guide lists for the variant, in
the seed's order, each under an IOS section header, and each section equal to the command run on its own.

The expected command lists are read from the seed text itself (its three bullet lists), not from the
router's code. The lab has no VRF-aware crypto, so the vrf variant runs against an unused VRF name.
"""

from __future__ import annotations

import asyncio
import re

import pytest
from clishell import privileged_shell
from seedtext import seed_lines

from refrouter.state.config.sanitize import sanitize

from .showlab import PEER_B, ShowLab

HEADER = re.compile(r"^-{18} (show .+) -{18}$", re.MULTILINE)
VRF = "INET"
VARIANT_HEADINGS = {
    "": "show tech-support ipsec コマンドの出力",
    f"peer {PEER_B}": "show tech-support ipsec peer コマンドの出力",
    f"vrf {VRF}": "show tech-support ipsec vrf コマンドの出力",
}
PLACEHOLDERS = {"ipv4address": PEER_B, "ivrf-name": VRF, "fvrf-name": VRF, "vrf-name": VRF}


def seed_commands(variant: str) -> list[str]:
    lines = seed_lines()
    start = lines.index(VARIANT_HEADINGS[variant])
    commands = []
    for text in lines[start + 1:]:
        if text.endswith("コマンドの出力") or text.strip().startswith("例"):
            break
        if text.startswith("- ") and "show" in text:
            command = " ".join(re.sub(r"[*`]", "", text[2:]).split())
            for placeholder, value in PLACEHOLDERS.items():
                command = re.sub(rf"\b{placeholder}\b", value, command)
            commands.append(command)
    return commands


def sections(text: str) -> list[tuple[str, str]]:
    """(command, body) per section; asserts nothing precedes the first header."""
    parts = HEADER.split(text)
    assert parts[0] == "", f"text before the first section: {parts[0]!r}"
    return list(zip(parts[1::2], parts[2::2], strict=True))


@pytest.mark.parametrize("variant", list(VARIANT_HEADINGS))
def test_sections_follow_the_seed_and_equal_the_commands(seed_lab: ShowLab, variant: str) -> None:
    expected = seed_commands(variant)
    assert len(expected) == {"": 14, f"peer {PEER_B}": 11, f"vrf {VRF}": 13}[variant]
    command = f"show tech-support ipsec {variant}".strip()
    [output, *standalone] = seed_lab.shows("RouterA", command, *expected)
    found = sections(output)
    assert [name for name, _ in found] == expected
    for (name, body), alone in zip(found, standalone, strict=True):
        if name == "show running-config":  # IOS removes the secrets from this section
            assert "identity" in alone and "identity" not in body
            assert "crypto isakmp key <removed> address 209.165.200.226" in body
            alone = sanitize(alone)
        assert body == f"\n\n{alone}\n", name  # header line, blank line, output, blank line


def test_process_sections_keep_the_crypto_ikmp_line(seed_lab: ShowLab) -> None:
    memory, cpu = seed_lab.shows("RouterA", "show processes memory | include Crypto IKMP",
                                 "show processes cpu | include Crypto IKMP")
    for output in (memory, cpu):
        [line] = output.splitlines()
        assert line.rstrip().endswith("Crypto IKMP")
    full = seed_lab.shows("RouterA", "show processes memory")[0]
    assert full.splitlines()[4].split() == ["PID", "TTY", "Allocated", "Freed", "Holding", "Getbufs", "Retbufs",
                                            "Process"]


def test_tech_support_over_ssh(seed_lab: ShowLab) -> None:
    lab_creds = seed_lab.runtime.lab.credentials

    async def collect() -> str:
        async with privileged_shell(seed_lab.ssh_port("RouterA"), lab_creds.username, lab_creds.password,
                                    lab_creds.enable_secret) as shell:
            return await shell.command(f"show tech-support ipsec peer {PEER_B}")

    text = asyncio.run(collect())
    assert [name for name, _ in sections(text)] == seed_commands(f"peer {PEER_B}")
    assert "Crypto IKMP" in text and "IPv4 Crypto ISAKMP SA" in text
