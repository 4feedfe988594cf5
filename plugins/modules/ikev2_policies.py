# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ipsecux.iosxe.ikev2_policies: manage IKEv2 policies."""

from __future__ import annotations

DOCUMENTATION = r"""
module: ikev2_policies
short_description: Manage IKEv2 policies on Cisco IOS XE
description:
  - Manages C(crypto ikev2 policy) blocks; each policy is identified by its name.
  - With I(state=merged) a given option replaces the device's value and an omitted one is kept; with
    I(state=replaced) and I(state=overridden) an omitted option is removed.
  - New proposals are added to a policy before old ones are removed. Every proposal a policy names must
    exist on the device (or be the smart default C(default)); otherwise the task fails before sending
    anything (a warning in check mode).
  - The smart default policy C(default) is not managed here (see ipsecux.iosxe.ikev2_defaults).
version_added: 0.1.0
author: ipsecux maintainers (@ipsecux)
extends_documentation_fragment:
  - ipsecux.iosxe.config_resource
  - ipsecux.iosxe.config_safety
notes:
  - Supports check mode and diff mode; restores the previous policies after a device error.
  - Over NETCONF a changed policy is written whole (C(nc:operation=replace)).
options:
  config:
    description: The IKEv2 policies.
    type: list
    elements: dict
    suboptions:
      name:
        description: Policy name; identifies the policy.
        type: str
        required: true
      match_fvrf:
        description: C(match fvrf) - the front-door VRF the policy applies to, or C(any); global when unset.
        type: str
      match_address_local:
        description: C(match address local) - local IPv4 addresses the policy applies to.
        type: list
        elements: str
      proposals:
        description: The IKEv2 proposals offered, most preferred first.
        type: list
        elements: str
  state:
    description:
      - C(merged) adds the given policies or changes the given options of existing ones; C(replaced) makes
        each given policy exactly as given; C(overridden) also removes policies that are not given;
        C(deleted) removes the given policies (all when I(config) is omitted); C(gathered) returns the
        device's policies; C(rendered) returns the commands for I(config) without a device; C(parsed)
        parses I(running_config).
    type: str
    default: merged
    choices: [merged, replaced, overridden, deleted, gathered, rendered, parsed]
"""

EXAMPLES = r"""
- name: Offer proposal AES256 on 192.0.2.1
  ipsecux.iosxe.ikev2_policies:
    config:
      - name: POL1
        match_address_local: [192.0.2.1]
        proposals: [AES256]
# commands:
#   - crypto ikev2 policy POL1
#   - match address local 192.0.2.1
#   - proposal AES256
"""

RETURN = r"""
before:
  description: The policies before the task (facts format, see I(config)).
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
  sample:
    - {name: POL1, match_fvrf: null, match_address_local: [192.0.2.1], proposals: [AES256]}
after:
  description: The policies after the task (predicted in check mode).
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
  sample:
    - {name: POL1, match_fvrf: null, match_address_local: [192.0.2.1], proposals: [AES256]}
commands:
  description: The configuration commands, in the exact order they were (or in check mode would be) sent.
    Over NETCONF, the edit-config payload sent (one item).
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
  elements: str
  sample: ["crypto ikev2 policy POL1", "proposal AES256", "no proposal OLD"]
gathered:
  description: The policies on the device.
  returned: when I(state=gathered)
  type: list
rendered:
  description: The commands that configure I(config) on a device without these policies.
    With I(rendered_format=xml), one edit-config payload.
  returned: when I(state=rendered)
  type: list
  elements: str
parsed:
  description: The policies parsed from I(running_config).
  returned: when I(state=parsed)
  type: list
rollback:
  description:
    - After a device error, the commands sent to restore the previous state, and whether that worked.
  returned: when the device rejected a command
  type: dict
  contains:
    commands:
      description: Restore commands, in the order sent.
      type: list
      elements: str
    restored:
      description: Whether the restore commands were accepted.
      type: bool
    error:
      description: Why restoring failed.
      type: str
      returned: when I(restored) is false
diff:
  description: A unified diff of the running-config text of the policies. Each changed block is one
    hunk with the whole block, so a change always shows the object it belongs to (key C(prepared)).
  returned: in diff mode, when I(state) is merged, replaced, overridden or deleted
  type: dict
"""

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.runner import module_kwargs, run

RESOURCE = "ikev2_policies"


def main() -> None:
    module = AnsibleModule(**module_kwargs(RESOURCE))
    run(module, RESOURCE)


if __name__ == "__main__":
    main()
