# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The config resources: one Resource per folder under resources/ (see docs/dev/adding-a-resource.md)."""

from __future__ import annotations

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.crypto_acls import (
    compare as crypto_acls_compare,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.crypto_acls import (
    lines as crypto_acls_lines,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.crypto_acls import (
    netconf as crypto_acls_netconf,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.crypto_acls import (
    spec as crypto_acls_spec,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.crypto_defaults import (
    compare as crypto_defaults_compare,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.crypto_defaults import (
    lines as crypto_defaults_lines,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.crypto_defaults import (
    netconf as crypto_defaults_netconf,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.crypto_defaults import (
    spec as crypto_defaults_spec,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.crypto_maps import (
    compare as crypto_maps_compare,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.crypto_maps import (
    lines as crypto_maps_lines,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.crypto_maps import (
    netconf as crypto_maps_netconf,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.crypto_maps import (
    spec as crypto_maps_spec,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_defaults import (
    compare as ikev2_defaults_compare,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_defaults import (
    lines as ikev2_defaults_lines,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_defaults import (
    netconf as ikev2_defaults_netconf,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_defaults import (
    spec as ikev2_defaults_spec,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_keyrings import (
    compare as ikev2_keyrings_compare,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_keyrings import (
    lines as ikev2_keyrings_lines,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_keyrings import (
    netconf as ikev2_keyrings_netconf,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_keyrings import (
    spec as ikev2_keyrings_spec,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_policies import (
    compare as ikev2_policies_compare,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_policies import (
    lines as ikev2_policies_lines,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_policies import (
    netconf as ikev2_policies_netconf,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_policies import (
    spec as ikev2_policies_spec,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_profiles import (
    compare as ikev2_profiles_compare,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_profiles import (
    lines as ikev2_profiles_lines,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_profiles import (
    netconf as ikev2_profiles_netconf,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_profiles import (
    spec as ikev2_profiles_spec,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_proposals import (
    compare as ikev2_proposals_compare,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_proposals import (
    lines as ikev2_proposals_lines,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_proposals import (
    netconf as ikev2_proposals_netconf,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_proposals import (
    spec as ikev2_proposals_spec,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ipsec_profiles import (
    compare as ipsec_profiles_compare,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ipsec_profiles import (
    lines as ipsec_profiles_lines,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ipsec_profiles import (
    netconf as ipsec_profiles_netconf,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ipsec_profiles import (
    spec as ipsec_profiles_spec,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.isakmp_keys import (
    compare as isakmp_keys_compare,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.isakmp_keys import (
    lines as isakmp_keys_lines,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.isakmp_keys import (
    netconf as isakmp_keys_netconf,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.isakmp_keys import (
    spec as isakmp_keys_spec,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.isakmp_policies import (
    compare as isakmp_policies_compare,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.isakmp_policies import (
    lines as isakmp_policies_lines,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.isakmp_policies import (
    netconf as isakmp_policies_netconf,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.isakmp_policies import (
    spec as isakmp_policies_spec,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.isakmp_profiles import (
    compare as isakmp_profiles_compare,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.isakmp_profiles import (
    lines as isakmp_profiles_lines,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.isakmp_profiles import (
    netconf as isakmp_profiles_netconf,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.isakmp_profiles import (
    spec as isakmp_profiles_spec,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.keyrings import (
    compare as keyrings_compare,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.keyrings import (
    lines as keyrings_lines,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.keyrings import (
    netconf as keyrings_netconf,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.keyrings import (
    spec as keyrings_spec,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.keyrings.masked import (
    KeyringsResource,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.resource import (
    Resource,
    ResourceOf,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.transform_sets import (
    compare as transform_sets_compare,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.transform_sets import (
    lines as transform_sets_lines,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.transform_sets import (
    netconf as transform_sets_netconf,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.transform_sets import (
    spec as transform_sets_spec,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.tunnel_interfaces import (
    compare as tunnel_interfaces_compare,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.tunnel_interfaces import (
    lines as tunnel_interfaces_lines,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.tunnel_interfaces import (
    netconf as tunnel_interfaces_netconf,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.tunnel_interfaces import (
    spec as tunnel_interfaces_spec,
)


def _toggles_enabled() -> crypto_defaults_spec.CryptoDefaultsFact:
    return crypto_defaults_compare.IOS_DEFAULTS.copy()


def _smart_defaults_enabled() -> ikev2_defaults_spec.Ikev2DefaultsFact:
    return ikev2_defaults_compare.IOS_DEFAULTS.copy()


RESOURCES: dict[str, Resource] = {
    resource.name: resource
    for resource in (
        ResourceOf[list[isakmp_policies_spec.IsakmpPolicyFact]](
            "isakmp_policies",
            isakmp_policies_spec,
            isakmp_policies_compare,
            isakmp_policies_lines,
            isakmp_policies_netconf,
            list,
            list,
        ),
        ResourceOf[list[isakmp_keys_spec.IsakmpKeyFact]](
            "isakmp_keys",
            isakmp_keys_spec,
            isakmp_keys_compare,
            isakmp_keys_lines,
            isakmp_keys_netconf,
            list,
            list,
            secret_fields=("key",),
        ),
        ResourceOf[list[transform_sets_spec.TransformSetFact]](
            "transform_sets",
            transform_sets_spec,
            transform_sets_compare,
            transform_sets_lines,
            transform_sets_netconf,
            list,
            list,
            touches=("crypto_maps",),
        ),
        ResourceOf[list[crypto_acls_spec.CryptoAclFact]](
            "crypto_acls",
            crypto_acls_spec,
            crypto_acls_compare,
            crypto_acls_lines,
            crypto_acls_netconf,
            list,
            list,
        ),
        KeyringsResource(
            "keyrings",
            keyrings_spec,
            keyrings_compare,
            keyrings_lines,
            keyrings_netconf,
            list,
            list,
        ),
        ResourceOf[list[isakmp_profiles_spec.IsakmpProfileFact]](
            "isakmp_profiles",
            isakmp_profiles_spec,
            isakmp_profiles_compare,
            isakmp_profiles_lines,
            isakmp_profiles_netconf,
            list,
            list,
        ),
        ResourceOf[list[ipsec_profiles_spec.IpsecProfileFact]](
            "ipsec_profiles",
            ipsec_profiles_spec,
            ipsec_profiles_compare,
            ipsec_profiles_lines,
            ipsec_profiles_netconf,
            list,
            list,
        ),
        ResourceOf[list[tunnel_interfaces_spec.TunnelInterfaceFact]](  # before crypto_maps: its interface
            "tunnel_interfaces",  # blocks are the tunnel's, which hands ` crypto map` lines to crypto_maps
            tunnel_interfaces_spec,
            tunnel_interfaces_compare,
            tunnel_interfaces_lines,
            tunnel_interfaces_netconf,
            list,
            list,
        ),
        ResourceOf[list[crypto_maps_spec.CryptoMapFact]](
            "crypto_maps",
            crypto_maps_spec,
            crypto_maps_compare,
            crypto_maps_lines,
            crypto_maps_netconf,
            list,
            list,
        ),
        ResourceOf[crypto_defaults_spec.CryptoDefaultsFact](
            "crypto_defaults",
            crypto_defaults_spec,
            crypto_defaults_compare,
            crypto_defaults_lines,
            crypto_defaults_netconf,
            dict,
            _toggles_enabled,
            unconfigured_xml=lambda: {"isakmp_default_policy": False},
        ),
        # IKEv2 family (issue #15)
        ResourceOf[list[ikev2_proposals_spec.Ikev2ProposalFact]](
            "ikev2_proposals",
            ikev2_proposals_spec,
            ikev2_proposals_compare,
            ikev2_proposals_lines,
            ikev2_proposals_netconf,
            list,
            list,
        ),
        ResourceOf[list[ikev2_policies_spec.Ikev2PolicyFact]](
            "ikev2_policies",
            ikev2_policies_spec,
            ikev2_policies_compare,
            ikev2_policies_lines,
            ikev2_policies_netconf,
            list,
            list,
        ),
        ResourceOf[list[ikev2_keyrings_spec.Ikev2KeyringFact]](
            "ikev2_keyrings",
            ikev2_keyrings_spec,
            ikev2_keyrings_compare,
            ikev2_keyrings_lines,
            ikev2_keyrings_netconf,
            list,
            list,
            secret_fields=ikev2_keyrings_spec.SECRET_FIELDS,
        ),
        ResourceOf[list[ikev2_profiles_spec.Ikev2ProfileFact]](
            "ikev2_profiles",
            ikev2_profiles_spec,
            ikev2_profiles_compare,
            ikev2_profiles_lines,
            ikev2_profiles_netconf,
            list,
            list,
        ),
        ResourceOf[ikev2_defaults_spec.Ikev2DefaultsFact](
            "ikev2_defaults",
            ikev2_defaults_spec,
            ikev2_defaults_compare,
            ikev2_defaults_lines,
            ikev2_defaults_netconf,
            dict,
            _smart_defaults_enabled,
            unconfigured_xml=dict,  # not in the YANG: nothing is known over NETCONF
        ),
    )
}
