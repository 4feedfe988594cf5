# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The persistent connection's copy of the running configuration (docs/performance.md, figure 1).

Every config module reads the running configuration before it plans. The cliconf plugin keeps the last
copy it read with the device's `show configuration id` taken in the same round trip, just before it; a
later read asks only for the id (a few bytes) and returns the copy while the id is unchanged. Any change
made elsewhere (another session, NETCONF, a reload) moves the id; a change made through this connection
either refreshes the copy in the batch that makes it or drops it. A device that refuses the command, or a
new SSH session on the same connection object, gets no cache: every read is a full read, as before.
"""

from __future__ import annotations

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.device_errors import config_error_lines
from ansible_collections.ipsecux.iosxe.plugins.plugin_utils.cli_batch import command_output

MARKER_COMMAND = "show configuration id"
RUNNING_COMMAND = "show running-config"


class RunningCache:
    def __init__(self) -> None:
        self.markers = True  # False once the device refused `show configuration id`
        self.shell: object = None  # the SSH shell the copy was read on
        self.marker = ""
        self.text = ""

    def usable(self, shell: object) -> bool:
        return self.markers and bool(self.marker) and shell is not None and shell is self.shell

    def current(self, marker_output: str | None) -> bool:
        """Whether the device's id (the output of MARKER_COMMAND, None when it failed) is the copy's."""
        marker = self._marker(marker_output)
        if marker is None:
            self.drop()
            return False
        return marker == self.marker

    def keep(self, shell: object, marker_output: str, text: str) -> None:
        marker = self._marker(command_output(marker_output))
        if marker is None or not text:
            self.drop()
            return
        self.shell, self.marker, self.text = shell, marker, text

    def drop(self) -> None:
        self.shell, self.marker, self.text = None, "", ""

    def _marker(self, output: str | None) -> str | None:
        """The id's text; a refused command turns the cache off for this connection."""
        if output is None:
            return None
        if config_error_lines(output) or not output.strip():
            self.markers = False
            return None
        return output.strip()
