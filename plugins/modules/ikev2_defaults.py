# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ipsecux.iosxe.ikev2_defaults: turn the IOS XE IKEv2 smart defaults on or off."""

from __future__ import annotations

DOCUMENTATION = r"""
module: ikev2_defaults
short_description: Turn the IKEv2 smart defaults on or off on Cisco IOS XE
description:
  - IOS XE provides a smart default IKEv2 proposal and policy, IPsec transform set and IPsec profile, each
    named C(default). C(no crypto ikev2 proposal default) (and likewise for the others) turns one off;
    C(default crypto ikev2 proposal) turns it back on.
  - All four are on by default; the running config shows only the C(no ...) lines of those turned off.
  - Turning the default proposal off while an IKEv2 policy names it gives a warning that names the policies
    (IOS then refuses and the module rolls back).
version_added: 0.1.0
author: ipsecux maintainers (@ipsecux)
extends_documentation_fragment:
  - ipsecux.iosxe.config_safety
notes:
  - Needs C(ansible_network_os=ipsecux.iosxe.iosxe) and C(ansible_connection=ansible.netcommon.network_cli),
    except for I(state=rendered) and I(state=parsed), which work offline with any connection.
  - Supports check mode and diff mode; restores the previous toggles after a device error.
  - Works over network_cli only. The smart defaults have no node in the IOS XE 17.18.1 YANG model, so over
    NETCONF nothing is gathered and every change fails naming the family; I(rendered_format=xml) fails too.
options:
  config:
    description: The toggles; True is on.
    type: dict
    suboptions:
      proposal:
        description: The smart default IKEv2 proposal C(default).
        type: bool
      policy:
        description: The smart default IKEv2 policy C(default).
        type: bool
      transform_set:
        description: The smart default IPsec transform set C(default).
        type: bool
      ipsec_profile:
        description: The smart default IPsec profile C(default).
        type: bool
  running_config:
    description:
      - Running-config text to parse with I(state=parsed).
      - Treated as a secret (it may contain pre-shared keys), so it is not shown in the task's invocation.
    type: str
  rendered_format:
    description:
      - What I(state=rendered) returns; only C(cli) configuration lines are supported for the smart defaults.
    type: str
    default: cli
    choices: [cli, xml]
  state:
    description:
      - C(merged) sets the given toggles; C(replaced) and C(overridden) also turn on toggles that are not
        given; C(deleted) turns every one on (the IOS default); C(gathered), C(rendered), C(parsed) as usual.
    type: str
    default: merged
    choices: [merged, replaced, overridden, deleted, gathered, rendered, parsed]
"""

EXAMPLES = r"""
- name: Configure every IKEv2 object explicitly, without the smart defaults
  ipsecux.iosxe.ikev2_defaults:
    config:
      proposal: false
      policy: false
# commands: ["no crypto ikev2 proposal default", "no crypto ikev2 policy default"]

- name: Back to the IOS defaults
  ipsecux.iosxe.ikev2_defaults:
    state: deleted
# commands: ["default crypto ikev2 proposal", "default crypto ikev2 policy"]
"""

RETURN = r"""
before:
  description: The toggles before the task.
  returned: when I(state) is merged, replaced, overridden or deleted
  type: dict
  sample: {proposal: true, policy: true, transform_set: true, ipsec_profile: true}
after:
  description: The toggles after the task (predicted in check mode).
  returned: when I(state) is merged, replaced, overridden or deleted
  type: dict
  sample: {proposal: false, policy: false, transform_set: true, ipsec_profile: true}
commands:
  description: The commands in the exact order sent.
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
  elements: str
  sample: ["no crypto ikev2 proposal default", "no crypto ikev2 policy default"]
gathered:
  description: The toggles on the device.
  returned: when I(state=gathered)
  type: dict
rendered:
  description: The commands for I(config).
  returned: when I(state=rendered)
  type: list
  elements: str
parsed:
  description: The toggles parsed from I(running_config).
  returned: when I(state=parsed)
  type: dict
rollback:
  description: After a device error, the restore commands and whether they were accepted.
  returned: when the device rejected a command
  type: dict
diff:
  description: A unified diff of the running-config text (only C(no ...) lines of disabled defaults).
    Each changed block is one hunk with the whole block, so a change always shows the object it
    belongs to (key C(prepared)).
  returned: in diff mode, when I(state) is merged, replaced, overridden or deleted
  type: dict
"""

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.runner import module_kwargs, run

RESOURCE = "ikev2_defaults"


def main() -> None:
    module = AnsibleModule(**module_kwargs(RESOURCE))
    run(module, RESOURCE)


if __name__ == "__main__":
    main()
