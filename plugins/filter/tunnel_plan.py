# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Jinja filter ``ipsecux.iosxe.tunnel_plan``: one router's part of a site_to_site_vpn tunnel list."""

from __future__ import annotations

from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.analysis.tunnel_plan import Names, plan

DOCUMENTATION = r"""
name: tunnel_plan
author: ipsecux maintainers (@ipsecux)
version_added: 0.1.0
short_description: The configuration one router needs for its ends of site_to_site_vpn tunnels
description:
  - Returns the router's tunnel ends and the ISAKMP policies, transform sets, access lists and crypto maps
    (a dynamic map when one of its ends is dynamic) they need, in the shapes the config modules take.
  - Pre-shared keys are not in the plan.
  - Used by the C(ipsecux.iosxe.site_to_site_vpn) role.
positional: host
options:
  _input:
    description: The tunnels, in the shape of the role's C(site_to_site_vpn_tunnels).
    type: list
    elements: dict
    required: true
  host:
    description: The router (C(inventory_hostname)).
    type: str
    required: true
  acl_prefix:
    description: Prefix of the access list name of each tunnel (the tunnel name follows).
    type: str
    required: true
  crypto_map:
    description: Name of the static crypto map.
    type: str
    required: true
  dynamic_map:
    description: Name of the dynamic crypto map.
    type: str
    required: true
  dynamic_map_seq:
    description: Seq of the static map entry that references the dynamic map.
    type: int
    required: true
  ike_version:
    description: IKE version of the tunnels, 1 or 2.
    type: int
    default: 1
  topology:
    description: C(crypto_map) (policy-based) or C(vti) (route-based tunnel interfaces).
    type: str
    default: crypto_map
  ikev2_suite:
    description: C(smart_defaults) (no IKEv2 proposal or policy of the role's own) or C(nge).
    type: str
    default: smart_defaults
  virtual_template:
    description: Number of the virtual template of dynamic VTI ends.
    type: int
    default: 1
"""

EXAMPLES = r"""
- name: Work out this host's part of the tunnels
  ansible.builtin.set_fact:
    plan: >-
      {{ site_to_site_vpn_tunnels | ipsecux.iosxe.tunnel_plan(inventory_hostname, acl_prefix='ipsecux-',
         crypto_map='ipsecux', dynamic_map='ipsecux-dyn', dynamic_map_seq=65000) }}
"""

RETURN = r"""
_value:
  description:
    - C(ends) (tunnel, index, side, seq, interface, address, peer, peer_host, acl, dynamic), C(policies),
      C(transform_sets), C(acls) (name, aces), C(crypto_maps), C(global_keys), C(ikev2_proposals),
      C(ikev2_policies), C(ikev2_keyring), C(ikev2_profiles), C(keyring), C(isakmp_profiles),
      C(ipsec_profiles), C(tunnel_interfaces), C(interface_lines) and C(routes).
  type: dict
"""


def tunnel_plan(
    tunnels: list[dict[str, Any]],
    host: str,
    acl_prefix: str,
    crypto_map: str,
    dynamic_map: str,
    dynamic_map_seq: int,
    ike_version: int = 1,
    topology: str = "crypto_map",
    ikev2_suite: str = "smart_defaults",
    virtual_template: int = 1,
) -> dict[str, Any]:
    names = Names(
        str(acl_prefix),
        str(crypto_map),
        str(dynamic_map),
        int(dynamic_map_seq),
        int(ike_version),
        str(topology),
        str(ikev2_suite),
        int(virtual_template),
    )
    return plan(tunnels, host, names)


class FilterModule:
    def filters(self) -> dict[str, Any]:
        return {"tunnel_plan": tunnel_plan}
