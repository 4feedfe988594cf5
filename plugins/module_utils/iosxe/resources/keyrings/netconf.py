# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""IKEv1 keyrings over NETCONF: not carried yet (`/native/crypto/keyring` is not read or written by the
collection's dialect); over NETCONF nothing is gathered and a change fails with that reason."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.states import ResourceError

if TYPE_CHECKING:
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.payload import Payload
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.keyrings.spec import (
        KeyringFact,
    )
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.resource import XmlReader
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
        RunningConfig,
    )

READERS: dict[tuple[str, ...], XmlReader] = {}


def render(
    payload: Payload, have: list[KeyringFact], target: list[KeyringFact], device: RunningConfig
) -> None:
    if have != target:
        raise ResourceError(
            "keyrings cannot change IKEv1 keyrings over NETCONF yet; use ansible.netcommon.network_cli for "
            "this module"
        )
