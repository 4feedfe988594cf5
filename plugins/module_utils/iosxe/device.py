"""The device as the config modules see it: read the crypto running config, push a batch of lines."""

from __future__ import annotations

from typing import Any, Protocol

from ansible.module_utils.connection import Connection

# The whole running config is read, not `| section crypto`: how `section` treats a matching child line
# (with or without its `interface` parent) differs between releases and emulators, and cisco.ios has a
# history of bugs from that filter. The parser ignores what is not crypto configuration.
RUNNING_CONFIG_FLAGS: list[str] = []


class Device(Protocol):
    def running_config(self) -> str: ...

    def configure(self, commands: list[str]) -> list[str]: ...


class CliconfDevice:
    """A device reached through the persistent network_cli connection and the iosxe cliconf plugin."""

    def __init__(self, module: Any) -> None:
        self._connection = Connection(module._socket_path)

    def running_config(self) -> str:
        return self._connection.get_config(source="running", flags=RUNNING_CONFIG_FLAGS)

    def configure(self, commands: list[str]) -> list[str]:
        """One configure terminal ... end batch; raises ConnectionError at the first rejected line."""
        result = self._connection.edit_config(candidate=commands)
        return list(result.get("response", [])) if isinstance(result, dict) else []
