# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ipsecux.iosxe.crypto_maps: manage crypto maps, dynamic maps and their interface bindings."""

from __future__ import annotations

DOCUMENTATION = r"""
module: crypto_maps
short_description: Manage crypto maps and dynamic crypto maps on Cisco IOS XE
description:
  - Manages C(crypto map NAME SEQ ipsec-isakmp [dynamic DYN]) and C(crypto dynamic-map NAME SEQ) entries,
    their C(set peer), C(set transform-set), C(set pfs), C(set security-association lifetime) and
    C(match address) lines, and C(crypto map NAME) on interfaces.
  - A map is identified by I(name) and I(dynamic); an entry by I(seq).
  - Entries are changed in place, so a map stays applied to its interfaces while it changes. Dynamic maps
    are configured before the static entries that reference them; interfaces are bound after the entries
    exist and unbound before a map is removed (see docs/modules/ordering.md).
  - Changing the transform sets of an entry sends one C(set transform-set) line with the whole ordered list.
  - Before sending anything the module checks that every transform set a changed entry names exists on the
    device, and that every referenced dynamic map exists; it fails otherwise.
version_added: 0.1.0
author: ipsecux maintainers (@ipsecux)
extends_documentation_fragment:
  - ipsecux.iosxe.config_resource
  - ipsecux.iosxe.config_safety
notes:
  - Over NETCONF, maps can be bound only to interface types that the YANG model gives a crypto map
    binding (GigabitEthernet, Loopback, Tunnel, Port-channel, Vlan, ...).
  - Supports check mode and diff mode. After a device error the module restores the crypto maps and
    bindings it changed and reports the restore commands in C(rollback).
  - Entry lines the module does not manage (for example C(set isakmp-profile) or
    C(set security-association idle-time)) are reported as warnings and left unchanged, also by
    I(state=replaced) and I(state=overridden).
  - An entry that switches between a policy entry and a reference to a dynamic map (or to another dynamic
    map) cannot be changed in place on IOS; it is removed and created again.
options:
  config:
    description: The crypto maps.
    type: list
    elements: dict
    suboptions:
      name:
        description: Map name.
        type: str
        required: true
      dynamic:
        description: C(true) for a C(crypto dynamic-map).
        type: bool
        default: false
      entries:
        description: Map entries.
        type: list
        elements: dict
        suboptions:
          seq:
            description: Sequence number, 1 to 65535.
            type: int
            required: true
          dynamic_map:
            description:
              - Static maps only; the entry becomes C(ipsec-isakmp dynamic DYNAMIC_MAP) and takes no other
                options.
            type: str
          peers:
            description:
              - Peer IPv4 addresses in failover order. With I(state=merged) new peers are appended.
            type: list
            elements: str
          match_address:
            description: Access list (number or name) that selects the traffic to protect.
            type: str
          transform_sets:
            description:
              - Transform sets in order of preference (at most 6); they must exist on the device.
                With I(state=merged) a given list replaces the entry's list.
            type: list
            elements: str
          pfs:
            description: Perfect forward secrecy Diffie-Hellman group.
            type: str
            choices: [group1, group2, group5, group14, group15, group16, group19, group20, group21, group24]
          ikev2_profile:
            description:
              - IKEv2 profile (C(set ikev2-profile)); the entry then negotiates with IKEv2 using that profile's
                keyring and identities (ipsecux.iosxe.ikev2_profiles). Without it the entry uses IKEv1.
            type: str
          sa_lifetime:
            description: IPsec SA lifetime of the entry.
            type: dict
            suboptions:
              seconds:
                description: 120 to 2592000 seconds.
                type: int
              kilobytes:
                description: 2560 to 4294967295 kilobytes.
                type: int
      interfaces:
        description:
          - Static maps only; interfaces the map is applied to. Abbreviations such as C(Gi1) are expanded.
            An interface holds one map, so binding it here moves it away from any other map.
        type: list
        elements: str
  state:
    description:
      - C(merged) adds entries, peers and interfaces and changes given fields; C(replaced) makes each given
        map exactly as given (its entries and interfaces); C(overridden) also removes maps that are not given;
        C(deleted) removes the given maps, or only their listed I(entries) (by seq) and I(interfaces) when
        those are given (all maps when I(config) is omitted); C(gathered), C(rendered), C(parsed) as usual.
    type: str
    default: merged
    choices: [merged, replaced, overridden, deleted, gathered, rendered, parsed]
"""

EXAMPLES = r"""
- name: RouterA of the seed example
  ipsecux.iosxe.crypto_maps:
    config:
      - name: testmap
        entries:
          - seq: 10
            peers: [209.165.200.226]
            transform_sets: [test_transf]
            match_address: "101"
        interfaces: [GigabitEthernet1]
# commands:
#   - crypto map testmap 10 ipsec-isakmp
#   - set peer 209.165.200.226
#   - set transform-set test_transf
#   - match address 101
#   - interface GigabitEthernet1
#   - crypto map testmap
#   - exit

- name: RouterB of the seed example (dynamic map referenced by a static entry)
  ipsecux.iosxe.crypto_maps:
    config:
      - name: dyn_testmap
        dynamic: true
        entries:
          - seq: 10
            transform_sets: [test_transf]
      - name: testmap
        entries:
          - seq: 10
            dynamic_map: dyn_testmap
        interfaces: [GigabitEthernet1]

- name: Remove entry 20 of testmap only
  ipsecux.iosxe.crypto_maps:
    config:
      - name: testmap
        entries:
          - seq: 20
    state: deleted
"""

RETURN = r"""
before:
  description: The crypto maps before the task.
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
  sample:
    - name: testmap
      dynamic: false
      entries:
        - {seq: 10, peers: [209.165.200.226], match_address: "101", transform_sets: [test_transf]}
      interfaces: [GigabitEthernet1]
after:
  description: The crypto maps after the task (predicted in check mode).
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
commands:
  description: The commands in the exact order sent.
    Over NETCONF, the edit-config payload sent (one item).
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
  elements: str
  sample: ["crypto map testmap 10 ipsec-isakmp", "set transform-set test_transf other_ts"]
gathered:
  description: The crypto maps on the device.
  returned: when I(state=gathered)
  type: list
rendered:
  description: The commands for I(config).
    With I(rendered_format=xml), one edit-config payload.
  returned: when I(state=rendered)
  type: list
  elements: str
parsed:
  description: The crypto maps parsed from I(running_config).
  returned: when I(state=parsed)
  type: list
rollback:
  description: After a device error, the restore commands and whether they were accepted.
  returned: when the device rejected a command
  type: dict
diff:
  description: A unified diff of the running-config text of the crypto maps and bindings. Each changed block is one
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

RESOURCE = "crypto_maps"


def main() -> None:
    module = AnsibleModule(**module_kwargs(RESOURCE))
    run(module, RESOURCE)


if __name__ == "__main__":
    main()
