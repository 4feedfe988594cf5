# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Crypto ACLs over NETCONF: not carried yet (the ACL nodes are in Cisco-IOS-XE-acl, outside the crypto
subtree the collection reads); a change over NETCONF fails with that reason."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.states import ResourceError

if TYPE_CHECKING:
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.payload import Payload
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.resource import XmlReader
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
        RunningConfig,
    )

READERS: dict[tuple[str, ...], XmlReader] = {}


def render(payload: Payload, have: Any, target: Any, device: RunningConfig) -> None:
    if have != target:
        raise ResourceError(
            "crypto_acls cannot change ACLs over NETCONF yet; use ansible.netcommon.network_cli for this module"
        )
