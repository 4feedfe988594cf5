# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ipsecux.iosxe.isakmp_profiles: manage ISAKMP profiles (crypto isakmp profile NAME)."""

from __future__ import annotations

DOCUMENTATION = r"""
module: isakmp_profiles
short_description: Manage ISAKMP (IKEv1) profiles on Cisco IOS XE
description:
  - Manages C(crypto isakmp profile) blocks (which peers a profile matches, the keyrings it takes keys from,
    and how phase 1 runs with them); each profile is identified by its name.
  - Omitted fields keep the device value with I(state=merged) and are removed with I(state=replaced) and
    I(state=overridden). A given list (keyrings, trust points, identities) replaces the device's list;
    new items are added before dropped items are removed, and items the device already has keep its order.
  - Facts carry only the fields the device sets.
  - New and changed profiles are configured before unwanted ones are removed (see docs/modules/ordering.md).
  - The keyrings and the VRF a profile names must exist on the device; the device rejects the command
    otherwise and the task is rolled back.
  - Running-config lines inside a profile that the module does not understand (Easy VPN
    C(client ...) and C(isakmp authorization) lines) are returned as warnings and left unchanged.
  - Over NETCONF, identities the IOS XE 17.18.1 YANG model has no node for (an address identity with a VRF,
    C(user-fqdn), C(host domain), a C(self-identity) other than address and fqdn) fail with that reason.
version_added: 0.1.0
author: ipsecux maintainers (@ipsecux)
extends_documentation_fragment:
  - ipsecux.iosxe.config_resource
  - ipsecux.iosxe.config_safety
notes:
  - Supports check mode (commands are computed, not sent; C(after) is the predicted state) and diff mode
    (before/after running-config text of the profiles).
  - If the device rejects a command, the task fails with the device's message and the module sends the
    commands that restore the profiles to their state before the task (returned in C(rollback)).
options:
  config:
    description: The ISAKMP profiles.
    type: list
    elements: dict
    suboptions:
      name:
        description: Profile name; identifies the profile.
        type: str
        required: true
      description:
        description: Free-text description.
        type: str
      vrf:
        description: VRF of the peers the profile matches.
        type: str
      keyrings:
        description: Keyrings (C(crypto keyring)) the profile takes pre-shared keys from.
        type: list
        elements: str
      ca_trust_points:
        description: PKI trust points for certificate authentication.
        type: list
        elements: str
      self_identity:
        description: The local identity sent to peers, C(address), C(fqdn), C(user-fqdn NAME) or an IPv4 address.
        type: str
      match_identities:
        description:
          - Peer identities the profile matches, as typed after C(match identity)
            (C(address 192.0.2.1), C(address 10.0.0.0 255.0.0.0 [VRF]), C(host NAME), C(host domain NAME),
            C(user-fqdn NAME), C(group NAME)). An address without a mask is a host (IOS stores the
            255.255.255.255 mask, and so do the facts).
        type: list
        elements: str
      local_address:
        description: Local address of the profile, an IPv4 address or an interface name.
        type: str
      keepalive:
        description: Dead peer detection (C(keepalive N retry M)).
        type: dict
        suboptions:
          interval:
            description: Seconds between keepalives, 10 to 3600.
            type: int
            required: true
          retry:
            description: Seconds between retries, 2 to 60.
            type: int
            required: true
      initiate_aggressive:
        description: Initiate phase 1 in aggressive mode (C(initiate mode aggressive)).
        type: bool
      virtual_template:
        description: Virtual template interface number cloned for matched peers.
        type: int
  state:
    description:
      - C(merged) adds or changes the given profiles; C(replaced) makes each given profile exactly as given;
        C(overridden) also removes profiles that are not given; C(deleted) removes the given profiles (all
        profiles when I(config) is omitted); C(gathered) returns the device's profiles; C(rendered) returns
        the commands for I(config) without a device; C(parsed) parses I(running_config).
    type: str
    default: merged
    choices: [merged, replaced, overridden, deleted, gathered, rendered, parsed]
"""

EXAMPLES = r"""
- name: Match a peer by address and take its key from a keyring
  ipsecux.iosxe.isakmp_profiles:
    config:
      - name: BRANCH
        keyrings: [BRANCH-KEYS]
        match_identities: [address 192.0.2.2]
        keepalive: {interval: 10, retry: 3}
    state: merged
# commands:
#   - crypto isakmp profile BRANCH
#   - keyring BRANCH-KEYS
#   - match identity address 192.0.2.2 255.255.255.255
#   - keepalive 10 retry 3

- name: Remove a profile
  ipsecux.iosxe.isakmp_profiles:
    config:
      - name: OLD
    state: deleted
"""

RETURN = r"""
before:
  description: The profiles before the task (facts format, see I(config)).
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
  sample:
    - {name: BRANCH, keyrings: [BRANCH-KEYS], match_identities: [address 192.0.2.2 255.255.255.255]}
after:
  description: The profiles after the task (predicted in check mode).
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
  sample:
    - {name: BRANCH, keyrings: [BRANCH-KEYS], keepalive: {interval: 10, retry: 3}}
commands:
  description: The configuration commands, in the exact order they were (or in check mode would be) sent.
    Over NETCONF, the edit-config payload sent (one item).
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
  elements: str
  sample: ["crypto isakmp profile BRANCH", "keyring BRANCH-KEYS", "no crypto isakmp profile OLD"]
gathered:
  description: The profiles on the device.
  returned: when I(state=gathered)
  type: list
rendered:
  description: The commands that configure I(config) on a device without these profiles.
    With I(rendered_format=xml), one edit-config payload.
  returned: when I(state=rendered)
  type: list
  elements: str
parsed:
  description: The profiles parsed from I(running_config).
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
  description: A unified diff of the running-config text of the profiles. Each changed block is one
    hunk with the whole block, so a change always shows the object it belongs to (key C(prepared)).
  returned: in diff mode, when I(state) is merged, replaced, overridden or deleted
  type: dict
"""

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.runner import module_kwargs, run

RESOURCE = "isakmp_profiles"


def main() -> None:
    module = AnsibleModule(**module_kwargs(RESOURCE))
    run(module, RESOURCE)


if __name__ == "__main__":
    main()
