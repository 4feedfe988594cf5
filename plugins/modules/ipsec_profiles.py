# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ipsecux.iosxe.ipsec_profiles: manage IPsec profiles (crypto ipsec profile NAME)."""

from __future__ import annotations

DOCUMENTATION = r"""
module: ipsec_profiles
short_description: Manage IPsec profiles on Cisco IOS XE
description:
  - Manages C(crypto ipsec profile) blocks, the IPsec policy that C(tunnel protection ipsec profile) applies
    to a tunnel interface (see the tunnel_interfaces module); each profile is identified by its name.
  - Omitted fields keep the device value with I(state=merged) and are removed with I(state=replaced) and
    I(state=overridden).
  - Facts carry only the fields the device sets.
  - Changed profiles are changed in place; new and changed profiles are configured before unwanted ones
    are removed (see docs/modules/ordering.md).
  - The transform sets and the ISAKMP or IKEv2 profile a profile names must exist on the device; the device
    rejects the command otherwise and the task is rolled back.
  - Running-config lines inside a profile that the module does not understand are returned as warnings and
    left unchanged.
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
    description: The IPsec profiles.
    type: list
    elements: dict
    suboptions:
      name:
        description: Profile name; identifies the profile.
        type: str
        required: true
      sa_lifetime:
        description: IPsec SA lifetime of the profile (C(set security-association lifetime)).
        type: dict
        suboptions:
          seconds:
            description: Lifetime in seconds, 120 to 2592000.
            type: int
          kilobytes:
            description: Lifetime in kilobytes, 2560 to 4294967295.
            type: int
      transform_sets:
        description: Transform sets, in order of preference (at most 6).
        type: list
        elements: str
      pfs:
        description: Perfect forward secrecy group (C(set pfs)).
        type: str
        choices: [group1, group2, group5, group14, group15, group16, group19, group20, group21, group24]
      isakmp_profile:
        description: ISAKMP (IKEv1) profile (C(set isakmp-profile)); not together with I(ikev2_profile).
        type: str
      ikev2_profile:
        description: IKEv2 profile (C(set ikev2-profile)); not together with I(isakmp_profile).
        type: str
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
- name: A VTI profile with AES-GCM and PFS group 14
  ipsecux.iosxe.ipsec_profiles:
    config:
      - name: VTI
        transform_sets: [TS-GCM]
        pfs: group14
        sa_lifetime:
          seconds: 3600
    state: merged
# commands:
#   - crypto ipsec profile VTI
#   - set security-association lifetime seconds 3600
#   - set transform-set TS-GCM
#   - set pfs group14

- name: Keep only the VTI profile
  ipsecux.iosxe.ipsec_profiles:
    config:
      - name: VTI
        transform_sets: [TS-GCM]
    state: overridden

- name: Remove a profile
  ipsecux.iosxe.ipsec_profiles:
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
    - {name: VTI, sa_lifetime: {seconds: 3600}, transform_sets: [TS-GCM], pfs: group14}
after:
  description: The profiles after the task (predicted in check mode).
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
  sample:
    - {name: VTI, transform_sets: [TS-GCM]}
commands:
  description: The configuration commands, in the exact order they were (or in check mode would be) sent.
    Over NETCONF, the edit-config payload sent (one item).
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
  elements: str
  sample: ["crypto ipsec profile VTI", "set transform-set TS-GCM", "no crypto ipsec profile OLD"]
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

RESOURCE = "ipsec_profiles"


def main() -> None:
    module = AnsibleModule(**module_kwargs(RESOURCE))
    run(module, RESOURCE)


if __name__ == "__main__":
    main()
