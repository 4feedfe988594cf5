# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ipsecux.iosxe.config_replace: replace the running config with a file, for example a module's backup."""

from __future__ import annotations

DOCUMENTATION = r"""
module: config_replace
short_description: Replace the running configuration of a Cisco IOS XE device with a saved configuration
description:
  - Restores a configuration file from the controller, for example one written by the I(backup) option of
    the config modules - the whole running configuration becomes the file's, as C(configure replace) makes it.
  - The file is copied to C(bootflash:) with SCP over the task's SSH connection (needs C(ip scp server enable)
    on the device), compared with C(show archive config differences), applied with
    C(configure replace bootflash:FILENAME force) when it differs, and deleted again.
  - The banner lines of C(show running-config) (C(Building configuration...), C(Current configuration ...))
    are removed from the file before it is copied.
version_added: 0.1.0
author: ipsecux maintainers (@ipsecux)
notes:
  - Needs C(ansible_connection=ansible.netcommon.network_cli); NETCONF has no configure replace.
  - Supports check mode (the file is copied and compared, nothing is replaced) and diff mode.
  - With I(confirm_timeout) the replace is a safe change as in the config modules (docs/modules/safe_change.md);
    it also needs C(archive) with a C(path) on the device.
options:
  src:
    description: Configuration file on the controller (IOS configuration text).
    type: path
    required: true
  filename:
    description: Name of the staging file on C(bootflash:).
    type: str
    default: ipsecux-replace.cfg
  confirm_timeout:
    description:
      - Minutes (1 to 120) after which the device rolls the replace back unless a new SSH connection still
        reaches it, as the config modules' option of the same name.
    type: int
"""

EXAMPLES = r"""
- name: Take a backup before the change
  ipsecux.iosxe.crypto_maps:
    config: "{{ maps }}"
    backup: true
  register: change

- name: Restore it, rolled back by the router if it cuts us off
  ipsecux.iosxe.config_replace:
    src: "{{ change.backup_path }}"
    confirm_timeout: 5
"""

RETURN = r"""
commands:
  description: The exec commands sent (the replace; the copy and the comparison are not listed).
  returned: always
  type: list
  elements: str
  sample: ["configure replace bootflash:ipsecux-replace.cfg force"]
differences:
  description: C(+)/C(-) lines from the running configuration to the file (secrets shown as C(<removed>)).
  returned: always
  type: list
  elements: str
safe_change:
  description: With I(confirm_timeout), what became of the replace (see the config modules).
  returned: when I(confirm_timeout) is set and the configuration was replaced
  type: dict
"""

from typing import Any

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.connection import Connection
from ansible.module_utils.connection import ConnectionError as DeviceError
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.config_replace import replace


def main() -> None:
    argument_spec: dict[str, Any] = {
        "src": {"type": "path", "required": True},
        "filename": {"type": "str", "default": "ipsecux-replace.cfg"},
        "confirm_timeout": {"type": "int"},
    }
    module = AnsibleModule(argument_spec=argument_spec, supports_check_mode=True)
    try:
        result = replace(Connection(module._socket_path), module.params, module.check_mode)
    except DeviceError as exc:
        module.fail_json(msg=f"device error: {exc}")
    if result.get("failed"):
        module.fail_json(**result)
    module.exit_json(**result)


if __name__ == "__main__":
    main()
