# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Controller side of a safe change over NETCONF (docs/modules/safe_change.md): the module committed its
change confirmed, with a persist token; here a NEW NETCONF session (ncclient, the connection's credentials)
proves the device is still reachable, and the same kind of session settles the commit by its token:
`<commit><persist-id/>` confirms, `<cancel-commit><persist-id/>` rolls back at once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ansible.module_utils.connection import ConnectionError as DeviceError
from ansible_collections.ipsecux.iosxe.plugins.plugin_utils.reachability import PROBE_TIMEOUT, Login

CONFIRM = "commit with persist-id"
CANCEL = "cancel-commit"


@dataclass(frozen=True)
class NetconfTarget:
    host: str
    port: int
    login: Login


def _session(target: NetconfTarget, timeout: float) -> Any:
    from ncclient import manager

    login = target.login
    return manager.connect(
        host=target.host, port=target.port, username=login.user, password=login.password,
        key_filename=login.key_file, hostkey_verify=login.host_key_checking, device_params={"name": "default"},
        look_for_keys=login.password is None and login.key_file is None, allow_agent=login.password is None,
        timeout=timeout,
    )


def netconf_problem(target: NetconfTarget, timeout: float = PROBE_TIMEOUT) -> str | None:
    """None when a new NETCONF session opens (login and hello); otherwise why not."""
    try:
        with _session(target, timeout):
            return None
    except Exception as exc:  # ncclient raises its own transport, auth and socket errors
        return f"a new NETCONF session to {target.host}:{target.port} failed: {type(exc).__name__}: {exc}"


def settler(target: NetconfTarget, persist_id: str, timeout: float = PROBE_TIMEOUT) -> Callable[[str], None]:
    """`send` for safe_change.Device: CONFIRM or CANCEL the confirmed commit over a new session."""

    def send(action: str) -> None:
        try:
            with _session(target, timeout) as session:
                if action == CONFIRM:
                    session.commit(persist_id=persist_id)
                elif action == CANCEL:
                    session.cancel_commit(persist_id=persist_id)
                else:
                    raise DeviceError(f"unknown settling action {action}")
        except DeviceError:
            raise
        except Exception as exc:
            raise DeviceError(f"{action} over a new NETCONF session failed: {type(exc).__name__}: {exc}") from None

    return send
