# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Which show commands each `ipsec_facts` subset runs, and where their parsed data lands."""

from __future__ import annotations

ISAKMP_TABLES = ("global", "tunnel", "peer", "history", "failure")
IPSEC_TABLES = ("global", "tunnel", "endpoint", "spi", "history", "failure")

SUBSET_COMMANDS: dict[str, tuple[str, ...]] = {
    "config": (
        "show crypto isakmp policy",
        "show crypto ipsec transform-set",
        "show crypto map",
    ),
    "defaults": (
        "show crypto isakmp default policy",
        "show crypto ipsec default transform-set",
        "show crypto ikev2 proposal default",  # the IKEv2 smart default proposal (empty when disabled)
    ),
    "sa": (
        "show crypto isakmp sa",  # the only form with the state column (MM_NO_STATE ... QM_IDLE)
        "show crypto isakmp sa detail",
        "show crypto ipsec sa detail",
    ),
    "sessions": ("show crypto session detail",),
    "isakmp_flowmib": tuple(f"show crypto mib isakmp flowmib {table}" for table in ISAKMP_TABLES),
    "ipsec_flowmib": tuple(f"show crypto mib ipsec flowmib {table}" for table in IPSEC_TABLES),
    "ikev2_sa": ("show crypto ikev2 sa detail",),
    "ikev2_session": ("show crypto ikev2 session detail",),
    # every interface's block; facts/tunnels.py keeps the tunnels (Tunnel*, cloned Virtual-Access*)
    "tunnel_interfaces": ("show interfaces",),
}
ALIASES = {"flowmib": ("isakmp_flowmib", "ipsec_flowmib")}
ALL_SUBSETS = tuple(SUBSET_COMMANDS)
CHOICES = ("all", *ALL_SUBSETS, *ALIASES)

# Commands that take a trailing `vrf NAME` (the flow-MIB tables) or an inserted one (SA tables).
VRF_SUFFIX = ("show crypto mib",)
VRF_INFIX = {
    "show crypto isakmp sa": "show crypto isakmp sa vrf {vrf}",
    "show crypto isakmp sa detail": "show crypto isakmp sa vrf {vrf} detail",
    "show crypto ipsec sa detail": "show crypto ipsec sa vrf {vrf} detail",
    "show crypto session detail": "show crypto session ivrf {vrf} detail",
}


def named_subsets(requested: list[str]) -> set[str]:
    """The subsets asked for by name (an alias names its members), not through `all`."""
    named: set[str] = set()
    for item in requested:
        if not item.startswith("!") and item != "all":
            named.update(ALIASES.get(item, (item,)))
    return named


def resolve_subsets(requested: list[str]) -> list[str]:
    """`all`, names and `!name` exclusions (Ansible's gather_subset convention), in a stable order."""
    wanted: set[str] = set()
    excluded: set[str] = set()
    for item in requested:
        target = excluded if item.startswith("!") else wanted
        name = item.lstrip("!")
        if name == "all":
            target.update(ALL_SUBSETS)
        else:
            target.update(ALIASES.get(name, (name,)))
    if not wanted and excluded:
        wanted.update(ALL_SUBSETS)
    return [name for name in ALL_SUBSETS if name in wanted - excluded]


def commands_for(subsets: list[str], vrf: str | None) -> list[str]:
    commands: list[str] = []
    for subset in subsets:
        for command in SUBSET_COMMANDS[subset]:
            if vrf is not None and command.startswith(VRF_SUFFIX):
                command = f"{command} vrf {vrf}"
            elif vrf is not None and command in VRF_INFIX:
                command = VRF_INFIX[command].format(vrf=vrf)
            commands.append(command)
    return commands
