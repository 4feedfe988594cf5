# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ipsecux.iosxe.ikev2_keyrings: manage IKEv2 keyrings (crypto ikev2 keyring NAME, peers and their keys)."""

from __future__ import annotations

DOCUMENTATION = r"""
module: ikev2_keyrings
short_description: Manage IKEv2 keyrings on Cisco IOS XE
description:
  - Manages C(crypto ikev2 keyring) blocks and their C(peer) entries; a keyring is identified by its name,
    a peer by its name inside the keyring.
  - With I(state=merged) the given peers are merged into the keyring (given options change, the others
    stay) and other peers are kept; with I(state=replaced) and I(state=overridden) the keyring has exactly
    the given peers, each exactly as given. I(state=deleted) removes the given peers of a keyring, or the
    whole keyring when no peers are given.
  - Pre-shared keys are never returned; C(before), C(after), C(commands), C(diff) and warnings show
    C(********), and C(********(changed)) where a peer's key changes.
  - A keyring an IKEv2 profile uses (C(keyring local)) is not removed; the task fails and names the profile.
version_added: 0.1.0
author: ipsecux maintainers (@ipsecux)
extends_documentation_fragment:
  - ipsecux.iosxe.config_resource
  - ipsecux.iosxe.config_safety
notes:
  - Supports check mode and diff mode; restores the previous keyrings after a device error.
  - Over NETCONF a changed keyring is written whole (C(nc:operation=replace)).
options:
  config:
    description: The IKEv2 keyrings.
    type: list
    elements: dict
    suboptions:
      name:
        description: Keyring name; identifies the keyring.
        type: str
        required: true
      peers:
        description: The peers of the keyring.
        type: list
        elements: dict
        suboptions:
          name:
            description: Peer name; identifies the peer in the keyring.
            type: str
            required: true
          description:
            description: C(description) of the peer.
            type: str
          address:
            description: C(address) - the peer's IPv4 address.
            type: str
          mask:
            description: Netmask of I(address) (a range of peers); needs I(address).
            type: str
          hostname:
            description: C(hostname) of the peer.
            type: str
          identity:
            description:
              - C(identity) the peer presents, as IOS prints it - C(address A.B.C.D), C(fqdn [domain] NAME),
                C(email [domain] NAME) or C(key-id ID).
            type: str
          pre_shared_key:
            description: Symmetric pre-shared key; excludes I(pre_shared_key_local) and I(pre_shared_key_remote).
            type: str
          pre_shared_key_local:
            description: Key this router signs with (asymmetric keys).
            type: str
          pre_shared_key_remote:
            description: Key the peer signs with (asymmetric keys).
            type: str
  state:
    description:
      - C(merged) adds the given keyrings and peers or changes the given options of existing ones;
        C(replaced) makes each given keyring exactly as given; C(overridden) also removes keyrings that are
        not given; C(deleted) removes the given peers, or the given keyrings when they list no peers (all
        keyrings when I(config) is omitted); C(gathered), C(rendered), C(parsed) as usual.
    type: str
    default: merged
    choices: [merged, replaced, overridden, deleted, gathered, rendered, parsed]
"""

EXAMPLES = r"""
- name: A keyring for the hub
  ipsecux.iosxe.ikev2_keyrings:
    config:
      - name: KR1
        peers:
          - name: HUB
            address: 192.0.2.1
            pre_shared_key: "{{ vault_hub_psk }}"
# commands:
#   - crypto ikev2 keyring KR1
#   - peer HUB
#   - address 192.0.2.1
#   - pre-shared-key ********
#   - exit

- name: Remove one peer
  ipsecux.iosxe.ikev2_keyrings:
    config:
      - name: KR1
        peers:
          - name: OLD
    state: deleted
"""

RETURN = r"""
before:
  description: The keyrings before the task (facts format, see I(config)).
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
  sample:
    - {name: KR1, peers: [{name: HUB, description: null, address: 192.0.2.1, mask: null, hostname: null,
        identity: null, pre_shared_key: '********', pre_shared_key_local: null, pre_shared_key_remote: null}]}
after:
  description: The keyrings after the task (predicted in check mode).
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
  sample:
    - {name: KR1, peers: [{name: HUB, description: null, address: 192.0.2.1, mask: null, hostname: null,
        identity: null, pre_shared_key: '********', pre_shared_key_local: null, pre_shared_key_remote: null}]}
commands:
  description: The configuration commands, in the exact order they were (or in check mode would be) sent.
    Over NETCONF, the edit-config payload sent (one item).
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
  elements: str
  sample: ["crypto ikev2 keyring KR1", "peer HUB", "pre-shared-key ********", "exit"]
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
  description: A unified diff of the running-config text of the keyrings; keys masked, a changed key as
    C(********(changed)). Each changed block is one hunk with the whole block, so a change always shows
    the object it belongs to (key C(prepared)).
  returned: in diff mode, when I(state) is merged, replaced, overridden or deleted
  type: dict
"""

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.runner import module_kwargs, run

RESOURCE = "ikev2_keyrings"


def main() -> None:
    module = AnsibleModule(**module_kwargs(RESOURCE))
    run(module, RESOURCE)


if __name__ == "__main__":
    main()
