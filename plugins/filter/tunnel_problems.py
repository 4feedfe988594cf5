# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Jinja filter ``ipsecux.iosxe.tunnel_problems``: what is wrong with a site_to_site_vpn tunnel list."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.analysis.tunnel_problems import problems

DOCUMENTATION = r"""
name: tunnel_problems
author: ipsecux maintainers (@ipsecux)
version_added: 0.1.0
short_description: Problems of a site_to_site_vpn tunnel list that argument specs cannot see
description:
  - Checks the tunnel names (unique, letters, digits, C(-) and C(_)), the crypto map seq of each tunnel, the
    hosts (in the play, not both ends on one router), the addresses and subnets, and the tunnels that share a
    router (same seq, same peer, one ISAKMP policy priority or transform set name defined two ways).
  - Used by the C(ipsecux.iosxe.site_to_site_vpn) role before it changes anything.
positional: play_hosts, dynamic_map_seq
options:
  _input:
    description: The tunnels, in the shape of the role's C(site_to_site_vpn_tunnels).
    type: list
    elements: dict
    required: true
  play_hosts:
    description: The hosts of the play (C(ansible_play_hosts_all)).
    type: list
    elements: str
    required: true
  dynamic_map_seq:
    description: The seq the static map uses to reference the dynamic map; tunnel seqs must be lower.
    type: int
    required: true
  ike_version:
    description: The role's IKE version (1 or 2); an ISAKMP policy (C(ike)) is refused with 2.
    type: int
    default: 1
  topology:
    description: The role's topology (C(crypto_map) or C(vti)); C(tunnel_subnet) needs C(vti).
    type: str
    default: crypto_map
"""

EXAMPLES = r"""
- name: Stop on problems in the tunnel list
  ansible.builtin.assert:
    that: problems | length == 0
    fail_msg: "{{ problems | join('; ') }}"
  vars:
    problems: "{{ site_to_site_vpn_tunnels | ipsecux.iosxe.tunnel_problems(ansible_play_hosts_all, 65000) }}"
"""

RETURN = r"""
_value:
  description: One message per problem, naming the tunnel (and end) it is about; empty when all is well.
  type: list
  elements: str
"""


def tunnel_problems(
    tunnels: list[dict[str, Any]],
    play_hosts: Collection[str],
    dynamic_map_seq: int,
    ike_version: int = 1,
    topology: str = "crypto_map",
) -> list[str]:
    return problems(tunnels, list(play_hosts), int(dynamic_map_seq), int(ike_version), str(topology))


class FilterModule:
    def filters(self) -> dict[str, Any]:
        return {"tunnel_problems": tunnel_problems}
