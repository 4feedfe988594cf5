# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""`ipsec_facts` over network_cli: run the subsets' show commands, parse them, build the facts.

Shared by the module and its action plugin (plugins/action/ipsec_facts.py), which calls it on the controller
with the persistent connection, so the show output is parsed where it arrives and only the facts travel on
(docs/performance.md, figure 3).
"""

from __future__ import annotations

from typing import Any, Protocol

from ansible.module_utils.connection import ConnectionError

from ..mask import mask_text
from .assemble import assemble
from .resources import RESOURCE_NAMES, gather_resources
from .subsets import CHOICES, commands_for, resolve_subsets

ARGUMENT_SPEC: dict[str, Any] = {
    "gather_subset": {"type": "list", "elements": "str", "default": ["all"]},
    "gather_network_resources": {
        "type": "list",
        "elements": "str",
        "choices": ["all", *RESOURCE_NAMES],
    },
    "vrf": {"type": "str"},
}


class CliConnection(Protocol):
    def get(self, command: str) -> str: ...

    def get_config(self, source: str) -> str: ...


class FactsFailed(Exception):
    """The task fails with this message; `commands` are the ones that ran."""

    def __init__(self, msg: str, commands: list[str]) -> None:
        super().__init__(msg)
        self.commands = commands


def subset_problem(requested: list[str]) -> str | None:
    bad = [s for s in requested if s.lstrip("!") not in CHOICES]
    if bad:
        return f"gather_subset: unknown subset(s) {bad}; choose from {list(CHOICES)}"
    return None


def resource_names(params: dict[str, Any]) -> list[str]:
    wanted = params["gather_network_resources"] or []
    return list(RESOURCE_NAMES) if "all" in wanted else list(wanted)


def gather_over_cli(connection: CliConnection, params: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """(result without warnings, warnings); raises FactsFailed with a masked message on a device error."""
    subsets = resolve_subsets(params["gather_subset"])
    names = resource_names(params)
    commands = commands_for(subsets, params["vrf"])
    outputs: dict[str, str] = {}
    try:
        for command in commands:
            outputs[command] = connection.get(command=command)
        running = connection.get_config(source="running") if names else ""
    except ConnectionError as exc:
        raise FactsFailed(mask_text(str(exc)), list(outputs)) from None
    facts, warnings = assemble(outputs)
    ansible_facts: dict[str, Any] = {"ipsec": facts}
    if names:
        resources, resource_warnings = gather_resources(running, names)
        ansible_facts["ansible_network_resources"] = resources
        warnings += resource_warnings
    return {"changed": False, "ansible_facts": ansible_facts, "commands": commands}, warnings
