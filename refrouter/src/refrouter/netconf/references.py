"""Cross-object rules an edit must keep (YANG `must` statements and IOS parser checks).

Only references an edit *introduces* are refused: a dangling name the CLI left behind does not block an
unrelated NETCONF edit (the CLI allows `no crypto ipsec transform-set` while a map still names it).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..state.config.model import RunningConfig
from .errors import RpcError
from .resources.ikev2 import check_ikev2_references

# error-message texts of the Cisco-IOS-XE-crypto / -interfaces `must` statements (17.18.1).
TRANSFORM_SET_MUST = (
    "It seems transform set doesn't exist or attempted to delete when actively referred by IPSec profile"
)
VRF_MUST = "VRF must be created 1st, deleted last"
MAX_TRANSFORM_SETS = 6  # IOS accepts six transform sets per map entry or profile


def _set_owners(config: RunningConfig) -> Iterator[tuple[str, list[str]]]:
    """(path, transform-set names) of every profile and map entry."""
    for profile in config.ipsec_profiles.values():
        yield f"/native/crypto/ipsec/profile[name='{profile.name}']/set/transform-set", profile.transform_sets
    for kind, maps in (("map/map-seq/map", config.crypto_maps), ("dynamic-map", config.dynamic_maps)):
        for cmap in maps.values():
            for seq, entry in cmap.entries.items():
                yield f"/native/crypto/{kind}[name='{cmap.name}'][{seq}]/set/transform-set", entry.transform_sets


def _transform_refs(config: RunningConfig) -> Iterator[tuple[str, str]]:
    return ((path, name) for path, names in _set_owners(config) for name in names)


def _dangling_transform_sets(config: RunningConfig) -> set[tuple[str, str]]:
    return {(path, name) for path, name in _transform_refs(config) if name not in config.transform_sets}


def _dangling_vrfs(config: RunningConfig) -> set[tuple[str, str]]:
    return {
        (f"/native/interface/{iface.name}/vrf/forwarding", iface.vrf)
        for iface in config.interfaces.values()
        if iface.vrf and iface.vrf not in config.vrfs
    }


def check_references(old: RunningConfig, new: RunningConfig) -> None:
    check_ikev2_references(old, new)
    for finder, message in ((_dangling_transform_sets, TRANSFORM_SET_MUST), (_dangling_vrfs, VRF_MUST)):
        introduced = sorted(finder(new) - finder(old))
        if introduced:
            path, name = introduced[0]
            raise RpcError("operation-failed", f"{message} ({name})", path, app_tag="must-violation")
    for path, names in _set_owners(new):
        if len(names) > MAX_TRANSFORM_SETS:
            raise RpcError("invalid-value", f"at most {MAX_TRANSFORM_SETS} transform sets", path,
                           {"bad-element": "transform-set"})
