# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Jinja filter ``ipsecux.iosxe.parse_show``: structured data from IOS XE crypto show output."""

from __future__ import annotations

from typing import Any

from ansible.errors import AnsibleFilterError, AnsibleTypeError
from ansible.utils.display import Display
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.parsers.registry import (
    UnknownCommandError,
    parse,
)

DOCUMENTATION = r"""
name: parse_show
author: ipsecux maintainers (@ipsecux)
version_added: "0.1.0"
short_description: Parse IOS XE IPsec/IKE show output into structured data
description:
  - Turns the raw text of an IOS XE C(show crypto ...) command (or C(show version), or a whole
    C(show tech-support ipsec)) into plain data, using the same parsers as the collection's modules.
  - The command may be abbreviated (C(sh cry isa sa det)), may use C(ike) for C(isakmp), may carry
    filter arguments (C(peer 192.0.2.1), C(vrf RED), C(index 3)) and a trailing C(| include ...) pipe.
  - Keys are the snake_case of the CLI labels; counters are integers; durations keep their text and
    gain a C(<key>_seconds) integer; addresses and hex SPIs stay strings.
  - Lines the parser does not understand are never dropped silently; each one becomes a warning that
    quotes it. By default the warnings are shown as Ansible warnings; set O(with_warnings=true) to
    get them in the result instead.
positional: command
options:
  _input:
    description: Raw output of the command, as printed by the device.
    type: str
    required: true
  command:
    description:
      - The show command that produced O(_input).
      - Supported commands are the 11 C(show crypto mib {isakmp|ike|ipsec} flowmib ...) commands,
        C(show crypto isakmp sa [detail|count]), C(show crypto isakmp peers),
        C(show crypto isakmp [default] policy), C(show crypto ipsec sa [detail|count]),
        C(show crypto ipsec [default] transform-set), C(show crypto session [detail]),
        C(show crypto map), C(show crypto ikev2 sa [detail]), C(show crypto ikev2 session [detail]),
        C(show crypto ikev2 stats), C(show interfaces [NAME]), C(show version) and
        C(show tech-support ipsec).
    type: str
    required: true
  with_warnings:
    description: Return C({data, warnings}) instead of the data alone (and do not display warnings).
    type: bool
    default: false
"""

EXAMPLES = r"""
- name: Active IKE tunnels per VRF
  ansible.builtin.debug:
    msg: "{{ raw | ipsecux.iosxe.parse_show('show crypto mib isakmp flowmib global') }}"

- name: Peers of all ISAKMP SAs
  ansible.builtin.debug:
    msg: "{{ (sa_output | ipsecux.iosxe.parse_show('show crypto isakmp sa')).isakmp_sa
             | map(attribute='dst') }}"

- name: Split a tech-support capture and keep the parser warnings
  ansible.builtin.set_fact:
    tech: "{{ lookup('file', 'ts.txt')
              | ipsecux.iosxe.parse_show('show tech-support ipsec', with_warnings=true) }}"
"""

RETURN = r"""
_value:
  description:
    - The parsed data. Its top-level key depends on the command, for example C(flowmib)
      (C(flowmib.<isakmp|ipsec>.<global|tunnels|peers|endpoints|spis|history|failures>)),
      C(isakmp_sa), C(isakmp_sa_count), C(isakmp_peers), C(isakmp_policies) and C(default_policies),
      C(ipsec_sa), C(ipsec_sa_count), C(transform_sets), C(default_transform_sets), C(sessions),
      C(crypto_maps), C(ikev2_sa), C(ikev2_session), C(ikev2_stats), C(interfaces), C(device) (show
      version), or C(sections), C(parsed) and C(unparsed)
      (show tech-support ipsec).
    - With O(with_warnings=true), a dictionary C({data, warnings}).
  type: dict
"""


def parse_show(raw: Any, command: str, with_warnings: bool = False) -> dict[str, Any]:
    if not isinstance(raw, str):
        raise AnsibleTypeError(f"parse_show expects the command output as a string, got {type(raw).__name__}")
    if not isinstance(command, str):
        raise AnsibleTypeError(f"parse_show expects the command as a string, got {type(command).__name__}")
    try:
        result = parse(command, raw)
    except UnknownCommandError as exc:
        raise AnsibleFilterError(str(exc)) from exc
    if with_warnings:
        return result.as_dict()
    display = Display()
    for warning in result.warnings:
        display.warning(f"parse_show({command!r}): {warning}")
    return result.data


class FilterModule:
    def filters(self) -> dict[str, Any]:
        return {"parse_show": parse_show}
