# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Tunnel interfaces over NETCONF: not carried yet. The 17.18.1 model keeps the tunnel settings in
Cisco-IOS-XE-tunnel under `/native/interface/Tunnel`, outside the crypto subtree the collection's dialect
reads and writes; over NETCONF nothing is gathered and a change fails with that reason."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.states import ResourceError

if TYPE_CHECKING:
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.payload import Payload
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.resource import XmlReader
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.tunnel_interfaces.spec import (
        TunnelInterfaceFact,
    )
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
        RunningConfig,
    )

READERS: dict[tuple[str, ...], XmlReader] = {}


def render(
    payload: Payload,
    have: list[TunnelInterfaceFact],
    target: list[TunnelInterfaceFact],
    device: RunningConfig,
) -> None:
    if have != target:
        raise ResourceError(
            "tunnel_interfaces cannot change tunnel interfaces over NETCONF yet (the tunnel settings are in "
            "Cisco-IOS-XE-tunnel, outside the subtree the collection reads); use ansible.netcommon.network_cli"
        )
