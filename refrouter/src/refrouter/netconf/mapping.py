"""RunningConfig <-> IOS XE 17.18.1 native XML (`/native`), both directions; the resources live in
netconf/resources/, one module each.

`render(config)` builds the `<native>` tree that get-config serves; `parse(native, base)` reads such a
tree back into a RunningConfig, starting from `base` for everything NETCONF does not serve (users, banners,
static routes ...). Element names follow `schema.NATIVE`; docs/netconf.md lists the served subtree.
Defaults are not rendered, as `show running-config` does not print them.
"""

from __future__ import annotations

from ..state.config.model import IpsecProfile, RunningConfig
from .resources.acls import parse_acls, render_acls
from .resources.common import elements_at
from .resources.crypto_maps import (
    keep_gdoi_entries,
    parse_map_entries,
    parse_map_local,
    parse_profile_refs,
    parse_set,
    render_entry_body,
    render_maps,
    render_set,
)
from .resources.ikev1 import parse_isakmp_profiles, parse_keyrings, render_isakmp_profiles, render_keyrings
from .resources.ikev2 import parse_ikev2, render_ikev2
from .resources.interfaces import parse_interfaces, parse_vrf, render_interfaces, render_vrfs
from .resources.isakmp import parse_isakmp, render_isakmp
from .resources.transform_sets import parse_transform_set, render_transform_set
from .schema import NATIVE, Node
from .xml import CRYPTO_NS, NATIVE_NS, Element, child, elements, new, split_tag, sub, text_of


def render(config: RunningConfig) -> Element:
    native = new("native", NATIVE_NS)
    sub(native, "hostname", config.hostname)
    render_vrfs(native, config)
    render_acls(sub(sub(native, "ip"), "access-list"), config)
    render_interfaces(sub(native, "interface"), config)
    _render_crypto(sub(native, "crypto"), config)
    _prune(native, NATIVE)
    return native


def _prune(el: Element, node: Node) -> None:
    """Drop empty non-presence containers (a device never reports them)."""
    for kid in elements(el):
        kid_node = node.child(*split_tag(kid))
        if kid_node is None or kid_node.is_leafy:
            continue
        _prune(kid, kid_node)
        if kid_node.kind == "container" and not elements(kid):
            el.remove(kid)


def _render_crypto(crypto: Element, config: RunningConfig) -> None:
    for dmap in config.dynamic_maps.values():
        for seq in sorted(dmap.entries):
            entry_el = sub(crypto, "dynamic-map", ns=CRYPTO_NS)
            sub(entry_el, "name", dmap.name)
            sub(entry_el, "sequence", seq)
            render_entry_body(entry_el, dmap.entries[seq])
    if not config.compliance_shield:
        engine = sub(crypto, "engine", ns=CRYPTO_NS)
        sub(sub(sub(engine, "compliance"), "shield"), "disable")
    render_ikev2(sub(crypto, "ikev2", ns=CRYPTO_NS), config.ikev2)
    ipsec = sub(crypto, "ipsec", ns=CRYPTO_NS)
    for ts in config.transform_sets.values():
        render_transform_set(sub(ipsec, "transform-set"), ts)
    for profile in config.ipsec_profiles.values():
        profile_el = sub(ipsec, "profile")
        sub(profile_el, "name", profile.name)
        render_set(profile_el, [], profile.pfs, profile.transform_sets, profile.lifetime,
                   (profile.isakmp_profile, profile.ikev2_profile))
    isakmp = sub(crypto, "isakmp", ns=CRYPTO_NS)
    render_isakmp(isakmp, config)
    render_isakmp_profiles(isakmp, config)
    render_keyrings(crypto, config)
    render_maps(sub(crypto, "map", ns=CRYPTO_NS), config)


def parse(native: Element | None, base: RunningConfig) -> RunningConfig:
    """A copy of `base` whose served parts come from `native` (None: everything served was deleted)."""
    native = native if native is not None else new("native", NATIVE_NS)
    cfg = base.clone()
    cfg.hostname = text_of(native, "hostname") or "Router"
    cfg.vrfs = {v.name: v for v in map(parse_vrf, elements_at(native, "vrf", "definition"))}
    cfg.access_lists = parse_acls(native)
    cfg.interfaces = parse_interfaces(native, base)
    crypto = child(native, "crypto")
    crypto = crypto if crypto is not None else new("crypto", NATIVE_NS)
    parse_isakmp(cfg, child(crypto, "isakmp"), base)
    parse_ikev2(cfg, child(crypto, "ikev2"), base)
    cfg.ikev1.profiles = parse_isakmp_profiles(child(crypto, "isakmp"), base)
    cfg.ikev1.keyrings = parse_keyrings(crypto, base)
    cfg.compliance_shield = not elements_at(crypto, "engine", "compliance", "shield", "disable")
    cfg.transform_sets = {}
    for el in elements_at(crypto, "ipsec", "transform-set"):
        ts = parse_transform_set(el, base)
        cfg.transform_sets[ts.name] = ts
    cfg.ipsec_profiles = {}
    for el in elements_at(crypto, "ipsec", "profile"):
        profile = IpsecProfile(text_of(el, "name") or "")
        profile.pfs, profile.transform_sets, profile.lifetime = parse_set(el, "profile")
        profile.isakmp_profile, profile.ikev2_profile = parse_profile_refs(el)
        old = base.ipsec_profiles.get(profile.name)
        profile.lifetime.kilobytes_disabled = bool(old and old.lifetime.kilobytes_disabled)
        cfg.ipsec_profiles[profile.name] = profile
    cfg.dynamic_maps = parse_map_entries(elements_at(crypto, "dynamic-map"), "sequence", base.dynamic_maps)
    cfg.crypto_maps = parse_map_entries(elements_at(crypto, "map", "map-seq", "map"), "seq", base.crypto_maps)
    keep_gdoi_entries(cfg.crypto_maps, base.crypto_maps)
    parse_map_local(elements_at(crypto, "map", "map-local", "map"), cfg.crypto_maps)
    return cfg
