# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ipsecux.iosxe.ipsec_facts: IPsec/IKE state and configuration of Cisco IOS XE as structured facts."""

from __future__ import annotations

DOCUMENTATION = r"""
module: ipsec_facts
short_description: Collect IPsec and IKE configuration, SAs, sessions and flow-MIB tables as facts
description:
  - Runs the C(show crypto ...) commands of the requested subsets on a Cisco IOS XE router, parses each
    output with the collection's parsers and sets C(ansible_facts.ipsec).
  - Covers the eleven C(show crypto mib isakmp|ipsec flowmib ...) tables of the "IPsec Usability
    Enhancements" feature, C(show crypto isakmp sa detail), C(show crypto ipsec sa detail),
    C(show crypto session detail), the configured and default ISAKMP policies and transform sets, and
    C(show crypto map).
  - Lines a parser does not understand are never dropped silently; each is returned as a warning that
    quotes it.
  - With I(gather_network_resources) it also returns the facts of the collection's config modules as
    C(ansible_facts.network_resources) (also the variable C(ansible_network_resources)), in the shape their
    C(config) option takes.
version_added: 0.1.0
author: ipsecux maintainers (@ipsecux)
notes:
  - Needs C(ansible_connection=ansible.netcommon.network_cli) and C(ansible_network_os=ipsecux.iosxe.iosxe).
  - Pre-shared keys are never part of the facts; gathered resources show them masked.
  - Works ad hoc, for example C(ansible -m ipsecux.iosxe.ipsec_facts -a gather_subset=flowmib RouterA).
  - Over network_cli the commands run and their output is parsed on the controller, by the module's action
    plugin, in the process that receives the output; only the facts are handed on. The result is the same as
    the module's own.
options:
  gather_subset:
    description:
      - Which groups of facts to collect. C(all) is everything; C(flowmib) is C(isakmp_flowmib) and
        C(ipsec_flowmib); a name prefixed with C(!) is left out (C(!sessions)).
      - C(config) runs C(show crypto isakmp policy), C(show crypto ipsec transform-set) and
        C(show crypto map); C(defaults) the two default-policy/transform-set commands; C(sa) the ISAKMP
        and IPsec SA tables; C(sessions) C(show crypto session detail).
    type: list
    elements: str
    default: [all]
  gather_network_resources:
    description:
      - Config resources to return as structured config, parsed from C(show running-config).
    type: list
    elements: str
    choices:
      - all
      - isakmp_policies
      - isakmp_keys
      - transform_sets
      - crypto_acls
      - crypto_maps
      - crypto_defaults
      - keyrings
      - isakmp_profiles
      - ipsec_profiles
      - tunnel_interfaces
      - ikev2_proposals
      - ikev2_policies
      - ikev2_keyrings
      - ikev2_profiles
      - ikev2_defaults
  vrf:
    description:
      - Restrict the SA, session and flow-MIB tables to one VRF (C(vrf NAME) on the device commands).
    type: str
"""

EXAMPLES = r"""
- name: Everything, as facts
  ipsecux.iosxe.ipsec_facts:

- name: Only the flow-MIB tables of VRF blue
  ipsecux.iosxe.ipsec_facts:
    gather_subset: [flowmib]
    vrf: blue

- name: Live tunnels per peer
  ansible.builtin.debug:
    msg: "{{ ansible_facts.ipsec.flowmib.ipsec.tunnels | map(attribute='remote_address') | list }}"

- name: Config resources for an overridden run later
  ipsecux.iosxe.ipsec_facts:
    gather_subset: ["!all"]
    gather_network_resources: [crypto_maps, transform_sets]
"""

RETURN = r"""
ansible_facts:
  description: Facts set on the host.
  returned: always
  type: dict
  contains:
    ipsec:
      description:
        - C(isakmp_policies), C(default_policies), C(transform_sets), C(default_transform_sets),
          C(crypto_maps), C(isakmp_sa), C(ipsec_sa), C(sessions) (per the subsets gathered) and
          C(flowmib.isakmp.{global,tunnels,peers,history,failures}) and
          C(flowmib.ipsec.{global,tunnels,endpoints,spis,history,failures}).
        - C(global) is keyed by VRF (C(Global) for the global table); every table row carries C(vrf).
          Keys are the snake_case CLI labels, counters are integers, durations also come as
          C(<key>_seconds).
      type: dict
      sample:
        flowmib:
          ipsec:
            global:
              Global: {active_tunnels: 2, in_octets: 800, out_octets: 1408}
            tunnels:
              - {vrf: Global, index: 1, local_address: 192.0.2.1, remote_address: 192.0.2.2, in_packets: 4}
    ansible_network_resources:
      description: The config resources asked for with I(gather_network_resources).
      returned: when gather_network_resources is set
      type: dict
commands:
  description: The show commands run, in order.
  returned: always
  type: list
  elements: str
  sample: [show crypto isakmp sa detail, show crypto ipsec sa detail]
"""

import json

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.connection import Connection, ConnectionError
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.facts.over_cli import (
    ARGUMENT_SPEC,
    FactsFailed,
    gather_over_cli,
    resource_names,
    subset_problem,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.facts.over_netconf import (
    NotOverNetconf,
    gather_over_netconf,
    subsets_over_netconf,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.facts.subsets import resolve_subsets
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.mask import mask_text


def main() -> None:
    """Over network_cli the action plugin (plugins/action/ipsec_facts.py) does this on the controller; the
    module runs when the action plugin hands it over (NETCONF) or when it is run without the plugin."""
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    problem = subset_problem(module.params["gather_subset"])
    if problem:
        module.fail_json(msg=problem)
    connection = Connection(module._socket_path)
    if json.loads(connection.get_capabilities()).get("network_api") == "netconf":
        subsets = resolve_subsets(module.params["gather_subset"])
        _exit_over_netconf(module, connection, subsets, resource_names(module.params))
    try:
        result, warnings = gather_over_cli(connection, module.params)
    except FactsFailed as exc:
        module.fail_json(msg=str(exc), commands=exc.commands)
    for warning in warnings:
        module.warn(warning)
    module.exit_json(**result)


def _exit_over_netconf(
    module: AnsibleModule, connection: Connection, subsets: list[str], names: list[str]
) -> None:
    """The facts the YANG models carry (module_utils/iosxe/facts/over_netconf.py); no show commands run."""
    try:
        subsets, warnings = subsets_over_netconf(module.params["gather_subset"], subsets)
        facts, gathered_warnings = gather_over_netconf(connection, subsets, module.params["vrf"], names)
    except NotOverNetconf as exc:
        module.fail_json(msg=str(exc), commands=[])
    except ConnectionError as exc:
        module.fail_json(msg=mask_text(str(exc)), commands=[])
    for warning in warnings + gathered_warnings:
        module.warn(warning)
    module.exit_json(changed=False, ansible_facts=facts, commands=[])


if __name__ == "__main__":
    main()
