# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Netconf plugin for Cisco IOS XE: device facts, capabilities, save-config, masked rpc-errors."""

from __future__ import annotations

DOCUMENTATION = """
author: ipsecux maintainers (@ipsecux)
name: iosxe
short_description: Netconf plugin for Cisco IOS XE (ipsecux)
description:
  - Loaded by C(ansible.netcommon.netconf) when C(ansible_network_os=ipsecux.iosxe.iosxe).
  - Reports device facts (hostname and, where the device serves C(/native/version), the version) and the
    server capabilities; saves the running configuration with Cisco's C(save-config) RPC
    (C(http://cisco.com/yang/cisco-ia)), or with C(copy-config) running to startup where that is missing.
  - An rpc-error of get, get-config, edit-config, commit, discard-changes, lock or unlock is raised as the
    rpc-error XML with pre-shared keys masked, and ncclient's transport logger is kept at WARNING, because
    at INFO it writes every message sent (pre-shared keys included) to the Ansible log.
version_added: 0.1.0
options:
  ncclient_device_handler:
    type: str
    default: default
    description:
      - The ncclient device handler. C(default) is the deliberate default; C(iosxe) also works, but its
        handler installs an unknown-host callback that accepts every SSH host key, so host key checking is
        off even with C(host_key_checking=true) (see docs/netconf-collection.md). This plugin sends
        C(save-config) itself, so nothing is lost with C(default).
    vars:
      - name: ansible_iosxe_ncclient_device_handler
"""

import json
import logging
import xml.etree.ElementTree as ET
from collections.abc import Callable
from functools import wraps
from typing import Any, ClassVar

from ansible.module_utils.common.text.converters import to_text
from ansible_collections.ansible.netcommon.plugins.plugin_utils.netconf_base import NetconfBase
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.rpc_errors import mask_xml
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.xml_tree import CISCO_IA, NATIVE

try:
    from ncclient.operations import RPCError
    from ncclient.xml_ import to_ele, to_xml
except ImportError:  # the netconf connection reports the missing library before this plugin is used

    class RPCError(Exception):  # type: ignore[no-redef]
        """Stands in for ncclient's RPCError so the plugin still imports (ansible-doc, sanity)."""


NETWORK_OS = "ipsecux.iosxe.iosxe"
FACTS_FILTER = ("subtree", f'<native xmlns="{NATIVE}"><hostname/><version/></native>')
FACTS = {"hostname": "network_os_hostname", "version": "network_os_version"}
SAVE_CONFIG = f'<save-config xmlns="{CISCO_IA}"/>'
STARTUP = "urn:ietf:params:netconf:capability:startup:1.0"
# ansible.netcommon sets the "ncclient" logger to INFO, at which ncclient's transport logs every message it
# sends (edit-config payloads with their pre-shared keys) to the Ansible log.
QUIET_LOGGERS = ("ncclient.transport",)


class DeviceRpcError(Exception):
    """An rpc-error; the message is the rpc-error XML with pre-shared keys masked."""


def masked_rpc_errors(method: Callable[..., Any]) -> Callable[..., Any]:
    """Raise rpc-errors as masked XML (the jsonrpc server logs exception text with -vvv)."""

    @wraps(method)
    def wrapped(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except RPCError as exc:
            raise DeviceRpcError(mask_xml(to_xml(exc.xml))) from None

    return wrapped


class Netconf(NetconfBase):
    __rpc__: ClassVar[list[str]] = [*NetconfBase.__rpc__, "save_config"]

    def __init__(self, connection: Any) -> None:
        super().__init__(connection)
        self._device_info: dict[str, str] = {}
        for name in QUIET_LOGGERS:
            logging.getLogger(name).setLevel(logging.WARNING)

    def get_device_info(self) -> dict[str, str]:
        """network_os plus the hostname and version the device reports under /native (one `get`)."""
        if not self._device_info:
            info = {"network_os": NETWORK_OS}
            try:
                reply = self.m.get(filter=FACTS_FILTER).data_xml
            except RPCError:
                reply = "<data/>"
            for element in ET.fromstring(reply).iter():
                field = FACTS.get(element.tag.rsplit("}", 1)[-1])
                if field and (element.text or "").strip():
                    info[field] = element.text.strip()
            self._device_info = info
        return self._device_info

    def get_capabilities(self) -> str:
        server = list(self.m.server_capabilities)
        return json.dumps(
            {
                "rpc": self.get_base_rpc(),
                "network_api": "netconf",
                "device_info": self.get_device_info(),
                "server_capabilities": server,
                "client_capabilities": list(self.m.client_capabilities),
                "session_id": self.m.session_id,
                "device_operations": self.get_device_operations(server),
            }
        )

    @masked_rpc_errors
    def save_config(self) -> str:
        """Copy running to startup: cisco-ia `save-config` when advertised, else `copy-config`."""
        server = list(self.m.server_capabilities)
        if any(capability.startswith(CISCO_IA) for capability in server):
            return to_text(self.m.dispatch(to_ele(SAVE_CONFIG)).xml)
        if STARTUP in server:
            return to_text(self.m.copy_config(source="running", target="startup").xml)
        raise DeviceRpcError("the device offers neither cisco-ia save-config nor the :startup capability")

    @masked_rpc_errors
    def get_config(self, source: str | None = None, filter: Any = None) -> str:
        return super().get_config(source=source, filter=filter)

    @masked_rpc_errors
    def get(self, filter: Any = None, with_defaults: Any = None) -> str:
        return super().get(filter=filter, with_defaults=with_defaults)

    @masked_rpc_errors
    def edit_config(self, *args: Any, **kwargs: Any) -> str:
        return super().edit_config(*args, **kwargs)

    @masked_rpc_errors
    def commit(self, confirmed: bool = False, timeout: Any = None, persist: Any = None) -> str:
        return super().commit(confirmed=confirmed, timeout=timeout, persist=persist)

    @masked_rpc_errors
    def discard_changes(self) -> str:
        return super().discard_changes()

    @masked_rpc_errors
    def lock(self, target: str = "candidate") -> str:
        return super().lock(target=target)

    @masked_rpc_errors
    def unlock(self, target: str = "candidate") -> str:
        return super().unlock(target=target)
