# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The IKEv2 smart defaults have no node in the IOS XE 17.18.1 YANG (the `default crypto ikev2 policy/proposal`
nodes were made obsolete in 2022): nothing is read, and a change fails naming the family."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.states import ResourceError
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.payload import Payload
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.xml_read import XmlElement
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.ikev2_defaults.spec import (
    Ikev2DefaultsFact,
)

if TYPE_CHECKING:
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.parse import Reader
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
        RunningConfig,
    )

NOT_MODELLED = (
    "the IKEv2 smart defaults (ikev2_defaults: proposal, policy, transform set and IPsec profile `default`) "
    "have no node in the IOS XE 17.18.1 YANG model, so they cannot be read or set over NETCONF; use "
    "ansible.netcommon.network_cli for this module"
)


def render(
    payload: Payload, have: Ikev2DefaultsFact, target: Ikev2DefaultsFact, device: RunningConfig
) -> None:
    """Nothing to write when nothing changes; any change fails."""
    if target != have:
        raise ResourceError(NOT_MODELLED)


READERS: dict[tuple[str, ...], Callable[[Reader, XmlElement], None]] = {}
