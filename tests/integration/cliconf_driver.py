"""Drive the iosxe terminal and cliconf plugins through a real network_cli session (run as a subprocess).

Usage: python cliconf_driver.py COLLECTIONS_ROOT SSH_PORT; prints one JSON object with what each call
returned. It runs in its own process because it installs ansible's collection loader.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from ansible.errors import AnsibleConnectionFailure
from ansible.playbook.play_context import PlayContext
from ansible.plugins.loader import connection_loader, init_plugin_loader


def connect(collections_root: str, port: int) -> Any:
    init_plugin_loader([collections_root])
    context = PlayContext()
    context.network_os = "ipsecux.iosxe.iosxe"
    context.remote_addr, context.port, context.remote_user = "127.0.0.1", port, "admin"
    context.become, context.become_method, context.become_pass = True, "enable", "admin"
    connection = connection_loader.get("ansible.netcommon.network_cli", context, "/dev/null")
    connection.set_options(
        var_options={
            "ansible_host": "127.0.0.1",
            "ansible_port": port,
            "ansible_user": "admin",
            "ansible_password": "admin",
            "ansible_network_os": "ipsecux.iosxe.iosxe",
            "ansible_host_key_checking": False,
            "ansible_network_cli_ssh_type": "libssh",
            "ansible_command_timeout": 10,
            "ansible_buffer_read_timeout": 0.01,
        }
    )
    connection._connect()
    return connection


def failure(call: Any) -> str | None:
    try:
        call()
    except (AnsibleConnectionFailure, ValueError) as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


def scenario(connection: Any) -> dict[str, Any]:
    cliconf = connection.cliconf
    cliconf.enable_response_logging()
    result: dict[str, Any] = {"device_info": cliconf.get_device_info()}
    result["device_info_commands"] = [command.decode() for command, _answer in cliconf.get_history()]
    cliconf.disable_response_logging()
    result["capabilities"] = json.loads(cliconf.get_capabilities())
    result["edit"] = cliconf.edit_config(
        ["crypto isakmp policy 5", "encryption aes 256", "crypto isakmp key Drv-Key-1 address 192.0.2.1"]
    )
    result["edit_error"] = failure(
        lambda: cliconf.edit_config(
            [
                "crypto isakmp policy 6",
                "hash sha256",
                "crypto isakmp key Drv-Key-2 address 192.0.2.300",
                "group 14",
            ]
        )
    )
    result["prompt_after_error"] = connection.get_prompt().decode()
    result["section"] = cliconf.get_config(flags=["| section crypto isakmp"])
    result["run_commands"] = cliconf.run_commands(
        ["show privilege", {"command": "show bogus"}], check_rc=False
    )
    result["logging"] = cliconf.run_commands(["show logging"])[0]  # syslog lines are not errors
    result["diff"] = cliconf.get_diff(
        candidate="crypto isakmp policy 5\n encr aes 256\n hash sha384\n", running=result["section"]
    )
    result["startup_error"] = failure(lambda: cliconf.get_config(source="candidate"))
    return result


def main() -> None:
    connection = connect(sys.argv[1], int(sys.argv[2]))
    try:
        print(json.dumps(scenario(connection)))
    finally:
        connection.close()


if __name__ == "__main__":
    main()
