# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every site_to_site_vpn rule reads from a tunnel definition: its seq, transform set name, flags."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ansible.module_utils.parsing.convert_bool import boolean

Obj = Mapping[str, Any]


def flag(value: Any) -> bool:
    """A yes/no option as Ansible's `bool` filter reads it (`yes`, `on`, `1`, `true` are true)."""
    return bool(boolean(value, strict=False))


def as_int(value: Any) -> int:
    """Ansible's `int` filter: an int, a number in a string, or 0."""
    try:
        return int(value)
    except (TypeError, ValueError):
        try:
            return int(float(value))
        except (TypeError, ValueError):
            return 0


def seq(tunnel: Obj, index: int) -> int:
    """The crypto map sequence number of the tunnel at `index` (0-based): its `seq`, else 10, 20, ..."""
    return as_int(tunnel.get("seq") or 10 * (index + 1))


def transform_set(tunnel: Obj) -> Obj | None:
    """The tunnel's own transform set, None when it uses the default transform sets."""
    return (tunnel.get("ipsec") or {}).get("transform_set") or None


def transform_set_name(tunnel: Obj) -> str:
    """Name of the tunnel's transform set ('' when the tunnel uses the default transform sets)."""
    found = transform_set(tunnel)
    if not found:
        return ""
    return str(found.get("name") or f"ipsecux-{tunnel.get('name')}")


def given(options: Obj) -> dict[str, Any]:
    """The options that are set (None means not given)."""
    return {key: value for key, value in options.items() if value is not None}


def acl_address(cidr: str) -> str:
    """ACL address of an `a.b.c.d/len` network as IOS prints it: `host a.b.c.d`, `any` or `net wildcard`."""
    parts = cidr.split("/")
    address = parts[0]
    length = as_int(parts[1] if len(parts) > 1 else "32")
    if length == 32:
        return f"host {address}"
    if length == 0:
        return "any"
    octets = [as_int(octet) for octet in address.split(".")]
    network, wildcard = [], []
    for i in range(4):
        block = 2 ** (8 - max(0, min(8, length - 8 * i)))
        network.append(str((octets[i] // block) * block))
        wildcard.append(str(block - 1))
    return f"{'.'.join(network)} {'.'.join(wildcard)}"
