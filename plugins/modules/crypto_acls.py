# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ipsecux.iosxe.crypto_acls: manage the extended IP ACLs that crypto maps match."""

from __future__ import annotations

DOCUMENTATION = r"""
module: crypto_acls
short_description: Manage the extended IP access lists crypto maps match (crypto ACLs) on Cisco IOS XE
description:
  - Manages extended IP access lists, named (C(ip access-list extended NAME)) and numbered (100-199,
    2000-2699), as a crypto map's C(match address) uses them; each ACL is identified by its name or number.
    Standard ACLs are not managed.
  - Entries are written as they would be typed, for example C(permit ip 10.0.1.0 0.0.0.255 10.0.2.0 0.0.0.255),
    C(permit ip host 10.0.1.5 any) or C(10 deny tcp any any eq 500); sequence numbers are optional. Entries
    are compared as IOS stores them (C(host A) for a zero wildcard, C(any), the network masked by the
    wildcard, protocol names, ports as numbers), so a second run with the same spelling changes nothing.
  - An ACL's entries are one ordered unit - I(state=merged) and I(state=replaced) both make a given ACL
    hold exactly the given entries, in that order. Without sequence numbers, entries already in place keep
    their numbers and new ones are numbered in the gaps.
  - Removing an ACL that a crypto map still matches fails before anything is sent; change the crypto map
    with M(ipsecux.iosxe.crypto_maps) first.
version_added: 0.1.0
author: ipsecux maintainers (@ipsecux)
extends_documentation_fragment:
  - ipsecux.iosxe.config_safety
notes:
  - Needs C(ansible_network_os=ipsecux.iosxe.iosxe) and C(ansible_connection=ansible.netcommon.network_cli),
    except for I(state=rendered) and I(state=parsed), which work offline with any connection. Over
    C(ansible.netcommon.netconf) the module reads no ACLs and fails when asked to change one.
  - I(state=overridden) and I(state=deleted) without I(config) act on every extended ACL of the device,
    also those used for other purposes than crypto; prefer I(state=merged) or I(state=replaced) unless all
    extended ACLs of the device are crypto ACLs.
  - A numbered ACL has no sequence numbers in the running config, so its entries are given without them; a
    change that is not an append rewrites the ACL (C(no access-list N), then its entries).
  - Supports check mode and diff mode (a unified diff of the ACLs' running-config text, one hunk per ACL).
  - If the device rejects a command, the task fails with the device's message and the module sends the
    commands that restore the ACLs to their state before the task (returned in C(rollback)).
options:
  config:
    description: The ACLs.
    type: list
    elements: dict
    suboptions:
      name:
        description: ACL name (starts with a letter) or extended ACL number (100-199, 2000-2699).
        type: str
        required: true
      entries:
        description:
          - The ACL's entries in order - C([SEQ] permit|deny PROTOCOL SOURCE [PORT] DESTINATION [PORT] [log])
            PROTOCOL is ip, icmp, tcp, udp, gre, esp, ahp or a number; SOURCE and
            DESTINATION are C(any), C(host A) or C(A WILDCARD); PORT (tcp and udp) is C(eq|gt|lt|neq N) or
            C(range N M).
          - Remarks are not managed - they are neither returned nor changed (a numbered ACL that is written
            anew loses them).
          - Give a sequence number to every entry or to none; numbered ACLs take none.
          - Omitted with I(state=merged), the ACL keeps its entries (a new ACL is created empty).
        type: list
        elements: str
  running_config:
    description:
      - Running-config text to parse with I(state=parsed).
      - Treated as a secret (it may contain pre-shared keys), so it is not shown in the task's invocation.
    type: str
  rendered_format:
    description:
      - What I(state=rendered) returns; only C(cli) configuration lines are supported for ACLs.
    type: str
    default: cli
    choices: [cli, xml]
  state:
    description:
      - C(merged) and C(replaced) make each given ACL hold exactly the given entries (they differ only when
        I(entries) is omitted); C(overridden) also removes the extended ACLs that are not given; C(deleted)
        removes the given ACLs (all extended ACLs when I(config) is omitted); C(gathered) returns the
        device's extended ACLs; C(rendered) returns the commands for I(config) without a device; C(parsed)
        parses I(running_config).
    type: str
    default: merged
    choices: [merged, replaced, overridden, deleted, gathered, rendered, parsed]
"""

EXAMPLES = r"""
- name: The traffic a crypto map protects, written naturally
  ipsecux.iosxe.crypto_acls:
    config:
      - name: VPN-TRAFFIC
        entries:
          - permit ip 10.0.1.0 0.0.0.255 10.0.2.0 0.0.0.255
          - permit ip host 209.165.200.227 host 209.165.200.225
# commands:
#   - ip access-list extended VPN-TRAFFIC
#   - 10 permit ip 10.0.1.0 0.0.0.255 10.0.2.0 0.0.0.255
#   - 20 permit ip host 209.165.200.227 host 209.165.200.225
#   - exit

- name: A numbered ACL, as the crypto map's match address 101
  ipsecux.iosxe.crypto_acls:
    config:
      - name: "101"
        entries:
          - permit ip host 209.165.200.227 host 209.165.200.225

- name: Remove an ACL no crypto map matches any more
  ipsecux.iosxe.crypto_acls:
    config:
      - name: OLD-VPN
    state: deleted
"""

RETURN = r"""
before:
  description: The extended ACLs before the task (facts format, see I(config)).
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
  sample:
    - {name: VPN-TRAFFIC, entries: ["10 permit ip 10.0.1.0 0.0.0.255 10.0.2.0 0.0.0.255"]}
after:
  description: The extended ACLs after the task (predicted in check mode).
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
  sample:
    - {name: "101", entries: ["permit ip host 209.165.200.227 host 209.165.200.225"]}
commands:
  description: The configuration commands, in the exact order they were (or in check mode would be) sent.
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
  elements: str
  sample: [ip access-list extended VPN-TRAFFIC, 10 permit ip 10.0.1.0 0.0.0.255 10.0.2.0 0.0.0.255, exit]
rollback:
  description: After a device error, the commands sent to restore the ACLs and whether that succeeded.
  returned: when the device rejected a command
  type: dict
gathered:
  description: The device's extended ACLs (facts format).
  returned: when I(state=gathered)
  type: list
rendered:
  description: The commands that create I(config) on a device without it.
  returned: when I(state=rendered)
  type: list
  elements: str
parsed:
  description: The extended ACLs parsed from I(running_config) (facts format).
  returned: when I(state=parsed)
  type: list
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

RESOURCE = "crypto_acls"


def main() -> None:
    module = AnsibleModule(**module_kwargs(RESOURCE))
    run(module, RESOURCE)


if __name__ == "__main__":
    main()
