# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The device over the persistent `ansible.netcommon.netconf` connection and the ipsecux.iosxe netconf plugin.

Reads: one get-config of the running datastore with a subtree filter (crypto and the interfaces' crypto
bindings). Writes: lock the running datastore, one edit-config per payload (rollback-on-error when the
device advertises it), unlock. A safe change (`confirm_timeout`) on a device with :candidate and
:confirmed-commit:1.1 edits the candidate instead and commits it confirmed, with a persist token, so the
controller can confirm it from a new session (docs/modules/safe_change.md). rpc-errors come back as one
readable message with keys masked.
"""

from __future__ import annotations

from typing import Any, cast

from ansible.module_utils.connection import Connection
from ansible.module_utils.connection import ConnectionError as DeviceError
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.dialect import XML_DIALECT
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.rpc_errors import describe
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.xml_tree import CRYPTO, NATIVE
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.yang_vocab import INTERFACE_TYPES

READ_FILTER = (
    f'<native xmlns="{NATIVE}"><crypto/><interface>'
    + "".join(f'<{kind}><name/><crypto xmlns="{CRYPTO}"/></{kind}>' for kind in INTERFACE_TYPES)
    + "</interface></native>"
)
ROLLBACK_ON_ERROR = "urn:ietf:params:netconf:capability:rollback-on-error:1.0"
CANDIDATE = "urn:ietf:params:netconf:capability:candidate:1.0"
CONFIRMED_COMMIT = "urn:ietf:params:netconf:capability:confirmed-commit:1.1"
RPC_NAMES = {
    "get_config": "get-config",
    "edit_config": "edit-config",
    "lock": "lock",
    "unlock": "unlock",
    "commit": "commit",
    "discard_changes": "discard-changes",
}


class UnsettledCommit(DeviceError):  # type: ignore[misc]  # ansible-core ships no types
    """The confirmed commit got no reply (the session dropped): the device may hold it pending."""


class NetconfDevice:
    dialect = XML_DIALECT

    def __init__(self, connection: Connection, capabilities: dict[str, Any]) -> None:
        self._connection = connection
        operations = capabilities.get("device_operations") or {}
        self._lock = "running" in (operations.get("lock_datastore") or [])
        server = capabilities.get("server_capabilities") or []
        self._error_option = "rollback-on-error" if ROLLBACK_ON_ERROR in server else None
        self.confirmed_commit = CANDIDATE in server and CONFIRMED_COMMIT in server

    def running_config(self) -> str:
        return cast(str, self._call("get_config", source="running", filter=["subtree", READ_FILTER]))

    def configure(self, payloads: list[str]) -> list[str]:
        """Apply each payload as one edit-config under a lock; raises DeviceError with the device's reason."""
        if self._lock:
            self._call("lock", target="running")
        try:
            for payload in payloads:
                self._call("edit_config", config=payload, target="running", error_option=self._error_option)
        except DeviceError:
            if self._lock:
                self._unlock_after_error()
            raise
        if self._lock:
            self._call("unlock", target="running")
        return []

    def configure_confirmed(self, payloads: list[str], seconds: int, persist: str) -> None:
        """Edit the candidate and commit it confirmed (`persist` names the token that settles it). An error
        before the commit discards the candidate: nothing reached the running config then."""
        self._call("discard_changes")
        try:
            for payload in payloads:
                self._call("edit_config", config=payload, target="candidate", error_option=self._error_option)
        except DeviceError:
            self._discard_after_error()
            raise
        try:
            self._call("commit", confirmed=True, timeout=str(seconds), persist=persist)
        except DeviceError as exc:
            if "rpc-error" not in str(exc):
                raise UnsettledCommit(str(exc)) from None
            self._discard_after_error()  # refused (no archive path, say): nothing was committed
            raise

    def _discard_after_error(self) -> None:
        try:
            self._call("discard_changes")
        except DeviceError:
            return

    def _unlock_after_error(self) -> None:
        """Release the lock after a failed edit; the edit's error is the one the task reports."""
        try:
            self._call("unlock", target="running")
        except DeviceError:
            return

    def _call(self, method: str, **kwargs: Any) -> Any:
        try:
            return getattr(self._connection, method)(**kwargs)
        except DeviceError as exc:
            raise DeviceError(f"{RPC_NAMES[method]} failed: {describe(str(exc))}") from None
