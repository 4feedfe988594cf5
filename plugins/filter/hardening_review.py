# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Jinja filter ``ipsecux.iosxe.hardening_review``: weak algorithms in use and default suites to disable."""

from __future__ import annotations

from typing import Any

from ansible.module_utils.parsing.convert_bool import boolean
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.analysis.hardening import Settings, review

DOCUMENTATION = r"""
name: hardening_review
author: ipsecux maintainers (@ipsecux)
version_added: 0.1.0
short_description: Rate the IPsec algorithms a router uses and pick the default suites to disable
description:
  - Rates every algorithm the router uses (own and, where in use, default ISAKMP policies and transform sets,
    PFS groups, negotiated IKE SAs, own IKEv2 proposals, the IKEv2 smart default proposal while IOS uses it,
    negotiated IKEv2 SAs) against a Next Generation Encryption table.
  - Proposes C(crypto_defaults) config that disables the default IKE policies where own policies exist, and
    the default transform sets where own sets exist and no crypto map entry relies on them.
  - Proposes C(ikev2_defaults) config that disables the IKEv2 smart default proposal where own IKEv2 proposals
    and policies exist and no policy names the default proposal (IOS then never offers it).
  - Used by the C(ipsecux.iosxe.crypto_hardening) role.
positional: ipsec, host, nge, report_statuses
options:
  _input:
    description: C(ansible_facts.network_resources) from C(ipsecux.iosxe.ipsec_facts).
    type: dict
    required: true
  ipsec:
    description:
      - C(ansible_facts.ipsec) (default suites including C(default_ikev2_proposals), the IKE flow-MIB tunnels
        and, where gathered, C(ikev2_sa)).
    type: dict
    required: true
  host:
    description: The router (C(inventory_hostname)), copied into each finding.
    type: str
    required: true
  nge:
    description:
      - Table (ike_encryption, ike_hash, dh_group, esp_encryption, ikev2_encryption, ikev2_integrity,
        ikev2_prf, ...) -> value -> status, note, blocked.
    type: dict
    required: true
  report_statuses:
    description: Statuses to report.
    type: list
    elements: str
    required: true
  disable_default_policies:
    description: Whether to propose disabling the default IKE policies.
    type: bool
    default: true
  disable_default_transform_sets:
    description: Whether to propose disabling the default transform sets.
    type: bool
    default: true
  disable_ikev2_default_proposal:
    description: Whether to propose disabling the IKEv2 smart default proposal.
    type: bool
    default: true
"""

EXAMPLES = r"""
- name: Review this router
  ansible.builtin.set_fact:
    review: >-
      {{ ansible_facts.network_resources | ipsecux.iosxe.hardening_review(ansible_facts.ipsec,
         inventory_hostname, nge_table, ['deprecated', 'legacy']) }}
"""

RETURN = r"""
_value:
  description:
    - C(findings) (host, where, algorithm, status, blocked_17_11, note, detail, text), C(defaults) (the
      C(crypto_defaults) config to send, possibly empty), C(ikev2_defaults) (the C(ikev2_defaults) config to
      send, possibly empty) and C(kept) (why a default suite stays).
  type: dict
"""


def hardening_review(
    resources: dict[str, Any],
    ipsec: dict[str, Any],
    host: str,
    nge: dict[str, Any],
    report_statuses: list[str],
    disable_default_policies: Any = True,
    disable_default_transform_sets: Any = True,
    disable_ikev2_default_proposal: Any = True,
) -> dict[str, Any]:
    settings = Settings(
        host=host,
        nge=nge,
        report_statuses=list(report_statuses),
        disable_default_policies=boolean(disable_default_policies, strict=False),
        disable_default_transform_sets=boolean(disable_default_transform_sets, strict=False),
        disable_ikev2_default_proposal=boolean(disable_ikev2_default_proposal, strict=False),
    )
    return review(resources or {}, ipsec or {}, settings)


class FilterModule:
    def filters(self) -> dict[str, Any]:
        return {"hardening_review": hardening_review}
