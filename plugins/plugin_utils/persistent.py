# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Replace a persistent connection whose SSH session the device dropped (after a safe change's revert)."""

from __future__ import annotations

import contextlib
import os
import time
from typing import Any

from ansible.executor.task_executor import start_connection
from ansible.module_utils.connection import Connection
from ansible.module_utils.connection import ConnectionError as DeviceError

SOCKET_GONE_POLLS = 100  # x 0.05 s: the old ansible-connection process removes its socket as it exits


def restart(connection: Any, play_context: Any, task_uuid: str) -> None:
    """Close the old persistent connection (as `meta: reset_connection` does) and start a new one."""
    socket_path = connection.socket_path
    if socket_path:
        with contextlib.suppress(DeviceError):  # the process may be gone already
            Connection(socket_path).reset()
        for _poll in range(SOCKET_GONE_POLLS):
            if not os.path.exists(socket_path):
                break
            time.sleep(0.05)
    connection._socket_path = start_connection(play_context, connection.get_options(), task_uuid)
