# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Safe change, backup and save options shared by every config module (docs/modules/safe_change.md)."""

from __future__ import annotations


class ModuleDocFragment:
    """`extends_documentation_fragment: ipsecux.iosxe.config_safety`."""

    DOCUMENTATION = r"""
options:
  confirm_timeout:
    description:
      - Safe change. Minutes (1 to 120) after which the device rolls the change back by itself unless it is
        confirmed. The module opens the change with C(configure terminal revert timer MINUTES), then opens a
        new SSH connection to the device and logs in with the connection's credentials; when that succeeds it
        sends C(configure confirm). When the change cuts the device off (the new connection or its login
        fails, or the session drops while the change is sent), the task waits until the device is reachable
        again after its revert, checks that the configuration is back to C(before) and fails, reporting what
        happened in C(safe_change).
      - Needs C(archive) with a C(path) on the device. Over C(ansible.netcommon.netconf) it needs a device
        that advertises C(:candidate) and C(:confirmed-commit:1.1); the change is then a confirmed commit of
        the candidate, confirmed from a new NETCONF session. Without them the task fails before the device is
        read.
      - Unset (the default), changes are sent with a plain C(configure terminal).
    type: int
    version_added: 0.1.0
  backup:
    description:
      - Copy the running configuration, as read before the change, to a file on the controller
        (C(backup_path) in the result). Also in check mode.
      - The file holds the device's keys and passwords as the device shows them; it is written with mode
        0600 and never appears in the task's result.
    type: bool
    default: false
    version_added: 0.1.0
  backup_options:
    description: Where I(backup=true) writes.
    type: dict
    version_added: 0.1.0
    suboptions:
      dir_path:
        description: Directory (created with mode 0700 when missing); default C(backup) beside the playbook.
        type: path
      filename:
        description: File name; default C(HOSTNAME_config.YYYY-MM-DD@HH:MM:SS).
        type: str
  save_when:
    description:
      - When to copy the running configuration to the startup configuration (C(write memory)) after the
        task, and after the confirmation of a safe change - C(never), C(always), C(modified) (when the
        running configuration differs from the startup configuration) or C(changed) (when the task changed
        the device).
      - Only with C(ansible.netcommon.network_cli); check mode saves nothing.
    type: str
    default: never
    choices: [never, always, modified, changed]
    version_added: 0.1.0
"""
