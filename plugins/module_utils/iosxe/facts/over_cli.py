# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""`ipsec_facts` over network_cli: run the subsets' show commands, parse them, build the facts.

Shared by the module and its action plugin (plugins/action/ipsec_facts.py), which calls it on the controller
with the persistent connection, so the show output is parsed where it arrives and only the facts travel on
(docs/performance.md, figure 3).
"""

from __future__ import annotations

import re
from typing import Any, Protocol

from ansible.module_utils.connection import ConnectionError

from ..mask import mask_text
from .assemble import assemble
from .resources import RESOURCE_NAMES, gather_resources
from .subsets import CHOICES, commands_for, named_subsets, resolve_subsets

# The device does not know the command (an older release, or a feature it lacks).
UNKNOWN_COMMAND = re.compile(r"%\s*(?:Invalid input detected|Unrecognized command|Incomplete command)")

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
    """(result without warnings, warnings); raises FactsFailed with a masked message on a device error.

    A subset reached through `all` whose command the device does not know is left out with a warning; a
    subset named explicitly fails the task instead."""
    subsets = resolve_subsets(params["gather_subset"])
    named = named_subsets(params["gather_subset"])
    names = resource_names(params)
    outputs: dict[str, str] = {}
    sent: list[str] = []
    warnings: list[str] = []
    try:
        for subset in subsets:
            subset_outputs, problem = _run_subset(connection, subset, params["vrf"], sent)
            if problem is None:
                outputs.update(subset_outputs)
            elif subset in named or not UNKNOWN_COMMAND.search(problem):
                raise FactsFailed(problem, sent)
            else:
                warnings.append(f"gather_subset all: {subset} left out: {problem}")
        running = connection.get_config(source="running") if names else ""
    except ConnectionError as exc:
        raise FactsFailed(mask_text(str(exc)), sent) from None
    facts, parse_warnings = assemble(outputs)
    warnings += parse_warnings
    ansible_facts: dict[str, Any] = {"ipsec": facts}
    if names:
        resources, resource_warnings = gather_resources(running, names)
        ansible_facts["ansible_network_resources"] = resources
        warnings += resource_warnings
    return {"changed": False, "ansible_facts": ansible_facts, "commands": sent}, warnings


def _run_subset(
    connection: CliConnection, subset: str, vrf: str | None, sent: list[str]
) -> tuple[dict[str, str], str | None]:
    """(outputs of the subset's commands, None) or ({}, the masked device error of the command that failed)."""
    outputs: dict[str, str] = {}
    for command in commands_for([subset], vrf):
        sent.append(command)
        try:
            outputs[command] = connection.get(command=command)
        except ConnectionError as exc:
            return {}, f"{command}: {mask_text(str(exc))}"
    return outputs, None
