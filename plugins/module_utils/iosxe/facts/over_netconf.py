# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""`ipsec_facts` over `ansible.netcommon.netconf`: what the YANG models carry, and a clear refusal for the rest.

`sa` comes from the Cisco-IOS-XE-crypto-oper model (facts/crypto_oper.py); `gather_network_resources`
from get-config of the native model, parsed like the config modules read it. The show-command subsets
(flow-MIB tables, sessions, the configured and default policy tables) have no YANG counterpart, and the
IKEv2 and tunnel subsets only a partial one (NETCONF_GAPS): asked for by name they fail the task with the
reason; `all` means every subset NETCONF can serve, with a warning that names the subsets left out.
"""

from __future__ import annotations

from typing import Any

from ansible.module_utils.connection import Connection
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.facts.crypto_oper import (
    OPER_FILTER,
    parse_crypto_oper,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.device import READ_FILTER
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.dialect import XML_DIALECT
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.registry import RESOURCES

NETCONF_SUBSETS = ("sa",)
# Subsets whose data a YANG model partly carries, and why they are still gathered over the CLI only.
NETCONF_GAPS = {
    "ikev2_sa": (
        "Cisco-IOS-XE-crypto-oper has crypto-ikev2-sa (per sa-id: addresses, ports, status, encryption, hash, "
        "DH group, lifetime, SPIs, VRFs, auth methods) but no tunnel id, PRF, key size, active time, "
        "identities or DPD settings, so it cannot give the ikev2_sa shape"
    ),
    "ikev2_session": (
        "Cisco-IOS-XE-crypto-oper has crypto-ikev2-sess-brief/-detail, but without the IKE SA fields "
        "ikev2_session carries per tunnel (see ikev2_sa)"
    ),
    "tunnel_interfaces": (
        "the crypto-oper model has no interface state; the tunnels' configuration is the tunnel_interfaces "
        "network resource (gather_network_resources), which NETCONF serves"
    ),
}
NETWORK_CLI = "ansible.netcommon.network_cli"


class NotOverNetconf(Exception):
    """A requested fact that no YANG model of the device carries."""


def subsets_over_netconf(requested: list[str], resolved: list[str]) -> tuple[list[str], list[str]]:
    """(subsets to gather, warnings); raises NotOverNetconf for a subset named explicitly that NETCONF lacks."""
    named = {item for item in requested if not item.startswith("!") and item != "all"}
    missing = [subset for subset in resolved if subset not in NETCONF_SUBSETS]
    explicit = [subset for subset in missing if subset in named or _alias_named(subset, named)]
    if explicit:
        raise NotOverNetconf(_refusal(explicit))
    warnings = []
    if missing:
        warnings.append(
            f"over NETCONF, gather_subset all gathers only {', '.join(NETCONF_SUBSETS)} (from the crypto-oper "
            f"model); left out: {', '.join(missing)} (gather them over {NETWORK_CLI})"
        )
    return [subset for subset in resolved if subset in NETCONF_SUBSETS], warnings


def _refusal(subsets: list[str]) -> str:
    """Why the named subsets are not gathered over NETCONF, and where to gather them instead."""
    tables = [subset for subset in subsets if subset not in NETCONF_GAPS]
    reasons = []
    if tables:
        reasons.append(
            f"gather_subset {', '.join(tables)}: no YANG model of the device carries these show-command tables"
        )
    reasons += [
        f"gather_subset {subset}: {NETCONF_GAPS[subset]}" for subset in subsets if subset in NETCONF_GAPS
    ]
    return (
        f"{'; '.join(reasons)}; gather them over {NETWORK_CLI} (over NETCONF: {', '.join(NETCONF_SUBSETS)} "
        "and gather_network_resources)"
    )


def _alias_named(subset: str, named: set[str]) -> bool:
    return subset.endswith("_flowmib") and "flowmib" in named


def gather_over_netconf(
    connection: Connection, subsets: list[str], vrf: str | None, resource_names: list[str]
) -> tuple[dict[str, Any], list[str]]:
    """(ansible_facts, warnings) read with <get> (crypto-oper) and <get-config> (native model)."""
    if vrf is not None and subsets:
        raise NotOverNetconf(
            "vrf: the crypto-oper model identifies the protected VRF of an IPsec SA by number only, so the SA "
            f"tables cannot be filtered by VRF name over NETCONF; use {NETWORK_CLI}"
        )
    facts: dict[str, Any] = {"ipsec": {}}
    warnings: list[str] = []
    if "sa" in subsets:
        sa_facts, sa_warnings = parse_crypto_oper(connection.get(filter=["subtree", OPER_FILTER]))
        facts["ipsec"].update(sa_facts)
        warnings += sa_warnings
    if resource_names:
        config = XML_DIALECT.parse(connection.get_config(source="running", filter=["subtree", READ_FILTER]))
        facts["ansible_network_resources"] = {
            name: RESOURCES[name].mask(RESOURCES[name].facts(config)) for name in resource_names
        }
        warnings += list(dict.fromkeys(w for name in resource_names for w in config.warnings_for(name)))
    return facts, warnings
