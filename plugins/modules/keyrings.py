# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ipsecux.iosxe.keyrings: manage IKEv1 keyrings (crypto keyring NAME)."""

from __future__ import annotations

DOCUMENTATION = r"""
module: keyrings
short_description: Manage IKEv1 keyrings on Cisco IOS XE
description:
  - Manages C(crypto keyring) blocks, the pre-shared keys an ISAKMP profile (see the isakmp_profiles module)
    takes its keys from; each keyring is identified by its name.
  - Omitted fields keep the device value with I(state=merged), where given keys are added or changed and
    other keys are kept; with I(state=replaced) and I(state=overridden) omitted fields are removed and the
    keyring holds exactly the given keys.
  - A changed key is replaced in place (the peer is never without a key); keys of peers that are not wanted
    are removed after new and changed keys are set (see docs/modules/ordering.md).
  - Pre-shared keys are never returned, logged or shown in a diff; they are replaced by C(********)
    (C(********(changed)) where the task changes them).
  - A I(key) that is omitted or equal to the mask placeholder keeps the key on the device. When the device
    stores a key encrypted (type 6), a clear-text I(key) cannot be compared and that key is left unchanged
    with a warning; give I(key_type=6) and the encrypted string to manage it.
  - Running-config lines inside a keyring that the module does not understand are returned as warnings and
    left unchanged.
  - Works over network_cli only; over NETCONF nothing is gathered and a change fails with that reason.
version_added: 0.1.0
author: ipsecux maintainers (@ipsecux)
extends_documentation_fragment:
  - ipsecux.iosxe.config_safety
notes:
  - Needs C(ansible_network_os=ipsecux.iosxe.iosxe) and C(ansible_connection=ansible.netcommon.network_cli),
    except for I(state=rendered) and I(state=parsed), which work offline with any connection.
  - Supports check mode (commands are computed, not sent; C(after) is the predicted state) and diff mode
    (before/after running-config text of the keyrings, keys masked).
  - If the device rejects a command, the task fails with the device's message and the module sends the
    commands that restore the keyrings to their state before the task (returned in C(rollback)).
options:
  config:
    description: The keyrings.
    type: list
    elements: dict
    suboptions:
      name:
        description: Keyring name; identifies the keyring.
        type: str
        required: true
      vrf:
        description: VRF the keyring's peers are reached in (C(crypto keyring NAME vrf VRF)).
        type: str
      description:
        description: Free-text description.
        type: str
      local_address:
        description: Local address the keyring is limited to, an IPv4 address or an interface name.
        type: str
      keys:
        description: Pre-shared keys, one per peer (an address with an optional mask, or a hostname).
        type: list
        elements: dict
        suboptions:
          address:
            description: Peer address; not together with I(hostname).
            type: str
          mask:
            description: Network mask of I(address) (none or 255.255.255.255 for a host).
            type: str
          hostname:
            description: Peer hostname; not together with I(address).
            type: str
          key:
            description: The pre-shared key; omitted or C(********) keeps the device's key.
            type: str
          key_type:
            description: C(6) when I(key) is the encrypted string the device stores, C(0) for clear text.
            type: int
            choices: [0, 6]
  running_config:
    description:
      - Running-config text to parse with I(state=parsed).
      - Treated as a secret (it may contain pre-shared keys), so it is not shown in the task's invocation.
    type: str
  rendered_format:
    description:
      - What I(state=rendered) returns; only C(cli) configuration lines are supported for keyrings.
    type: str
    default: cli
    choices: [cli, xml]
  state:
    description:
      - C(merged) adds or changes the given keyrings; C(replaced) makes each given keyring exactly as given;
        C(overridden) also removes keyrings that are not given; C(deleted) removes the given keyrings (all
        keyrings when I(config) is omitted); C(gathered) returns the device's keyrings; C(rendered) returns
        the commands for I(config) without a device; C(parsed) parses I(running_config).
    type: str
    default: merged
    choices: [merged, replaced, overridden, deleted, gathered, rendered, parsed]
"""

EXAMPLES = r"""
- name: A keyring with the key of one branch
  ipsecux.iosxe.keyrings:
    config:
      - name: BRANCH-KEYS
        keys:
          - address: 192.0.2.2
            key: "{{ vault_branch_psk }}"
    state: merged
# commands:
#   - crypto keyring BRANCH-KEYS
#   - pre-shared-key address 192.0.2.2 key ********

- name: Remove a keyring
  ipsecux.iosxe.keyrings:
    config:
      - name: OLD
    state: deleted
"""

RETURN = r"""
before:
  description: The keyrings before the task (facts format, see I(config)).
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
  sample:
    - {name: BRANCH-KEYS, keys: [{address: 192.0.2.2, key: "********"}]}
after:
  description: The keyrings after the task (predicted in check mode).
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
  sample:
    - {name: BRANCH-KEYS, keys: [{address: 192.0.2.2, key: "********(changed)"}]}
commands:
  description: The configuration commands, in the exact order they were (or in check mode would be) sent.
    Over NETCONF, the edit-config payload sent (one item).
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
  elements: str
  sample: ["crypto keyring BRANCH-KEYS", "pre-shared-key address 192.0.2.2 key ********", "no crypto keyring OLD"]
gathered:
  description: The keyrings on the device.
  returned: when I(state=gathered)
  type: list
rendered:
  description: The commands that configure I(config) on a device without these keyrings.
    With I(rendered_format=xml), one edit-config payload.
  returned: when I(state=rendered)
  type: list
  elements: str
parsed:
  description: The keyrings parsed from I(running_config).
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
  description: A unified diff of the running-config text of the keyrings, keys masked. Each changed block is one
    hunk with the whole block, so a change always shows the object it belongs to (key C(prepared)).
  returned: in diff mode, when I(state) is merged, replaced, overridden or deleted
  type: dict
"""

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.runner import module_kwargs, run

RESOURCE = "keyrings"


def main() -> None:
    module = AnsibleModule(**module_kwargs(RESOURCE))
    run(module, RESOURCE)


if __name__ == "__main__":
    main()
