# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ipsecux.iosxe.tech_support: `show tech-support ipsec` split into sections and parsed."""

from __future__ import annotations

DOCUMENTATION = r"""
module: tech_support
short_description: Collect C(show tech-support ipsec) as sections, parsed where a parser exists
description:
  - Runs C(show tech-support ipsec), C(show tech-support ipsec peer ADDRESS) or
    C(show tech-support ipsec vrf NAME) and splits the output into its sections, in device order.
  - Sections whose command has a parser in this collection are also returned parsed; the others are listed
    under C(unparsed). No text is dropped.
  - Device log lines inside the output (for example C(%IPSEC-3-REPLAY_ERROR)) are data, not errors.
  - With I(dest), the whole text is written to a file on the Ansible controller (by the action plugin).
version_added: 0.1.0
author: ipsecux maintainers (@ipsecux)
notes:
  - Needs C(ansible_connection=ansible.netcommon.network_cli) and C(ansible_network_os=ipsecux.iosxe.iosxe).
  - Pre-shared keys, passwords and secrets in the running-config section are masked in the results and in
    the I(dest) file.
options:
  peer:
    description: Limit the output to one IKE peer (C(show tech-support ipsec peer ADDRESS)).
    type: str
  vrf:
    description: Limit the output to one VRF (C(show tech-support ipsec vrf NAME)).
    type: str
  dest:
    description:
      - File on the controller to write the (masked) text to; parent directories are created. The file is
        created with mode 0600. In check mode the command still runs (it only reads) but nothing is written.
    type: path
"""

EXAMPLES = r"""
- name: Everything TAC asks for, saved on the controller
  ipsecux.iosxe.tech_support:
    dest: "diag/{{ inventory_hostname }}-tech-ipsec.txt"
  register: tech

- name: One peer only
  ipsecux.iosxe.tech_support:
    peer: 192.0.2.2

- name: Which sections had no parser
  ansible.builtin.debug:
    var: tech.unparsed
"""

RETURN = r"""
command:
  description: The device command run.
  returned: always
  type: str
  sample: show tech-support ipsec peer 192.0.2.2
sections:
  description: Section command to raw text, in device order (text before the first heading is under C(preamble)).
  returned: always
  type: dict
order:
  description: The section commands in device order.
  returned: always
  type: list
  elements: str
parsed:
  description: Section command to structured data, for sections with a parser.
  returned: always
  type: dict
unparsed:
  description: Section commands without a parser.
  returned: always
  type: list
  elements: str
dest:
  description: The file written, when I(dest) was given.
  returned: when dest is set
  type: str
"""

import ipaddress
import json

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.connection import Connection, ConnectionError
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.facts.techsupport import collect
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.mask import mask_text

ARGUMENT_SPEC = {
    "peer": {"type": "str"},
    "vrf": {"type": "str"},
    "dest": {"type": "path"},
}


def main() -> None:
    module = AnsibleModule(
        argument_spec=ARGUMENT_SPEC, mutually_exclusive=[("peer", "vrf")], supports_check_mode=True
    )
    peer, vrf = module.params["peer"], module.params["vrf"]
    if peer is not None:
        try:
            ipaddress.IPv4Address(peer)
        except ValueError:
            module.fail_json(msg=f"peer: {peer!r} is not an IPv4 address")
        command = f"show tech-support ipsec peer {peer}"
    elif vrf is not None:
        command = f"show tech-support ipsec vrf {vrf}"
    else:
        command = "show tech-support ipsec"
    connection = Connection(module._socket_path)
    if json.loads(connection.get_capabilities()).get("network_api") == "netconf":
        module.fail_json(
            msg=f"{command} is a CLI command with no NETCONF counterpart (the crypto-oper model carries only "
            "the SA tables, see ipsec_facts); run tech_support over ansible.netcommon.network_cli",
            command=command,
        )
    try:
        text = connection.get(command=command)
    except ConnectionError as exc:
        module.fail_json(msg=mask_text(f"{command}: {exc}"))
    result = collect(text)
    for warning in result.pop("warnings"):
        module.warn(warning)
    module.exit_json(changed=False, command=command, **result)


if __name__ == "__main__":
    main()
