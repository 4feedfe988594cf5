# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ipsecux.iosxe.isakmp_keys: manage ISAKMP pre-shared keys (crypto isakmp key ... address ...)."""

from __future__ import annotations

DOCUMENTATION = r"""
module: isakmp_keys
short_description: Manage ISAKMP pre-shared keys on Cisco IOS XE
description:
  - Manages C(crypto isakmp key KEY address IP [MASK] [no-xauth]) lines; an entry is identified by its
    I(address) and I(mask).
  - A key is replaced in place with C(crypto isakmp key NEW address IP); the old key is never removed first,
    so the peer is never left without a key.
  - Keys never appear in results, diffs or warnings; they are shown as C(********). Keys read from the device
    (I(state=gathered), I(state=parsed), C(before), C(after)) are masked as well, so gathered facts cannot
    carry a key back to a device. Omit I(key), or leave it at C(********), to keep the key that is
    configured on the device; give the real key (for example from Ansible Vault) to set or change it.
  - In diff mode a key that changes shows as eight asterisks followed by the word changed in parentheses.
version_added: 0.1.0
author: ipsecux maintainers (@ipsecux)
extends_documentation_fragment:
  - ipsecux.iosxe.config_resource
  - ipsecux.iosxe.config_safety
notes:
  - Supports check mode and diff mode. After a device error the module restores the keys it changed and
    reports the (masked) restore commands in C(rollback).
  - When the device stores keys encrypted (C(crypto isakmp key 6 ...), with C(password encryption aes)), a
    clear-text I(key) cannot be compared; such keys are left unchanged with a warning unless I(key_type=6)
    and the encrypted string are given.
  - Key lines the module does not understand (hostname or IPv6 peers) are reported as warnings, with the key
    masked, and left unchanged.
options:
  config:
    description: The pre-shared keys.
    type: list
    elements: dict
    suboptions:
      address:
        description: Peer IPv4 address (C(0.0.0.0) with mask C(0.0.0.0) matches any peer).
        type: str
        required: true
      mask:
        description: Netmask for a range of peers; omit for a single host (C(255.255.255.255) means the same).
        type: str
      key:
        description:
          - The pre-shared key, one word of at most 128 printable characters.
          - Required to create a key; omitted or C(********) keeps the key configured on the device.
        type: str
      key_type:
        description: C(0) for a clear-text I(key), C(6) when I(key) is already encrypted by the device.
        type: int
        choices: [0, 6]
      no_xauth:
        description: Do not ask this peer for Xauth (C(no-xauth)).
        type: bool
  state:
    description:
      - C(merged) sets the given keys; C(replaced) also resets I(no_xauth) when it is not given;
        C(overridden) also removes keys of peers that are not given; C(deleted) removes the given peers' keys
        (all keys when I(config) is omitted); C(gathered), C(rendered) and C(parsed) work as in the other
        resource modules.
    type: str
    default: merged
    choices: [merged, replaced, overridden, deleted, gathered, rendered, parsed]
"""

EXAMPLES = r"""
- name: Set the key for the peer of the seed example
  ipsecux.iosxe.isakmp_keys:
    config:
      - address: 209.165.200.226
        key: "{{ vault_psk_routerb }}"
    state: merged
# commands: ["crypto isakmp key ******** address 209.165.200.226"]

- name: Rotate the key (sent in place, no 'no' first)
  ipsecux.iosxe.isakmp_keys:
    config:
      - address: 209.165.200.226
        key: "{{ vault_psk_routerb_new }}"

- name: Keep only these peers, with the keys they already have
  ipsecux.iosxe.isakmp_keys:
    config:
      - address: 209.165.200.226
      - address: 10.0.0.0
        mask: 255.0.0.0
    state: overridden

- name: Remove a peer's key
  ipsecux.iosxe.isakmp_keys:
    config:
      - address: 209.165.200.226
    state: deleted
"""

RETURN = r"""
before:
  description: The keys before the task; every key is C(********).
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
  sample: [{address: 209.165.200.226, key: "********"}]
after:
  description: The keys after the task (predicted in check mode); every key is C(********).
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
  sample: [{address: 209.165.200.226, key: "********"}, {address: 10.0.0.0, mask: 255.0.0.0, key: "********"}]
commands:
  description: The commands in the exact order sent, keys masked.
    Over NETCONF, the edit-config payload sent (one item).
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
  elements: str
  sample: ["crypto isakmp key ******** address 10.0.0.0 255.0.0.0"]
gathered:
  description: The keys on the device, masked.
  returned: when I(state=gathered)
  type: list
rendered:
  description: The commands for I(config), keys masked.
    With I(rendered_format=xml), one edit-config payload.
  returned: when I(state=rendered)
  type: list
  elements: str
parsed:
  description: The keys parsed from I(running_config), masked.
  returned: when I(state=parsed)
  type: list
rollback:
  description: After a device error, the (masked) restore commands and whether they were accepted.
  returned: when the device rejected a command
  type: dict
diff:
  description: A unified diff of the running-config text of the keys, masked. Each changed block is one
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

RESOURCE = "isakmp_keys"


def main() -> None:
    module = AnsibleModule(**module_kwargs(RESOURCE))
    run(module, RESOURCE)


if __name__ == "__main__":
    main()
