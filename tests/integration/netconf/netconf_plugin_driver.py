"""Drive the ipsecux.iosxe netconf plugin through a real ansible.netcommon.netconf connection.

Usage: python netconf_plugin_driver.py COLLECTIONS_ROOT NETCONF_PORT [HANDLER]; prints one JSON object with
what each call returned. It runs in its own process because it installs ansible's collection loader.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from ansible.playbook.play_context import PlayContext
from ansible.plugins.loader import connection_loader, init_plugin_loader

NATIVE = "http://cisco.com/ns/yang/Cisco-IOS-XE-native"
CRYPTO = "http://cisco.com/ns/yang/Cisco-IOS-XE-crypto"
NC = "urn:ietf:params:xml:ns:netconf:base:1.0"
CISCO_IA = "http://cisco.com/yang/cisco-ia"
BAD_KEY_EDIT = (
    f'<config xmlns="{NC}"><native xmlns="{NATIVE}"><crypto><isakmp xmlns="{CRYPTO}"><key><key-address-host>'
    "<key>Driver-Psk-1</key><address><address-v4><address>192.0.2.300</address></address-v4></address>"
    "</key-address-host></key></isakmp></crypto></native></config>"
)


def connect(collections_root: str, port: int, handler: str | None) -> Any:
    init_plugin_loader([collections_root])
    context = PlayContext()
    context.network_os = "ipsecux.iosxe.iosxe"
    context.remote_addr, context.port, context.remote_user = "127.0.0.1", port, "admin"
    context.password = "admin"
    connection = connection_loader.get("ansible.netcommon.netconf", context, "/dev/null")
    variables = {
        "ansible_host": "127.0.0.1",
        "ansible_port": port,
        "ansible_user": "admin",
        "ansible_password": "admin",
        "ansible_network_os": "ipsecux.iosxe.iosxe",
        "ansible_host_key_checking": False,
        "ansible_command_timeout": 20,
        "ansible_connect_timeout": 20,
    }
    if handler:
        variables["ansible_iosxe_ncclient_device_handler"] = handler
    connection.set_options(var_options=variables)
    connection._connect()
    return connection


def failure(call: Any) -> str | None:
    from ansible_collections.ipsecux.iosxe.plugins.netconf.iosxe import DeviceRpcError  # after the loader

    try:
        call()
    except DeviceRpcError as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


def scenario(connection: Any) -> dict[str, Any]:
    netconf = connection.netconf
    return {
        "plugin": type(netconf).__module__,
        "handler": netconf.get_option("ncclient_device_handler"),
        "manager_handler": type(connection.manager._device_handler).__name__,
        "device_info": netconf.get_device_info(),
        "capabilities": json.loads(netconf.get_capabilities()),
        "save_config": netconf.save_config(),
        # what ansible.netcommon.netconf_rpc sends for `rpc: save-config` (the generic dispatch RPC)
        "dispatch_save_config": netconf.dispatch(rpc_command=f'<save-config xmlns="{CISCO_IA}"/>'),
        "bad_edit": failure(lambda: netconf.edit_config(config=BAD_KEY_EDIT, target="running")),
        "unlock_without_lock": failure(lambda: netconf.unlock(target="running")),
    }


def main() -> None:
    handler = sys.argv[3] if len(sys.argv) > 3 else None
    connection = connect(sys.argv[1], int(sys.argv[2]), handler)
    try:
        print(json.dumps(scenario(connection)))
    finally:
        connection.close()


if __name__ == "__main__":
    main()
