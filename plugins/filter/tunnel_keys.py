# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Jinja filter ``ipsecux.iosxe.tunnel_keys``: keyring entries of a site_to_site_vpn plan with their keys."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

DOCUMENTATION = r"""
name: tunnel_keys
author: ipsecux maintainers (@ipsecux)
version_added: 0.1.0
short_description: Keyring entries of a site_to_site_vpn plan with each tunnel's pre-shared key
description:
  - Each entry of the plan names its tunnel by C(index) (position in C(site_to_site_vpn_tunnels)); the
    result has C(index) replaced by the tunnel's C(psk) under I(key_field), in the shape the keyring modules
    take. The key is passed on as it is (an Ansible Vault value stays one).
  - Used by the C(ipsecux.iosxe.site_to_site_vpn) role.
positional: tunnels, key_field
options:
  _input:
    description: Keyring entries (C(ikev2_keyring.peers) or C(keyring.keys) of the plan).
    type: list
    elements: dict
    required: true
  tunnels:
    description: The tunnels (C(site_to_site_vpn_tunnels)).
    type: list
    elements: dict
    required: true
  key_field:
    description: Name of the key option of the keyring module (C(pre_shared_key) or C(key)).
    type: str
    required: true
"""

EXAMPLES = r"""
- name: IKEv2 keyring peers with their keys
  ipsecux.iosxe.ikev2_keyrings:
    config:
      - name: "{{ plan.ikev2_keyring.name }}"
        peers: "{{ plan.ikev2_keyring.peers | ipsecux.iosxe.tunnel_keys(site_to_site_vpn_tunnels, 'pre_shared_key') }}"
"""

RETURN = r"""
_value:
  description: The entries with the key instead of C(index).
  type: list
  elements: dict
"""


def tunnel_keys(
    entries: list[Mapping[str, Any]], tunnels: list[Mapping[str, Any]], key_field: str
) -> list[Any]:
    return [
        {
            **{name: value for name, value in entry.items() if name != "index"},
            key_field: tunnels[entry["index"]]["psk"],
        }
        for entry in entries
    ]


class FilterModule:
    def filters(self) -> dict[str, Any]:
        return {"tunnel_keys": tunnel_keys}
