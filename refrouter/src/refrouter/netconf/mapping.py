"""RunningConfig <-> IOS XE 17.18.1 native XML (`/native`), both directions in one place.

`render(config)` builds the `<native>` tree that get-config serves; `parse(native, base)` reads such a
tree back into a RunningConfig, starting from `base` for everything NETCONF does not serve (users, banners,
static routes ...). Element names follow `schema.NATIVE`; docs/netconf.md lists the served subtree.
Defaults are not rendered, as `show running-config` does not print them.
"""

from __future__ import annotations

import ipaddress

from ..state.config.acl import ANY, PORT_NAMES, PROTOCOLS, AceSyntaxError, AddressMatch, PortMatch, parse_ace
from ..state.config.model import (
    INTERFACE_NAMES,
    KEY_SIZE_TRANSFORMS,
    AccessList,
    AclEntry,
    CryptoMap,
    CryptoMapEntry,
    Interface,
    IpsecProfile,
    IsakmpKey,
    IsakmpPolicy,
    RunningConfig,
    SaLifetime,
    TransformSet,
    Vrf,
)
from .errors import RpcError, bad_element
from .schema import ACL_PORT_NUMBERS, ACL_PROTOCOL_NUMBERS, NATIVE, Node
from .xml import (
    ACL_NS,
    CRYPTO_NS,
    NATIVE_NS,
    Element,
    child,
    children,
    elements,
    new,
    split_tag,
    sub,
    text_of,
)

INTERFACE_TYPES = ("GigabitEthernet", "Loopback", "Tunnel")  # YANG list order under /native/interface
ISAKMP_CIPHERS = {"a3des": ("3des", None), "aes-192": ("aes", 192), "aes-256": ("aes", 256), "des-choice": ("des", None)}
ESP_ALIASES = {"esp-192-aes": ("esp-aes", 192), "esp-256-aes": ("esp-aes", 256)}
PFS_PRESENCE_DEFAULT = {"map": "group1", "profile": "group14"}  # CLI `set pfs`; YANG default of the profile


def _reject(tag: str, element: str, message: str) -> RpcError:
    return bad_element(tag, element, message)


# ============================================================================================ render


def render(config: RunningConfig) -> Element:
    native = new("native", NATIVE_NS)
    sub(native, "hostname", config.hostname)
    _render_vrfs(native, config)
    _render_acls(sub(sub(native, "ip"), "access-list"), config)
    _render_interfaces(sub(native, "interface"), config)
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


def _render_vrfs(native: Element, config: RunningConfig) -> None:
    vrf_el = sub(native, "vrf")
    for vrf in config.vrfs.values():
        definition = sub(vrf_el, "definition")
        sub(definition, "name", vrf.name)
        if vrf.description:
            sub(definition, "description", vrf.description)
        if vrf.rd:
            sub(definition, "rd", vrf.rd)
        sub(sub(definition, "address-family"), "ipv4")


def _render_interfaces(parent: Element, config: RunningConfig) -> None:
    for kind in INTERFACE_TYPES:
        for iface in config.interfaces.values():
            if iface.name.startswith(kind) and iface.name[len(kind):][:1].isdigit():
                _render_interface(sub(parent, kind), iface, iface.name[len(kind):])


def _render_interface(el: Element, iface: Interface, number: str) -> None:
    sub(el, "name", number)
    if iface.description:
        sub(el, "description", iface.description)
    if iface.shutdown:
        sub(el, "shutdown")
    if iface.vrf:
        sub(sub(el, "vrf"), "forwarding", iface.vrf)
    if iface.address:
        primary = sub(sub(sub(el, "ip"), "address"), "primary")
        sub(primary, "address", iface.address)
        sub(primary, "mask", iface.mask)
    if iface.crypto_map:
        sub(sub(sub(el, "crypto", ns=CRYPTO_NS), "map"), "tag", iface.crypto_map)


def _render_crypto(crypto: Element, config: RunningConfig) -> None:
    for dmap in config.dynamic_maps.values():
        for seq in sorted(dmap.entries):
            entry_el = sub(crypto, "dynamic-map", ns=CRYPTO_NS)
            sub(entry_el, "name", dmap.name)
            sub(entry_el, "sequence", seq)
            _render_entry_body(entry_el, dmap.entries[seq])
    if not config.compliance_shield:
        engine = sub(crypto, "engine", ns=CRYPTO_NS)
        sub(sub(sub(engine, "compliance"), "shield"), "disable")
    ipsec = sub(crypto, "ipsec", ns=CRYPTO_NS)
    for ts in config.transform_sets.values():
        _render_transform_set(sub(ipsec, "transform-set"), ts)
    for profile in config.ipsec_profiles.values():
        profile_el = sub(ipsec, "profile")
        sub(profile_el, "name", profile.name)
        _render_set(profile_el, [], profile.pfs, profile.transform_sets, profile.lifetime)
    _render_isakmp(sub(crypto, "isakmp", ns=CRYPTO_NS), config)
    _render_maps(sub(crypto, "map", ns=CRYPTO_NS), config)


def _render_isakmp(isakmp: Element, config: RunningConfig) -> None:
    if config.isakmp_default_policy:
        sub(sub(isakmp, "default"), "policy")
    if config.isakmp_keepalive:
        keepalive = sub(isakmp, "keepalive")
        sub(keepalive, "number", config.isakmp_keepalive[0])
        sub(keepalive, "retry-number", config.isakmp_keepalive[1])
    key_el = sub(isakmp, "key")
    by_psk: dict[str, Element] = {}
    for key in config.isakmp_keys:
        if key.key not in by_psk:
            host = by_psk[key.key] = sub(key_el, "key-address-host")
            sub(host, "key", key.key)
            sub(host, "address")
        addr = sub(child(by_psk[key.key], "address"), "address-v4")  # type: ignore[arg-type]
        sub(addr, "address", key.address)
        if key.mask:
            sub(addr, "mask", key.mask)
        if key.no_xauth:
            sub(addr, "no-xauth")
    for prio in sorted(config.isakmp_policies):
        _render_policy(sub(isakmp, "policy"), config.isakmp_policies[prio])


def _render_policy(el: Element, policy: IsakmpPolicy) -> None:
    sub(el, "number", policy.priority)
    if policy.authentication != "rsa-sig":
        sub(el, "authentication", policy.authentication)
    if policy.encryption == "3des":
        sub(sub(el, "encryption"), "a3des")
    elif policy.encryption == "aes":
        aes = sub(sub(el, "encryption"), "aes-choice")
        if policy.key_size and policy.key_size != 128:
            sub(aes, "key-type", policy.key_size)
    if policy.group != 1:
        sub(el, "group", policy.group)
    if policy.hash != "sha":
        sub(el, "hash", policy.hash)
    if policy.lifetime != 86400:
        sub(el, "lifetime", policy.lifetime)


def _render_transform_set(el: Element, ts: TransformSet) -> None:
    sub(el, "tag", ts.name)
    if ts.ah_integrity:
        sub(el, "ah-hmac", ts.ah_integrity)
    if "comp-lzs" in ts.transforms:
        sub(el, "comp-lzs")
    if ts.esp_encryption:
        sub(el, "esp", ts.esp_encryption)
        if ts.esp_encryption in KEY_SIZE_TRANSFORMS and ts.key_size and ts.key_size != 128:
            sub(el, "key-bit", ts.key_size)
    if ts.esp_integrity:
        sub(el, "esp-hmac", ts.esp_integrity)
    sub(sub(el, "mode"), "transport-choice" if ts.mode == "transport" else "tunnel-choice")


def _render_maps(map_el: Element, config: RunningConfig) -> None:
    seq_el = sub(map_el, "map-seq")
    for cmap in config.crypto_maps.values():
        for seq in sorted(cmap.entries):
            entry = cmap.entries[seq]
            entry_el = sub(seq_el, "map")
            sub(entry_el, "name", cmap.name)
            sub(entry_el, "seq", seq)
            isakmp = sub(entry_el, "ipsec-isakmp")
            if entry.dynamic_template:
                sub(sub(isakmp, "dynamic"), "mode", entry.dynamic_template)
            else:
                _render_entry_body(entry_el, entry)
    local_el = sub(map_el, "map-local")
    for cmap in config.crypto_maps.values():
        if cmap.local_address:
            kind = next(k for k in INTERFACE_TYPES if cmap.local_address.startswith(k))
            entry_el = sub(local_el, "map")
            sub(entry_el, "name", cmap.name)
            sub(sub(entry_el, "local-address"), kind, cmap.local_address[len(kind):])


def _render_entry_body(el: Element, entry: CryptoMapEntry) -> None:
    if entry.description:
        sub(el, "description", entry.description)
    if entry.match_address:
        sub(sub(el, "match"), "address", entry.match_address)
    _render_set(el, entry.peers, entry.pfs, entry.transform_sets, entry.lifetime)


def _render_set(parent: Element, peers: list[str], pfs: str | None, sets: list[str], life: SaLifetime) -> None:
    set_el = sub(parent, "set")
    if peers:
        peer_el = sub(set_el, "peer")
        for peer in peers:
            sub(peer_el, "addresses", peer)
    if pfs:
        sub(sub(set_el, "pfs"), "group", pfs)
    for name in sets:
        sub(set_el, "transform-set", name)
    if life.seconds is not None or life.kilobytes is not None:
        lifetime = sub(sub(set_el, "security-association"), "lifetime")
        if life.seconds is not None:
            sub(lifetime, "seconds-case", life.seconds)
        if life.kilobytes is not None:
            sub(lifetime, "kilobytes", life.kilobytes)


def _render_acls(parent: Element, config: RunningConfig) -> None:
    acls = sorted(config.access_lists.values(), key=lambda a: (not a.name.isdigit(), a.name.zfill(8)))
    for kind in ("standard", "extended"):
        for acl in (a for a in acls if a.kind == kind):
            acl_el = sub(parent, kind, ns=ACL_NS)
            sub(acl_el, "name", acl.name)
            for entry in acl.entries:
                _render_acl_entry(sub(acl_el, "access-list-seq-rule"), entry, kind == "standard")


def _render_acl_entry(el: Element, entry: AclEntry, standard: bool) -> None:
    sub(el, "sequence", entry.seq)
    if entry.action == "remark" or entry.ace is None:
        sub(el, "remark" if standard else "remarks", entry.text)
        return
    ace = entry.ace
    if standard:
        std = sub(sub(el, ace.action), "std-ace")
        _render_address(std, ace.source, ("ipv4-address-prefix", "mask", "any", "host-address"))
    else:
        std = sub(el, "ace-rule")
        sub(std, "action", ace.action)
        sub(std, "protocol", ace.protocol)
        _render_address(std, ace.source, ("ipv4-address", "mask", "any", "host-address"))
        _render_port(std, "src", ace.source_port)
        _render_address(std, ace.destination, ("dest-ipv4-address", "dest-mask", "dst-any", "dst-host-address"))
        _render_port(std, "dst", ace.destination_port)
    if ace.log:
        sub(std, "log")


def _render_address(el: Element, match: AddressMatch, names: tuple[str, str, str, str]) -> None:
    prefix, mask, any_name, host = names
    if match == ANY:
        sub(el, any_name)
    elif int(match.wildcard) == 0:
        sub(el, host, match.network)
    else:
        sub(el, prefix, match.network)
        sub(el, mask, match.wildcard)


def _render_port(el: Element, side: str, port: PortMatch | None) -> None:
    if port is None:
        return
    if port.op == "range":
        sub(el, f"{side}-range1", port.low)
        sub(el, f"{side}-range2", port.high)
    else:
        sub(el, f"{side}-{port.op}", port.low)


# ============================================================================================ parse


def parse(native: Element | None, base: RunningConfig) -> RunningConfig:
    """A copy of `base` whose served parts come from `native` (None: everything served was deleted)."""
    native = native if native is not None else new("native", NATIVE_NS)
    cfg = base.clone()
    cfg.hostname = text_of(native, "hostname") or "Router"
    cfg.vrfs = {v.name: v for v in map(_parse_vrf, _path(native, "vrf", "definition"))}
    cfg.access_lists = _parse_acls(native)
    cfg.interfaces = _parse_interfaces(native, base)
    crypto = child(native, "crypto")
    crypto = crypto if crypto is not None else new("crypto", NATIVE_NS)
    _parse_isakmp(cfg, child(crypto, "isakmp"), base)
    cfg.compliance_shield = not _path(crypto, "engine", "compliance", "shield", "disable")
    cfg.transform_sets = {}
    for el in _path(crypto, "ipsec", "transform-set"):
        ts = _parse_transform_set(el, base)
        cfg.transform_sets[ts.name] = ts
    cfg.ipsec_profiles = {}
    for el in _path(crypto, "ipsec", "profile"):
        profile = IpsecProfile(text_of(el, "name") or "")
        profile.pfs, profile.transform_sets, profile.lifetime = _parse_set(el, "profile")
        cfg.ipsec_profiles[profile.name] = profile
    cfg.dynamic_maps = _parse_map_entries(_path(crypto, "dynamic-map"), "sequence")
    cfg.crypto_maps = _parse_map_entries(_path(crypto, "map", "map-seq", "map"), "seq")
    for el in _path(crypto, "map", "map-local", "map"):
        name = text_of(el, "name") or ""
        cmap = cfg.crypto_maps.setdefault(name, CryptoMap(name))
        target = [t for holder in _path(el, "local-address") for t in elements(holder)]
        cmap.local_address = f"{split_tag(target[0])[1]}{(target[0].text or '').strip()}" if target else None
    return cfg


def _path(el: Element | None, *names: str) -> list[Element]:
    """All elements at the end of a child path (lists fan out at every step)."""
    current = [el] if el is not None else []
    for name in names:
        current = [kid for parent in current for kid in children(parent, name)]
    return current


def _int(el: Element, name: str) -> int | None:
    value = text_of(el, name)
    return int(value) if value else None


def _parse_vrf(el: Element) -> Vrf:
    return Vrf(text_of(el, "name") or "", text_of(el, "rd"), text_of(el, "description"))


def _parse_interfaces(native: Element, base: RunningConfig) -> dict[str, Interface]:
    found: dict[str, Interface] = {}
    for kind in INTERFACE_TYPES:
        for el in _path(native, "interface", kind):
            name = f"{kind}{text_of(el, 'name')}"
            if kind == "GigabitEthernet" and name not in INTERFACE_NAMES:
                raise _reject("invalid-value", "name", f"interface {name} does not exist on this router")
            found[name] = _parse_interface(el, name)
    for name in INTERFACE_NAMES:  # physical interfaces cannot be deleted: they fall back to defaults
        found.setdefault(name, Interface(name=name, shutdown=True))
    order = [n for n in base.interfaces if n in found] + [n for n in found if n not in base.interfaces]
    return {n: found[n] for n in order}


def _parse_interface(el: Element, name: str) -> Interface:
    iface = Interface(name=name, description=text_of(el, "description"))
    iface.shutdown = child(el, "shutdown") is not None
    iface.vrf = (_texts(el, "vrf", "forwarding") or [None])[0]
    primary = _path(el, "ip", "address", "primary")
    if primary:
        address, mask = text_of(primary[0], "address"), text_of(primary[0], "mask")
        if not address or not mask:
            raise _reject("missing-element", "mask" if address else "address", f"{name}: address and mask go together")
        try:
            ipaddress.IPv4Interface(f"{address}/{mask}")
        except ValueError:
            raise _reject("invalid-value", "mask", f"Bad mask {mask} for address {address}") from None
        iface.address, iface.mask = address, mask
    iface.crypto_map = (_texts(el, "crypto", "map", "tag") or [None])[0]
    return iface


def _texts(el: Element, *names: str) -> list[str]:
    return [(x.text or "").strip() for x in _path(el, *names)]


def _parse_isakmp(cfg: RunningConfig, isakmp: Element | None, base: RunningConfig) -> None:
    cfg.isakmp_default_policy = bool(_path(isakmp, "default", "policy"))
    keepalive = _path(isakmp, "keepalive")
    number = _int(keepalive[0], "number") if keepalive else None
    cfg.isakmp_keepalive = (number, _int(keepalive[0], "retry-number") or 2) if number else None
    cfg.isakmp_policies = {}
    for el in _path(isakmp, "policy"):
        policy = _parse_policy(el)
        cfg.isakmp_policies[policy.priority] = policy
    cfg.isakmp_keys = _parse_keys(_path(isakmp, "key", "key-address-host"), base)


def _parse_policy(el: Element) -> IsakmpPolicy:
    policy = IsakmpPolicy(priority=_int(el, "number") or 0)
    for cipher in _path(el, "encryption"):
        for choice in elements(cipher):
            name = split_tag(choice)[1]
            if name == "aes-choice":
                size = _int(choice, "key-type")
                policy.encryption, policy.key_size = "aes", size if size != 128 else None
            else:
                policy.encryption, policy.key_size = ISAKMP_CIPHERS[name]
    policy.authentication = text_of(el, "authentication") or policy.authentication
    policy.hash = text_of(el, "hash") or policy.hash
    policy.group = _int(el, "group") or policy.group
    policy.lifetime = _int(el, "lifetime") or policy.lifetime
    return policy


def _parse_keys(hosts: list[Element], base: RunningConfig) -> list[IsakmpKey]:
    """One IsakmpKey per (address, mask); when two PSKs claim one peer, the one that changed wins (as CLI)."""
    old = {k.ident: k.key for k in base.isakmp_keys}
    keys: dict[tuple[str, str | None], IsakmpKey] = {}
    for host in hosts:
        psk = text_of(host, "key") or ""
        for addr in _path(host, "address", "address-v4"):
            mask = text_of(addr, "mask")
            key = IsakmpKey(psk, text_of(addr, "address") or "", None if mask == "255.255.255.255" else mask,
                            child(addr, "no-xauth") is not None)
            if key.ident in keys and old.get(key.ident) != keys[key.ident].key:
                continue
            keys[key.ident] = key
    return list(keys.values())


def _parse_transform_set(el: Element, base: RunningConfig) -> TransformSet:
    name = text_of(el, "tag") or ""
    esp, key_bit = text_of(el, "esp"), _int(el, "key-bit")
    esp, key_bit = ESP_ALIASES.get(esp or "", (esp, key_bit))
    if key_bit and esp not in KEY_SIZE_TRANSFORMS:
        raise _reject("invalid-value", "key-bit", f"key-bit does not apply to {esp or 'a missing esp'}")
    hmac = text_of(el, "esp-hmac")
    if hmac and esp in ("esp-gcm", "esp-gmac"):
        raise _reject("invalid-value", "esp-hmac", f"{esp} takes no esp-hmac")
    transforms = [t for t in (esp, hmac, text_of(el, "ah-hmac")) if t]
    if child(el, "comp-lzs") is not None:
        transforms.append("comp-lzs")
    if not transforms:
        raise _reject("missing-element", "esp", f"transform set {name} needs at least one transform")
    old = base.transform_sets.get(name)
    if old and sorted(old.transforms) == sorted(transforms):
        transforms = list(old.transforms)  # keep the CLI's word order
    mode = "transport" if _path(el, "mode", "transport-choice") else "tunnel"
    return TransformSet(name, transforms, key_bit if key_bit != 128 else None, mode)


def _parse_set(el: Element, owner: str) -> tuple[str | None, list[str], SaLifetime]:
    pfs_el = _path(el, "set", "pfs")
    pfs = (text_of(pfs_el[0], "group") or PFS_PRESENCE_DEFAULT[owner]) if pfs_el else None
    lifetime = _path(el, "set", "security-association", "lifetime")
    life = SaLifetime(*((_int(lifetime[0], "seconds-case"), _int(lifetime[0], "kilobytes")) if lifetime else ()))
    return pfs, list(dict.fromkeys(_texts(el, "set", "transform-set"))), life


def _parse_map_entries(entries: list[Element], seq_key: str) -> dict[str, CryptoMap]:
    maps: dict[str, CryptoMap] = {}
    for el in entries:
        name, seq = text_of(el, "name") or "", _int(el, seq_key) or 0
        entry = CryptoMapEntry(seq, description=text_of(el, "description"))
        entry.dynamic_template = (_texts(el, "ipsec-isakmp", "dynamic", "mode") or [None])[0]
        entry.peers = list(dict.fromkeys(_texts(el, "set", "peer", "addresses")))
        entry.match_address = (_texts(el, "match", "address") or [None])[0]
        entry.pfs, entry.transform_sets, entry.lifetime = _parse_set(el, "map")
        maps.setdefault(name, CryptoMap(name)).entries[seq] = entry
    return maps


def _parse_acls(native: Element) -> dict[str, AccessList]:
    acls: dict[str, AccessList] = {}
    for kind in ("standard", "extended"):
        for el in _path(native, "ip", "access-list", kind):
            name = text_of(el, "name") or ""
            if name in acls:
                raise _reject("data-exists", "name", f"access list {name} is already a {acls[name].kind} list")
            acl = AccessList(name, kind, named=not (name.isascii() and name.isdigit()))
            acl.entries = sorted((_parse_acl_entry(e, kind == "standard") for e in children(el, "access-list-seq-rule")),
                                 key=lambda e: e.seq)
            acls[name] = acl
    return acls


def _parse_acl_entry(el: Element, standard: bool) -> AclEntry:
    seq = _int(el, "sequence") or 0
    remarks = _texts(el, "remark" if standard else "remarks")
    if remarks:
        return AclEntry(seq, "remark", remarks[0])
    if standard:
        action = next((a for a in ("permit", "deny") if child(el, a) is not None), None)
        rule = _path(el, action or "permit", "std-ace")
        words = _address_words(rule[0], ("ipv4-address-prefix", "mask", "any", "host-address"), True) if rule else []
    else:
        rule = _path(el, "ace-rule")
        action = text_of(rule[0], "action") if rule else None
        words = _ace_words(rule[0]) if rule else []
    if not action or not rule:
        raise _reject("missing-element", "ace-rule", f"sequence {seq} has no rule")
    if child(rule[0], "log") is not None:
        words.append("log")
    try:
        ace = parse_ace(action, words, standard)
    except AceSyntaxError:
        raise _reject("invalid-value", "ace-rule", f"sequence {seq}: incomplete or invalid rule") from None
    return AclEntry(seq, action, ace.text(standard), ace)


def _ace_words(rule: Element) -> list[str]:
    protocol = text_of(rule, "protocol") or ""
    if protocol not in PROTOCOLS and not protocol.isdigit():
        protocol = str(ACL_PROTOCOL_NUMBERS.get(protocol, protocol))
    words = [protocol]
    words += _address_words(rule, ("ipv4-address", "mask", "any", "host-address"), False)
    words += _port_words(rule, "src")
    words += _address_words(rule, ("dest-ipv4-address", "dest-mask", "dst-any", "dst-host-address"), False)
    words += _port_words(rule, "dst")
    return words


def _address_words(rule: Element, names: tuple[str, str, str, str], standard: bool) -> list[str]:
    prefix, mask, any_name, host = (text_of(rule, n) for n in names)
    if prefix is not None:
        if mask is None and not standard:
            raise _reject("missing-element", names[1], "an address needs its wildcard bits")
        return [prefix] + ([mask] if mask is not None else [])
    if host is not None:
        return [host] if standard else ["host", host]
    if any_name is not None:
        return ["any"]
    raise _reject("missing-element", names[2], "the rule names no address")


def _port_words(rule: Element, side: str) -> list[str]:
    for op in ("eq", "gt", "lt", "neq"):
        value = text_of(rule, f"{side}-{op}")
        if value is not None:
            return [op, _port_number(value)]
    low, high = text_of(rule, f"{side}-range1"), text_of(rule, f"{side}-range2")
    if low is None and high is None:
        return []
    if low is None or high is None:
        raise _reject("missing-element", f"{side}-range2", "a port range needs both ends")
    return ["range", _port_number(low), _port_number(high)]


def _port_number(value: str) -> str:
    return value if value.isdigit() or value in PORT_NAMES else str(ACL_PORT_NUMBERS[value])
