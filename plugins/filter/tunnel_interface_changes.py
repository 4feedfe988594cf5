# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Jinja filter ``ipsecux.iosxe.tunnel_interface_changes``: interface lines a router still lacks."""

from __future__ import annotations

from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.analysis.tunnel_vti import interface_changes

DOCUMENTATION = r"""
name: tunnel_interface_changes
author: ipsecux maintainers (@ipsecux)
version_added: 0.1.0
short_description: Config lines that add the interface lines a router lacks
description:
  - Compares wanted interface blocks (header -> sub-command lines) with C(show running-config) text and
    returns C(interface ...) blocks with only the missing lines (each closed by C(exit)); an empty list when
    nothing is missing.
  - Used by the C(ipsecux.iosxe.site_to_site_vpn) role for what the tunnel_interfaces module does not manage
    (C(interface Virtual-Template N type tunnel) and C(ip unnumbered)).
positional: running
options:
  _input:
    description: Interface header (C(interface Virtual-Template1 type tunnel)) -> its lines.
    type: dict
    required: true
  running:
    description: Running-config text holding those interface blocks.
    type: str
    required: true
"""

EXAMPLES = r"""
- name: Lines to send
  ansible.builtin.set_fact:
    changes: "{{ plan.interface_lines | ipsecux.iosxe.tunnel_interface_changes(shown.stdout) }}"
"""

RETURN = r"""
_value:
  description: Config lines; empty when the router has every wanted line.
  type: list
  elements: str
"""


def tunnel_interface_changes(wanted: dict[str, list[str]], running: str) -> list[str]:
    return interface_changes(dict(wanted), str(running))


class FilterModule:
    def filters(self) -> dict[str, Any]:
        return {"tunnel_interface_changes": tunnel_interface_changes}
