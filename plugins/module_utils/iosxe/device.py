# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The device as the config modules see it, and the configuration dialect it speaks.

A device reads its crypto configuration as text and applies a batch of changes. Over network_cli the text
is the running config and the changes are CLI lines (CliconfDevice, CLI_DIALECT); over NETCONF they are
get-config XML and edit-config payloads (netconf.device.NetconfDevice, netconf.dialect.XML_DIALECT).
`connected_device` picks one from the connection's capabilities.
"""

from __future__ import annotations

import json
from typing import Any, Protocol, cast

from ansible.module_utils.connection import Connection
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.argspec.checks import CLI_HELP_KEY
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.context import PlanContext
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.states import ResourceError
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.device import NetconfDevice
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.registry import RESOURCES
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.resource import Resource
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
    RunningConfig,
    parse_running_config,
)

# The whole running config is read, not `| section crypto`: how `section` treats a matching child line
# (with or without its `interface` parent) differs between releases and emulators, and cisco.ios has a
# history of bugs from that filter. The parser ignores what is not crypto configuration.
RUNNING_CONFIG_FLAGS: list[str] = []


class Device(Protocol):
    def running_config(self) -> str: ...

    def configure(self, commands: list[str]) -> list[str]: ...


class Dialect(Protocol):
    name: str

    def parse(self, text: str) -> RunningConfig: ...

    def adapt(self, resource: Resource, params: dict[str, Any], target: Any) -> Any: ...

    def encode(
        self, resource: Resource, have: Any, target: Any, context: PlanContext, commands: list[str]
    ) -> list[str]: ...

    def restore(self, names: tuple[str, ...], now: RunningConfig, before: RunningConfig) -> list[str]: ...

    def show(self, payloads: list[str]) -> list[str]: ...


def refuse_help_requests(lines: list[str]) -> list[str]:
    """The lines, unless one holds `?` (read by IOS as a request for help; see argspec.checks.cli_typable).
    A value read from the device (a key set over NETCONF) can bring one; the error is masked by the runner."""
    for line in lines:
        if CLI_HELP_KEY in line:
            raise ResourceError(
                f"cannot send {line!r} over network_cli: IOS takes '?' as a request for help; "
                "change this value over the netconf connection"
            )
    return lines


class CliDialect:
    """Running-config text in; the planner's CLI lines out, unchanged (lines with `?` refused)."""

    name = "cli"

    @staticmethod
    def parse(text: str) -> RunningConfig:
        return parse_running_config(text)

    @staticmethod
    def adapt(resource: Resource, params: dict[str, Any], target: Any) -> Any:
        return target

    @staticmethod
    def encode(
        resource: Resource, have: Any, target: Any, context: PlanContext, commands: list[str]
    ) -> list[str]:
        return refuse_help_requests(commands)

    @staticmethod
    def restore(names: tuple[str, ...], now: RunningConfig, before: RunningConfig) -> list[str]:
        """The commands that take every named resource back from `now` to `before`, resource by resource."""
        commands: list[str] = []
        for name in names:
            resource = RESOURCES[name]
            commands += resource.planner.transition(resource.facts(now), resource.facts(before))
        return refuse_help_requests(commands)

    @staticmethod
    def show(payloads: list[str]) -> list[str]:
        return list(payloads)


CLI_DIALECT = CliDialect()


class CliconfDevice:
    """A device reached through the persistent network_cli connection and the iosxe cliconf plugin."""

    dialect = CLI_DIALECT

    def __init__(self, module: Any, connection: Connection | None = None) -> None:
        self._connection = connection or Connection(module._socket_path)
        self._after: str | None = None  # the running config read in the same round trip as the last change

    def running_config(self) -> str:
        """The running config; right after `configure`, the copy read in the batch that made the change."""
        after, self._after = self._after, None
        if after is not None:
            return after
        return cast(str, self._connection.get_config(source="running", flags=RUNNING_CONFIG_FLAGS))

    def configure(self, commands: list[str]) -> list[str]:
        """One configure terminal ... end batch; raises ConnectionError naming the first rejected line."""
        self._after = None
        result = self._connection.edit_config(candidate=commands, read_back=True)
        if not isinstance(result, dict):
            return []
        after = result.get("running_config")
        self._after = after if isinstance(after, str) and after else None
        return list(result.get("response", []))

    def configure_with_revert_timer(self, commands: list[str], minutes: int) -> list[str]:
        """The same batch opened with `configure terminal revert timer MINUTES` (confirmed later)."""
        result = self._connection.edit_config(candidate=commands, revert_timer=minutes)
        return list(result.get("response", [])) if isinstance(result, dict) else []


def connected_device(module: Any) -> Device:
    """CliconfDevice or NetconfDevice, by the `network_api` of the task's persistent connection."""
    connection = Connection(module._socket_path)
    capabilities = json.loads(connection.get_capabilities())
    if capabilities.get("network_api") == "netconf":
        return NetconfDevice(connection, capabilities)
    return CliconfDevice(module, connection)


def dialect_of(device: Device) -> Dialect:
    """Devices that name no dialect (test doubles) speak CLI."""
    return getattr(device, "dialect", CLI_DIALECT)
