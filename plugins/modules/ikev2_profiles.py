# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ipsecux.iosxe.ikev2_profiles: manage IKEv2 profiles (crypto ikev2 profile NAME)."""

from __future__ import annotations

DOCUMENTATION = r"""
module: ikev2_profiles
short_description: Manage IKEv2 profiles on Cisco IOS XE
description:
  - Manages C(crypto ikev2 profile) blocks; each profile is identified by its name.
  - With I(state=merged) a given option replaces the device's value (lists included) and an omitted one is
    kept; with I(state=replaced) and I(state=overridden) an omitted option is removed (I(lifetime) returns
    to 86400).
  - Identities are written as IOS prints them; a remote C(address) identity without a mask gets the host
    mask, as IOS stores it.
  - The keyring a profile names must exist on the device; otherwise the task fails before sending anything
    (a warning in check mode).
  - C(aaa authorization), C(config-exchange) and C(keyring aaa) lines are not managed; they are reported as
    warnings and left as they are (removing I(keyring_local) also removes C(keyring aaa) on IOS).
version_added: 0.1.0
author: ipsecux maintainers (@ipsecux)
extends_documentation_fragment:
  - ipsecux.iosxe.config_resource
  - ipsecux.iosxe.config_safety
notes:
  - Supports check mode and diff mode; restores the previous profiles after a device error.
  - Over NETCONF a changed profile is written whole (C(nc:operation=replace)); the YANG keeps remote
    identities and remote authentication methods by kind, so their order is not kept.
options:
  config:
    description: The IKEv2 profiles.
    type: list
    elements: dict
    suboptions:
      name:
        description: Profile name; identifies the profile.
        type: str
        required: true
      description:
        description: C(description) of the profile.
        type: str
      match_fvrf:
        description: C(match fvrf) - a front-door VRF name or C(any).
        type: str
      match_address_local:
        description: C(match address local) - local IPv4 addresses.
        type: list
        elements: str
      match_identity_remote:
        description:
          - C(match identity remote) - C(address A.B.C.D [MASK]), C(fqdn [domain] NAME),
            C(email [domain] NAME), C(key-id ID) or C(any).
        type: list
        elements: str
      identity_local:
        description: C(identity local) - C(address A.B.C.D), C(fqdn NAME), C(email NAME), C(key-id ID) or C(dn).
        type: str
      authentication_remote:
        description: C(authentication remote) methods.
        type: list
        elements: str
        choices: [pre-share, rsa-sig, ecdsa-sig, eap]
      authentication_local:
        description: C(authentication local) method.
        type: str
        choices: [pre-share, rsa-sig, ecdsa-sig]
      keyring_local:
        description: C(keyring local) - an IKEv2 keyring (ipsecux.iosxe.ikev2_keyrings).
        type: str
      pki_trustpoints:
        description: C(pki trustpoint) - C(NAME) or C(NAME sign), C(NAME verify).
        type: list
        elements: str
      lifetime:
        description: IKE SA lifetime in seconds, 120 to 86400 (IOS default 86400).
        type: int
      dpd:
        description: Dead peer detection.
        type: dict
        suboptions:
          interval:
            description: Seconds between checks, 10 to 3600.
            type: int
            required: true
          retry:
            description: Seconds between retries, 2 to 60.
            type: int
            required: true
          mode:
            description: When to check.
            type: str
            required: true
            choices: [on-demand, periodic]
      nat_keepalive:
        description: C(nat keepalive) seconds, 5 to 3600.
        type: int
      virtual_template:
        description: C(virtual-template) number, 1 to 65535.
        type: int
      ivrf:
        description: C(ivrf) - the inside VRF.
        type: str
  state:
    description:
      - C(merged) adds the given profiles or changes the given options of existing ones; C(replaced) makes
        each given profile exactly as given; C(overridden) also removes profiles that are not given;
        C(deleted) removes the given profiles (all when I(config) is omitted); C(gathered), C(rendered),
        C(parsed) as usual.
    type: str
    default: merged
    choices: [merged, replaced, overridden, deleted, gathered, rendered, parsed]
"""

EXAMPLES = r"""
- name: A pre-shared key profile for one spoke
  ipsecux.iosxe.ikev2_profiles:
    config:
      - name: PR1
        match_identity_remote: [address 192.0.2.2]
        authentication_remote: [pre-share]
        authentication_local: pre-share
        keyring_local: KR1
# commands:
#   - crypto ikev2 profile PR1
#   - match identity remote address 192.0.2.2 255.255.255.255
#   - authentication remote pre-share
#   - authentication local pre-share
#   - keyring local KR1
"""

RETURN = r"""
before:
  description: The profiles before the task (facts format, see I(config)).
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
  sample:
    - {name: PR1, keyring_local: KR1, authentication_local: pre-share, authentication_remote: [pre-share],
        match_identity_remote: [address 192.0.2.2 255.255.255.255], lifetime: 86400}
after:
  description: The profiles after the task (predicted in check mode).
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
  sample:
    - {name: PR1, keyring_local: KR1, authentication_local: pre-share, authentication_remote: [pre-share],
        match_identity_remote: [address 192.0.2.2 255.255.255.255], lifetime: 86400}
commands:
  description: The configuration commands, in the exact order they were (or in check mode would be) sent.
    Over NETCONF, the edit-config payload sent (one item).
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
  elements: str
  sample: ["crypto ikev2 profile PR1", "keyring local KR1", "no crypto ikev2 profile OLD"]
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

RESOURCE = "ikev2_profiles"


def main() -> None:
    module = AnsibleModule(**module_kwargs(RESOURCE))
    run(module, RESOURCE)


if __name__ == "__main__":
    main()
