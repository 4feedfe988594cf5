# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Options and notes shared by the config resource modules (the `ipsecux.iosxe.config` action group)."""

from __future__ import annotations


class ModuleDocFragment:
    """`extends_documentation_fragment: ipsecux.iosxe.config_resource`."""

    DOCUMENTATION = r"""
options:
  running_config:
    description:
      - Running-config text to parse with I(state=parsed), for example the output of
        C(show running-config | section crypto).
      - Treated as a secret (it may contain pre-shared keys), so it is not shown in the task's invocation.
    type: str
  rendered_format:
    description:
      - What I(state=rendered) returns - C(cli) configuration lines, or C(xml), the edit-config payload
        (IOS XE 17.18.1 native model) that the module would send over C(ansible.netcommon.netconf).
      - Can be set for all config modules at once with
        C(module_defaults) and the action group C(group/ipsecux.iosxe.config).
    type: str
    default: cli
    choices: [cli, xml]
notes:
  - Needs C(ansible_network_os=ipsecux.iosxe.iosxe) and C(ansible_connection=ansible.netcommon.network_cli)
    or C(ansible_connection=ansible.netcommon.netconf), except for I(state=rendered) and I(state=parsed),
    which work offline with any connection.
  - Over NETCONF the module reads get-config XML and sends one edit-config per task, which the device
    applies all-or-nothing; C(commands) holds that payload (keys masked). I(state=parsed) also accepts
    get-config XML. See docs/netconf-collection.md.
"""
