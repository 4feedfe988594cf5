"""`show tech-support ipsec [peer X | vrf X]`: the seed guide's command lists, run in the seed's order.

Each section is headed as IOS heads tech-support sections (`------------------ show version
------------------`), followed by a blank line, the command's own output and a blank line. The commands
run through the CLI, so a section is byte for byte what the command prints on its own, except that the
running-config section has its secrets replaced by `<removed>`.
"""

from __future__ import annotations

from collections.abc import Callable

from ..state.config.sanitize import sanitize

DASHES = "-" * 18
COMMON_HEAD = ("show version", "show running-config")
COMMON_TAIL = (
    "show crypto ruleset detail",
    "show processes memory | include Crypto IKMP",
    "show processes cpu | include Crypto IKMP",
    "show crypto eli",
    "show crypto engine accelerator statistic",
)
ALL_COMMANDS = (
    *COMMON_HEAD,
    "show crypto isakmp sa count",
    "show crypto ipsec sa count",
    "show crypto session summary",
    "show crypto session detail",
    "show crypto isakmp sa detail",
    "show crypto ipsec sa detail",
    "show crypto isakmp peers",
    *COMMON_TAIL,
)
PEER_COMMANDS = (
    *COMMON_HEAD,
    "show crypto session remote {peer} detail",
    "show crypto isakmp sa peer {peer} detail",
    "show crypto ipsec sa peer {peer} detail",
    "show crypto isakmp peers {peer}",
    *COMMON_TAIL,
)
VRF_COMMANDS = (
    *COMMON_HEAD,
    "show crypto isakmp sa count vrf {vrf}",
    "show crypto ipsec sa count vrf {vrf}",
    "show crypto session ivrf {vrf} detail",
    "show crypto session fvrf {vrf} detail",
    "show crypto isakmp sa vrf {vrf} detail",
    "show crypto ipsec sa vrf {vrf} detail",
    *COMMON_TAIL,
)


def commands(peer: str | None = None, vrf: str | None = None) -> list[str]:
    """The sub-commands of one variant, with the peer address or VRF name filled in."""
    if peer is not None:
        return [command.format(peer=peer) for command in PEER_COMMANDS]
    if vrf is not None:
        return [command.format(vrf=vrf) for command in VRF_COMMANDS]
    return list(ALL_COMMANDS)


def header(command: str) -> str:
    return f"{DASHES} {command} {DASHES}"


def section(command: str, output: str) -> str:
    if output and not output.endswith("\n"):
        output += "\n"
    return f"{header(command)}\n\n{output}\n"


def tech_support(run: Callable[[str], str], peer: str | None = None, vrf: str | None = None) -> str:
    """Secrets in the running-config section are `<removed>`, as in IOS's tech-support."""
    return "".join(
        section(command, sanitize(run(command)) if command == "show running-config" else run(command))
        for command in commands(peer, vrf)
    )
