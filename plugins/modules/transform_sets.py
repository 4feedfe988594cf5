# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ipsecux.iosxe.transform_sets: manage IPsec transform sets (crypto ipsec transform-set)."""

from __future__ import annotations

DOCUMENTATION = r"""
module: transform_sets
short_description: Manage IPsec transform sets on Cisco IOS XE
description:
  - Manages C(crypto ipsec transform-set NAME transforms) and its C(mode); a set is identified by its name.
  - A changed set is changed in place by sending its header with the new transforms. New and changed sets
    are configured before unwanted sets are removed.
  - A set that a crypto map entry (static or dynamic) or an IPsec profile in the running config still uses is
    not deleted; the task fails and names the users. With I(remove_references=true), crypto map entries
    that use it are first changed to drop it (an entry left without sets uses the default transform sets).
    IPsec profiles are never changed.
  - Facts always carry C(mode) (default C(tunnel)) and, for esp-aes, esp-gcm and esp-gmac, C(key_size)
    (default 128).
version_added: 0.1.0
author: ipsecux maintainers (@ipsecux)
extends_documentation_fragment:
  - ipsecux.iosxe.config_resource
  - ipsecux.iosxe.config_safety
notes:
  - Over NETCONF a set that combines AH and ESP cannot be configured (the 17.18.1 YANG model allows
    C(esp) only without C(ah-hmac)); the module fails before sending anything.
  - Supports check mode and diff mode. After a device error the module restores the transform sets and the
    crypto maps it touched and reports the restore commands in C(rollback).
  - Transform sets with transforms the module does not know (for example C(comp-lzs)) are reported as
    warnings and never changed or deleted.
options:
  config:
    description: The transform sets.
    type: list
    elements: dict
    suboptions:
      name:
        description: Transform set name.
        type: str
        required: true
      esp_encryption:
        description: ESP encryption transform.
        type: str
        choices: [esp-des, esp-3des, esp-aes, esp-gcm, esp-gmac, esp-null, esp-seal]
      key_size:
        description: Key size in bits for esp-aes, esp-gcm and esp-gmac (default 128).
        type: int
        choices: [128, 192, 256]
      esp_integrity:
        description: ESP integrity transform; not allowed with esp-gcm and esp-gmac.
        type: str
        choices: [esp-md5-hmac, esp-sha-hmac, esp-sha256-hmac, esp-sha384-hmac, esp-sha512-hmac]
      ah_integrity:
        description: AH integrity transform.
        type: str
        choices: [ah-md5-hmac, ah-sha-hmac, ah-sha256-hmac, ah-sha384-hmac, ah-sha512-hmac]
      mode:
        description: IPsec mode (default C(tunnel)).
        type: str
        choices: [tunnel, transport]
  remove_references:
    description:
      - When a set to be deleted is used by crypto map entries, first remove it from those entries
        (C(set transform-set) with the remaining sets, or C(no set transform-set)) instead of failing.
    type: bool
    default: false
  state:
    description:
      - C(merged) adds or changes the given sets (unset fields keep the device value); C(replaced) makes each
        given set exactly as given; C(overridden) also removes sets that are not given; C(deleted) removes
        the given sets (all sets when I(config) is omitted); C(gathered), C(rendered), C(parsed) as usual.
    type: str
    default: merged
    choices: [merged, replaced, overridden, deleted, gathered, rendered, parsed]
"""

EXAMPLES = r"""
- name: The transform set of the seed example
  ipsecux.iosxe.transform_sets:
    config:
      - name: test_transf
        esp_encryption: esp-aes
        esp_integrity: esp-sha-hmac
        mode: tunnel
# commands: ["crypto ipsec transform-set test_transf esp-aes esp-sha-hmac"]

- name: AES-256 / SHA-256 in transport mode
  ipsecux.iosxe.transform_sets:
    config:
      - name: ts256
        esp_encryption: esp-aes
        key_size: 256
        esp_integrity: esp-sha256-hmac
        mode: transport
# commands: ["crypto ipsec transform-set ts256 esp-aes 256 esp-sha256-hmac", "mode transport"]

- name: Delete a set even though crypto map entries still use it
  ipsecux.iosxe.transform_sets:
    config:
      - name: old_ts
    remove_references: true
    state: deleted
# commands: ["crypto map testmap 10 ipsec-isakmp", "set transform-set test_transf",
#            "no crypto ipsec transform-set old_ts"]
"""

RETURN = r"""
before:
  description: The transform sets before the task.
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
  sample:
    - {name: test_transf, esp_encryption: esp-aes, key_size: 128, esp_integrity: esp-sha-hmac, mode: tunnel}
after:
  description: The transform sets after the task (predicted in check mode).
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
commands:
  description: The commands in the exact order sent.
    Over NETCONF, the edit-config payload sent (one item).
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
  elements: str
  sample: ["crypto ipsec transform-set ts256 esp-aes 256 esp-sha256-hmac", "mode transport"]
gathered:
  description: The transform sets on the device.
  returned: when I(state=gathered)
  type: list
rendered:
  description: The commands for I(config).
    With I(rendered_format=xml), one edit-config payload.
  returned: when I(state=rendered)
  type: list
  elements: str
parsed:
  description: The transform sets parsed from I(running_config).
  returned: when I(state=parsed)
  type: list
rollback:
  description: After a device error, the restore commands and whether they were accepted.
  returned: when the device rejected a command
  type: dict
diff:
  description: A unified diff of the running-config text of the transform sets. Each changed block is one
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

RESOURCE = "transform_sets"


def main() -> None:
    module = AnsibleModule(**module_kwargs(RESOURCE))
    run(module, RESOURCE)


if __name__ == "__main__":
    main()
