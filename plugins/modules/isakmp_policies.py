# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ipsecux.iosxe.isakmp_policies: manage IKEv1 ISAKMP policies (crypto isakmp policy N)."""

from __future__ import annotations

DOCUMENTATION = r"""
module: isakmp_policies
short_description: Manage ISAKMP (IKEv1) policies on Cisco IOS XE
description:
  - Manages C(crypto isakmp policy) entries; each policy is identified by its priority.
  - Omitted fields keep the device value with I(state=merged) and fall back to the IOS defaults
    (des, sha, rsa-sig, group 1, 86400 s) with I(state=replaced) and I(state=overridden).
  - Facts always carry all six fields, with IOS defaults filled in for values the running config omits.
  - Changed policies are changed in place; new and changed policies are configured before unwanted ones
    are removed (see docs/modules/ordering.md).
  - Running-config lines inside a policy that the module does not understand are returned as warnings and
    left unchanged.
version_added: 0.1.0
author: ipsecux maintainers (@ipsecux)
extends_documentation_fragment:
  - ipsecux.iosxe.config_resource
  - ipsecux.iosxe.config_safety
notes:
  - Supports check mode (commands are computed, not sent; C(after) is the predicted state) and diff mode
    (before/after running-config text of the policies).
  - If the device rejects a command, the task fails with the device's message and the module sends the
    commands that restore the policies to their state before the task (returned in C(rollback)).
options:
  config:
    description: The ISAKMP policies.
    type: list
    elements: dict
    suboptions:
      priority:
        description: Policy priority, 1 (highest) to 10000; identifies the policy.
        type: int
        required: true
      encryption:
        description: Encryption algorithm (C(aes) is AES-128).
        type: str
        choices: [des, 3des, aes, aes-192, aes-256]
      hash:
        description: Hash algorithm.
        type: str
        choices: [md5, sha, sha256, sha384, sha512]
      authentication:
        description: Authentication method.
        type: str
        choices: [pre-share, rsa-sig, rsa-encr]
      group:
        description: Diffie-Hellman group.
        type: int
        choices: [1, 2, 5, 14, 15, 16, 19, 20, 21, 24]
      lifetime:
        description: SA lifetime in seconds, 60 to 86400.
        type: int
  state:
    description:
      - C(merged) adds or changes the given policies; C(replaced) makes each given policy exactly as given;
        C(overridden) also removes policies that are not given; C(deleted) removes the given policies (all
        policies when I(config) is omitted); C(gathered) returns the device's policies; C(rendered) returns
        the commands for I(config) without a device; C(parsed) parses I(running_config).
    type: str
    default: merged
    choices: [merged, replaced, overridden, deleted, gathered, rendered, parsed]
"""

EXAMPLES = r"""
- name: Add an AES-256 / SHA-256 / group 14 policy
  ipsecux.iosxe.isakmp_policies:
    config:
      - priority: 10
        encryption: aes-256
        hash: sha256
        authentication: pre-share
        group: 14
        lifetime: 3600
    state: merged
# commands:
#   - crypto isakmp policy 10
#   - encryption aes 256
#   - hash sha256
#   - authentication pre-share
#   - group 14
#   - lifetime 3600

- name: Keep only policy 10 (others are removed after policy 10 is configured)
  ipsecux.iosxe.isakmp_policies:
    config:
      - priority: 10
        encryption: aes
        authentication: pre-share
        group: 14
    state: overridden

- name: Remove policy 20
  ipsecux.iosxe.isakmp_policies:
    config:
      - priority: 20
    state: deleted

- name: Read the policies
  ipsecux.iosxe.isakmp_policies:
    state: gathered
  register: policies

- name: Parse a saved configuration without a device
  ipsecux.iosxe.isakmp_policies:
    running_config: "{{ lookup('file', 'routera_crypto.cfg') }}"
    state: parsed
"""

RETURN = r"""
before:
  description: The policies before the task (facts format, see I(config)).
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
  sample:
    - {priority: 10, encryption: aes-256, hash: sha256, authentication: pre-share, group: 14, lifetime: 3600}
after:
  description: The policies after the task (predicted in check mode).
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
  sample:
    - {priority: 10, encryption: aes-256, hash: sha256, authentication: pre-share, group: 14, lifetime: 3600}
commands:
  description: The configuration commands, in the exact order they were (or in check mode would be) sent.
    Over NETCONF, the edit-config payload sent (one item).
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
  elements: str
  sample: ["crypto isakmp policy 10", "encryption aes 256", "no crypto isakmp policy 20"]
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
safe_change:
  description:
    - With I(confirm_timeout), what became of the change - C(confirmed) (bool), C(reachable), C(reverted)
      (true, or null when unknown), C(reverted_by) (C(revert timer) or C(configure revert now)),
      C(restored) (the configuration read back equals C(before)), C(confirm_timeout).
  returned: when I(confirm_timeout) is set and the task sent commands
  type: dict
  sample: {confirmed: false, reverted: true, reverted_by: revert timer, restored: true, confirm_timeout: 5}
backup_path:
  description: The backup file on the controller (mode 0600; it holds the device's keys).
  returned: when I(backup=true)
  type: str
  sample: /playbooks/backup/RouterA_config.2026-12-07@09:01:02
saved:
  description: Whether C(write memory) was sent (I(save_when)).
  returned: when I(save_when) is not C(never) and the task succeeded
  type: bool
"""

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.runner import module_kwargs, run

RESOURCE = "isakmp_policies"


def main() -> None:
    module = AnsibleModule(**module_kwargs(RESOURCE))
    run(module, RESOURCE)


if __name__ == "__main__":
    main()
