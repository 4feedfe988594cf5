"""The operational part of `show crypto map`: `Current peer:` and the entries created from dynamic maps.

An entry's current peer is the peer of its IPsec SAs, else of a live ISAKMP SA to one of its `set peer`
addresses; an entry with neither prints no `Current peer:` line (samples/github-labs/show_crypto_map__2).
Created entries (`Crypto Map "testmap" 65536 ipsec-isakmp ... dynamic (created from dynamic map
dyn_testmap/10)`, seed guide, RouterB) print the negotiated selectors as an unnamed ACL line.
"""

from __future__ import annotations

from ..state.config.model import (
    DEFAULT_TRANSFORM_SETS,
    IPSEC_DEFAULT_LIFETIME_KILOBYTES,
    IPSEC_DEFAULT_LIFETIME_SECONDS,
    CryptoMapEntry,
    TransformSet,
)
from ..state.oper.sa import DynamicMapInstance
from ..state.router import Router
from .oper_text import acl_text


def current_peer(router: Router, map_name: str, entry: CryptoMapEntry) -> str | None:
    tunnels = [t for t in router.oper.ipsec_tunnel_list(map_name=map_name) if t.map_seq == entry.seq]
    if tunnels:
        return tunnels[-1].remote
    live = [sa for sa in router.oper.ike_sa_list() if sa.active and sa.remote in entry.peers]
    return live[0].remote if live else None


def _transform_set(router: Router, name: str) -> TransformSet | None:
    defaults = {ts.name: ts for ts in DEFAULT_TRANSFORM_SETS}
    return router.running.transform_sets.get(name) or defaults.get(name)


def _instance_lines(router: Router, instance: DynamicMapInstance, display: str) -> list[str]:
    from .config_show import transform_display  # config_show imports this module

    lifetime_kb = instance.lifetime_kb or IPSEC_DEFAULT_LIFETIME_KILOBYTES
    lifetime_sec = instance.lifetime_sec or IPSEC_DEFAULT_LIFETIME_SECONDS
    lines = [
        f'Crypto Map IPv4 "{display}" {instance.seq} ipsec-isakmp',
        f"\tPeer = {instance.peer}",
        "\tAccess-List SS dynamic: False",
        "\tExtended IP access list",
        f"\t    access-list {acl_text(instance.local_ident, instance.remote_ident)}",
        f"\t    dynamic (created from dynamic map {instance.template}/{instance.template_seq})",
        f"\tCurrent peer: {instance.peer}",
        f"\tSecurity association lifetime: {lifetime_kb} kilobytes/{lifetime_sec} seconds",
        "\tDualstack (Y/N): N",
        "",
        "\tResponder-Only (Y/N): N",
        f"\tPFS (Y/N): {'Y' if instance.pfs_group else 'N'}",
    ]
    if instance.pfs_group:
        lines.append(f"\tDH group:  group{instance.pfs_group}")
    lines += ["\tMixed-mode : Disabled", "\tTransform sets={"]
    for name in instance.transform_sets:
        ts = _transform_set(router, name)
        if ts is not None:
            lines.append(f"\t\t{ts.name}:  {{ {transform_display(ts)}  }} ,")
    return [*lines, "\t}"]


def dynamic_entry_lines(router: Router, map_name: str) -> list[str]:
    """The entries created from dynamic-map templates of crypto map `map_name`, in sequence order."""
    lines: list[str] = []
    for instance in router.oper.dynamic_entry_list(map_name):
        lines += _instance_lines(router, instance, map_name)
    return lines
