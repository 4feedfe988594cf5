# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The default IKE policy toggle over NETCONF (`crypto ipsec default transform-set` has no YANG node)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.payload import Payload
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.xml_read import XmlElement, kids

if TYPE_CHECKING:
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.parse import Reader
    from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
        RunningConfig,
    )


def render(payload: Payload, have: dict[str, Any], target: dict[str, Any], device: RunningConfig) -> None:
    """`isakmp/default/policy` present = the default IKE policies are enabled (the factory state)."""
    wanted = target.get("isakmp_default_policy")
    if wanted is None or wanted == have.get("isakmp_default_policy"):
        return
    payload.crypto("isakmp").container("default").add("policy", operation=None if wanted else "remove")


def _read_default(reader: Reader, element: XmlElement) -> None:
    if kids(element, "policy"):
        reader.config.crypto_defaults["isakmp_default_policy"] = True


READERS: dict[tuple[str, ...], Callable[[Reader, XmlElement], None]] = {
    ("crypto", "isakmp", "default"): _read_default
}
