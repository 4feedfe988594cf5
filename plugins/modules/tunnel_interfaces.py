# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ipsecux.iosxe.tunnel_interfaces: manage tunnel interfaces (interface TunnelN)."""

from __future__ import annotations

DOCUMENTATION = r"""
module: tunnel_interfaces
short_description: Manage tunnel interfaces (GRE, VTI) on Cisco IOS XE
description:
  - Manages C(interface TunnelN) blocks, route-based VPN tunnels, each identified by its name - the tunnel
    address, source, mode, destination and C(tunnel protection ipsec profile) (see the ipsec_profiles
    module).
  - Omitted fields keep the device value with I(state=merged) and are removed with I(state=replaced) and
    I(state=overridden) (the mode returns to the IOS default C(gre ip)).
  - I(state=deleted) removes the whole interface (C(no interface TunnelN)).
  - Facts always carry the mode; other fields only when the device sets them.
  - Other lines of a tunnel interface (description, NHRP, MTU, ...) are not managed and left unchanged;
    C(tunnel) lines the module does not manage (C(tunnel key), C(tunnel vrf), ...) are returned as warnings.
    A C(crypto map) line belongs to the crypto_maps module.
  - Works over network_cli only; over NETCONF nothing is gathered and a change fails with that reason.
version_added: 0.1.0
author: ipsecux maintainers (@ipsecux)
extends_documentation_fragment:
  - ipsecux.iosxe.config_safety
notes:
  - Needs C(ansible_network_os=ipsecux.iosxe.iosxe) and C(ansible_connection=ansible.netcommon.network_cli),
    except for I(state=rendered) and I(state=parsed), which work offline with any connection.
  - Supports check mode (commands are computed, not sent; C(after) is the predicted state) and diff mode
    (before/after running-config text of the managed lines).
  - If the device rejects a command, the task fails with the device's message and the module sends the
    commands that restore the tunnels to their state before the task (returned in C(rollback)).
options:
  config:
    description: The tunnel interfaces.
    type: list
    elements: dict
    suboptions:
      name:
        description: Interface name, C(TunnelN); identifies the tunnel.
        type: str
        required: true
      address:
        description: IPv4 address of the tunnel (with I(mask)).
        type: str
      mask:
        description: Network mask of I(address).
        type: str
      source:
        description: Tunnel source, an interface name or an IPv4 address.
        type: str
      mode:
        description: Tunnel mode; IOS assumes C(gre ip) when none is set.
        type: str
        choices: [gre ip, gre multipoint, gre ipv6, ipsec ipv4, ipsec ipv6]
      destination:
        description: Tunnel destination, an IPv4 address or a hostname.
        type: str
      protection:
        description: IPsec protection of the tunnel (C(tunnel protection ipsec profile)).
        type: dict
        suboptions:
          profile:
            description: The IPsec profile.
            type: str
            required: true
          ikev2_profile:
            description: IKEv2 profile for the tunnel (C(ikev2-profile)).
            type: str
          shared:
            description: Share the IPsec SA database among tunnels with the same source (C(shared)).
            type: bool
  running_config:
    description:
      - Running-config text to parse with I(state=parsed).
      - Treated as a secret (it may contain pre-shared keys), so it is not shown in the task's invocation.
    type: str
  rendered_format:
    description:
      - What I(state=rendered) returns; only C(cli) configuration lines are supported for tunnel interfaces.
    type: str
    default: cli
    choices: [cli, xml]
  state:
    description:
      - C(merged) adds or changes the given tunnels; C(replaced) makes each given tunnel exactly as given;
        C(overridden) also removes tunnels that are not given; C(deleted) removes the given tunnels (all
        tunnels when I(config) is omitted); C(gathered) returns the device's tunnels; C(rendered) returns
        the commands for I(config) without a device; C(parsed) parses I(running_config).
    type: str
    default: merged
    choices: [merged, replaced, overridden, deleted, gathered, rendered, parsed]
"""

EXAMPLES = r"""
- name: A static VTI protected by the VTI profile
  ipsecux.iosxe.tunnel_interfaces:
    config:
      - name: Tunnel1
        address: 172.16.0.1
        mask: 255.255.255.252
        source: GigabitEthernet1
        mode: ipsec ipv4
        destination: 192.0.2.2
        protection:
          profile: VTI
    state: merged
# commands:
#   - interface Tunnel1
#   - ip address 172.16.0.1 255.255.255.252
#   - tunnel source GigabitEthernet1
#   - tunnel mode ipsec ipv4
#   - tunnel destination 192.0.2.2
#   - tunnel protection ipsec profile VTI
#   - exit

- name: Remove a tunnel interface
  ipsecux.iosxe.tunnel_interfaces:
    config:
      - name: Tunnel9
    state: deleted
"""

RETURN = r"""
before:
  description: The tunnels before the task (facts format, see I(config)).
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
  sample:
    - {name: Tunnel1, source: GigabitEthernet1, mode: ipsec ipv4, destination: 192.0.2.2}
after:
  description: The tunnels after the task (predicted in check mode).
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
  sample:
    - {name: Tunnel1, source: GigabitEthernet1, mode: ipsec ipv4, destination: 192.0.2.2, protection: {profile: VTI}}
commands:
  description: The configuration commands, in the exact order they were (or in check mode would be) sent.
    Over NETCONF, the edit-config payload sent (one item).
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
  elements: str
  sample: ["interface Tunnel1", "tunnel protection ipsec profile VTI", "exit", "no interface Tunnel9"]
gathered:
  description: The tunnels on the device.
  returned: when I(state=gathered)
  type: list
rendered:
  description: The commands that configure I(config) on a device without these tunnels.
    With I(rendered_format=xml), one edit-config payload.
  returned: when I(state=rendered)
  type: list
  elements: str
parsed:
  description: The tunnels parsed from I(running_config).
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
  description: A unified diff of the running-config text of the managed lines. Each changed block is one
    hunk with the whole block, so a change always shows the object it belongs to (key C(prepared)).
  returned: in diff mode, when I(state) is merged, replaced, overridden or deleted
  type: dict
"""

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.runner import module_kwargs, run

RESOURCE = "tunnel_interfaces"


def main() -> None:
    module = AnsibleModule(**module_kwargs(RESOURCE))
    run(module, RESOURCE)


if __name__ == "__main__":
    main()
