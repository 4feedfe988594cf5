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
    C(show crypto session detail), the configured and default ISAKMP policies and transform sets,
    C(show crypto map), the IKEv2 SAs and sessions (C(show crypto ikev2 sa detail),
    C(show crypto ikev2 session detail)) and the tunnel interfaces' state (C(show interfaces)).
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
        C(show crypto map); C(defaults) the default-policy/transform-set commands and
        C(show crypto ikev2 proposal default) (the IKEv2 smart default proposal); C(sa) the ISAKMP
        and IPsec SA tables; C(sessions) C(show crypto session detail).
      - C(ikev2_sa) runs C(show crypto ikev2 sa detail); C(ikev2_session) C(show crypto ikev2 session detail);
        C(tunnel_interfaces) C(show interfaces) and keeps the tunnel interfaces (C(Tunnel*), and cloned
        C(Virtual-Access*) that print tunnel lines).
      - A subset that C(all) includes whose command the device does not know (C(% Invalid input)) is left out
        with a warning; a subset named explicitly fails the task instead.
      - Over NETCONF only C(sa) is gathered; the IKEv2 and tunnel subsets are refused by name with what the
        crypto-oper model offers for them (see docs/modules/ipsec_facts_ikev2_tunnels.md).
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
      - It does not filter C(ikev2_sa), C(ikev2_session) or C(tunnel_interfaces); each IKEv2 SA carries its
        C(fvrf) and C(ivrf).
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

- name: IKEv2 SAs and the tunnels' line protocol
  ipsecux.iosxe.ipsec_facts:
    gather_subset: [ikev2_sa, tunnel_interfaces]

- name: Tunnels whose line protocol is down
  ansible.builtin.debug:
    msg: "{{ ansible_facts.ipsec.tunnel_interfaces | selectattr('line_protocol', 'eq', 'down')
             | map(attribute='name') }}"

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
          C(crypto_maps), C(isakmp_sa), C(ipsec_sa), C(sessions), C(default_ikev2_proposals), C(ikev2_sa),
          C(ikev2_session), C(tunnel_interfaces) (per the subsets gathered) and
          C(flowmib.isakmp.{global,tunnels,peers,history,failures}) and
          C(flowmib.ipsec.{global,tunnels,endpoints,spis,history,failures}).
        - C(global) is keyed by VRF (C(Global) for the global table); every table row carries C(vrf).
          Keys are the snake_case CLI labels, counters are integers, durations also come as
          C(<key>_seconds).
        - C(default_ikev2_proposals) is the smart default proposal as the device prints it (C(name),
          C(encryption), C(integrity), C(prf), C(dh_groups)); empty when it is disabled.
        - C(ikev2_sa) is a list of IKEv2 SAs, each C(tunnel_id), C(local), C(local_port), C(remote),
          C(remote_port), C(fvrf), C(ivrf), C(status), C(encryption), C(keysize) (None when not printed),
          C(prf) (None on releases that print none), C(hash), C(dh_group), C(auth_sign), C(auth_verify),
          C(lifetime), C(active_time), C(address_family) and the detail keys C(ce_id), C(session_id),
          C(status_description), C(local_spi), C(remote_spi), C(local_id), C(remote_id), the message id and
          window counters, C(dpd_interval), C(dpd_retry), C(fragmentation), C(dynamic_route_update),
          C(extended_authentication), C(nat_t), C(cts_sgt), C(initiator), C(pushed_ip_address),
          C(remote_subnets), C(peer_type) where the device prints them.
        - C(ikev2_session) is a list of sessions, each C(session_id), C(status), C(ike_count), C(child_count),
          C(address_family), C(tunnels) (IKEv2 SAs as in C(ikev2_sa)) and C(children) (C(local_selectors),
          C(remote_selectors), C(esp_spi_in), C(esp_spi_out), and in detail C(ah_spi_in), C(ah_spi_out),
          C(cpi_in), C(cpi_out), C(encryption), C(keysize), C(esp_hmac), C(ah_hmac), C(comp), C(mode)).
        - C(tunnel_interfaces) is a list of tunnel interfaces in device order, each C(name), C(status),
          C(line_protocol) (C(up)/C(down)), C(address), C(source), C(source_interface), C(destination),
          C(mode) (as C(tunnel mode) spells it) and C(protection_profile); a field is None when the device
          printed no such line.
      type: dict
      sample:
        ikev2_sa:
          - {tunnel_id: 4, local: 192.0.2.10, local_port: 500, remote: 198.51.100.20, remote_port: 500,
             fvrf: none, ivrf: none, status: READY, encryption: AES-GCM, keysize: 256, prf: SHA384,
             hash: None, dh_group: 20, auth_sign: PSK, auth_verify: PSK, lifetime: 86400, active_time: 1312}
        tunnel_interfaces:
          - {name: Tunnel10, status: up, line_protocol: up, address: 172.31.255.1/30, source: 192.0.2.10,
             source_interface: GigabitEthernet1, destination: 198.51.100.20, mode: ipsec ipv4,
             protection_profile: VTI-PROF}
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
