# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Jinja filter ``ipsecux.iosxe.tunnel_diagnosis``: why each site_to_site_vpn tunnel that is down is down."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.analysis.diagnosis import Causes, diagnose

DOCUMENTATION = r"""
name: tunnel_diagnosis
author: ipsecux maintainers (@ipsecux)
version_added: 0.1.0
short_description: Add the likely cause to every site_to_site_vpn tunnel that is down
description:
  - For each tunnel that is down, collects what both ends show (ISAKMP SA states between them, flow-MIB
    failure rows newer than the baseline that name the other end, new CRYPTO syslog lines that name it) and
    picks the first cause whose indicators are seen and whose required facts hold.
  - Reads the per-host results the C(ipsecux.iosxe.site_to_site_vpn) role gathers (C(__site_to_site_vpn_*)).
positional: tunnels, hostvars, causes, unknown_cause, ignored_reasons
options:
  _input:
    description: The tunnel status list (name, state, initiator, responder, local, peer, replies).
    type: list
    elements: dict
    required: true
  tunnels:
    description: The tunnels with their C(initiator) and C(responder) ends (host, address).
    type: list
    elements: dict
    required: true
  hostvars:
    description: C(hostvars).
    type: dict
    required: true
  causes:
    description: The causes in order of preference (id, title, advice, indicators, requires, configured).
    type: list
    elements: dict
    required: true
  unknown_cause:
    description: The cause reported when none matches.
    type: dict
    required: true
  ignored_reasons:
    description: Flow-MIB failure reasons (lower case) that are not evidence.
    type: list
    elements: str
    required: true
"""

EXAMPLES = r"""
- name: Explain the tunnels that are down
  ansible.builtin.set_fact:
    status: >-
      {{ status | ipsecux.iosxe.tunnel_diagnosis(tunnels, hostvars, causes, unknown_cause, ['operation request']) }}
"""

RETURN = r"""
_value:
  description: The status list; tunnels that are down gain C(cause), C(title) and C(message).
  type: list
  elements: dict
"""


def tunnel_diagnosis(
    status: list[dict[str, Any]],
    tunnels: list[dict[str, Any]],
    hostvars: Mapping[str, Mapping[str, Any]],
    causes: list[dict[str, Any]],
    unknown_cause: dict[str, Any],
    ignored_reasons: list[str],
) -> list[dict[str, Any]]:
    def host_var(host: str, name: str) -> Any:
        return hostvars[host].get(name)

    return diagnose(status, tunnels, host_var, Causes(list(causes), unknown_cause, list(ignored_reasons)))


class FilterModule:
    def filters(self) -> dict[str, Any]:
        return {"tunnel_diagnosis": tunnel_diagnosis}
