# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ipsecux.iosxe.ikev2_proposals: manage IKEv2 proposals."""

from __future__ import annotations

DOCUMENTATION = r"""
module: ikev2_proposals
short_description: Manage IKEv2 proposals on Cisco IOS XE
description:
  - Manages C(crypto ikev2 proposal) blocks; each proposal is identified by its name.
  - Every list is an order of preference and is compared in order. With I(state=merged) a given list replaces
    the device's list and an omitted one is kept; with I(state=replaced) and I(state=overridden) an omitted
    list is removed.
  - The smart default proposal C(default) is not managed here (see ipsecux.iosxe.ikev2_defaults).
  - New and changed proposals are configured before unwanted ones are removed; a proposal an IKEv2 policy
    still names is not removed (the task fails and names the policy).
version_added: 0.1.0
author: ipsecux maintainers (@ipsecux)
extends_documentation_fragment:
  - ipsecux.iosxe.config_resource
  - ipsecux.iosxe.config_safety
notes:
  - Supports check mode and diff mode; restores the previous proposals after a device error.
  - Over NETCONF the algorithms are empty leaves of the 17.18.1 YANG model, which carries no order; facts
    read over NETCONF list them in YANG order, and a proposal is rewritten only when its set of algorithms
    changes.
options:
  config:
    description: The IKEv2 proposals.
    type: list
    elements: dict
    suboptions:
      name:
        description: Proposal name; identifies the proposal.
        type: str
        required: true
      encryption:
        description: Encryption algorithms, most preferred first.
        type: list
        elements: str
        choices: [aes-cbc-128, aes-cbc-192, aes-cbc-256, aes-gcm-128, aes-gcm-256, 3des, des]
      integrity:
        description: Integrity algorithms, most preferred first (none with AES-GCM).
        type: list
        elements: str
        choices: [sha512, sha384, sha256, sha1, md5]
      prf:
        description: Pseudo-random functions, most preferred first.
        type: list
        elements: str
        choices: [sha512, sha384, sha256, sha1, md5]
      group:
        description: Diffie-Hellman groups, most preferred first.
        type: list
        elements: int
        choices: [1, 2, 5, 14, 15, 16, 19, 20, 21, 24]
  state:
    description:
      - C(merged) adds the given proposals or changes the given options of existing ones; C(replaced) makes
        each given proposal exactly as given; C(overridden) also removes proposals that are not given;
        C(deleted) removes the given proposals (all when I(config) is omitted); C(gathered) returns the
        device's proposals; C(rendered) returns the commands for I(config) without a device; C(parsed)
        parses I(running_config).
    type: str
    default: merged
    choices: [merged, replaced, overridden, deleted, gathered, rendered, parsed]
"""

EXAMPLES = r"""
- name: An AES-256 / SHA-256 proposal offering groups 19 and 14
  ipsecux.iosxe.ikev2_proposals:
    config:
      - name: AES256
        encryption: [aes-cbc-256]
        integrity: [sha256]
        group: [19, 14]
# commands:
#   - crypto ikev2 proposal AES256
#   - encryption aes-cbc-256
#   - integrity sha256
#   - group 19 14

- name: Remove a proposal
  ipsecux.iosxe.ikev2_proposals:
    config:
      - name: OLD
    state: deleted
"""

RETURN = r"""
before:
  description: The proposals before the task (facts format, see I(config)).
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
  sample:
    - {name: AES256, encryption: [aes-cbc-256], integrity: [sha256], prf: [], group: [19, 14]}
after:
  description: The proposals after the task (predicted in check mode).
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
  sample:
    - {name: AES256, encryption: [aes-cbc-256], integrity: [sha256], prf: [], group: [19, 14]}
commands:
  description: The configuration commands, in the exact order they were (or in check mode would be) sent.
    Over NETCONF, the edit-config payload sent (one item).
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
  elements: str
  sample: ["crypto ikev2 proposal AES256", "encryption aes-cbc-256", "no crypto ikev2 proposal OLD"]
gathered:
  description: The proposals on the device.
  returned: when I(state=gathered)
  type: list
rendered:
  description: The commands that configure I(config) on a device without these proposals.
    With I(rendered_format=xml), one edit-config payload.
  returned: when I(state=rendered)
  type: list
  elements: str
parsed:
  description: The proposals parsed from I(running_config).
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
  description: A unified diff of the running-config text of the proposals. Each changed block is one
    hunk with the whole block, so a change always shows the object it belongs to (key C(prepared)).
  returned: in diff mode, when I(state) is merged, replaced, overridden or deleted
  type: dict
"""

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.runner import module_kwargs, run

RESOURCE = "ikev2_proposals"


def main() -> None:
    module = AnsibleModule(**module_kwargs(RESOURCE))
    run(module, RESOURCE)


if __name__ == "__main__":
    main()
