"""Keyrings (`/native/crypto/keyring`) and ISAKMP profiles (`/native/crypto/isakmp/profile`).

Not served (kept from the base config on an edit, and rejected as `unknown-element` when sent): Easy VPN
client groups, the `crypto isakmp` switches other than keepalive, and identities the 17.18.1 list cannot
hold apart from the base (`match identity address A M VRF` keeps its VRF when A/M are unchanged).
"""

from __future__ import annotations

from ...state.config.ikev1 import IsakmpProfile, Keyring, KeyringKey
from ...state.config.model import RunningConfig
from ..xml import CRYPTO_NS, Element, child, elements, split_tag, sub, text_of
from .common import INTERFACE_TYPES, elements_at, int_at, texts_at
from .psk import parsed_secret, served_secret

HOST_MASK = "255.255.255.255"


def _render_local_address(parent: Element, value: str) -> None:
    local = sub(parent, "local-address")
    kind = next((k for k in INTERFACE_TYPES if value.startswith(k)), None)
    if kind is None:
        sub(sub(local, "bind-ip-address"), "ip-address", value)
    else:
        sub(local, kind, value[len(kind):])


def _parse_local_address(el: Element) -> str | None:
    for holder in elements_at(el, "local-address"):
        address = texts_at(holder, "bind-ip-address", "ip-address")
        if address:
            return address[0]
        for target in elements(holder):
            name = split_tag(target)[1]
            if name in INTERFACE_TYPES:
                return f"{name}{(target.text or '').strip()}"
    return None


def _render_key(el: Element, key: KeyringKey, config: RunningConfig) -> None:
    secret, type6 = served_secret(config, key.key)
    sub(el, "key")
    if type6:
        sub(el, "encryption", "6")
    sub(el, "unencryt-key", secret)


def render_keyrings(crypto: Element, config: RunningConfig) -> None:
    for keyring in config.ikev1.keyrings.values():
        el = sub(crypto, "keyring", ns=CRYPTO_NS)
        sub(el, "name", keyring.name)
        if keyring.vrf:
            sub(el, "vrf", keyring.vrf)
        if keyring.description:
            sub(el, "description", keyring.description)
        if keyring.local_address:
            _render_local_address(el, keyring.local_address)
        psk = sub(el, "pre-shared-key")
        v2 = sub(psk, "address-v2")
        for key in (k for k in keyring.keys if k.kind == "address"):
            ipv4 = sub(v2, "ipv4")
            sub(ipv4, "ipv4-addr", key.peer)
            if key.mask:
                sub(ipv4, "mask", key.mask)
            _render_key(ipv4, key, config)
        for key in (k for k in keyring.keys if k.kind == "hostname"):
            host = sub(psk, "hostname")
            sub(host, "name", key.peer)
            _render_key(host, key, config)


def parse_keyrings(crypto: Element, base: RunningConfig) -> dict[str, Keyring]:
    keyrings: dict[str, Keyring] = {}
    for el in elements_at(crypto, "keyring"):
        keyring = Keyring(text_of(el, "name") or "", vrf=text_of(el, "vrf"), description=text_of(el, "description"))
        keyring.local_address = _parse_local_address(el)
        for ipv4 in elements_at(el, "pre-shared-key", "address-v2", "ipv4"):
            mask = text_of(ipv4, "mask")
            secret = parsed_secret(base, text_of(ipv4, "unencryt-key") or "", text_of(ipv4, "encryption"))
            keyring.keys.append(KeyringKey("address", text_of(ipv4, "ipv4-addr") or "", secret,
                                           None if mask in (None, HOST_MASK) else mask))
        for host in elements_at(el, "pre-shared-key", "hostname"):
            secret = parsed_secret(base, text_of(host, "unencryt-key") or "", text_of(host, "encryption"))
            keyring.keys.append(KeyringKey("hostname", text_of(host, "name") or "", secret))
        keyrings[keyring.name] = keyring
    return keyrings


def render_isakmp_profiles(isakmp: Element, config: RunningConfig) -> None:
    for profile in config.ikev1.profiles.values():
        _render_profile(sub(isakmp, "profile"), profile)


def _render_profile(el: Element, profile: IsakmpProfile) -> None:
    sub(el, "name", profile.name)
    if profile.ca_trust_points:
        ca = sub(el, "ca")
        for trust_point in profile.ca_trust_points:
            sub(ca, "trust-point-ca", trust_point)
    for line in profile.client_lines:
        if line.startswith("client "):
            _render_client_line(el, line)
    if profile.description:
        sub(el, "description", profile.description)
    if profile.initiate_aggressive:
        sub(sub(sub(el, "initiate"), "mode"), "mode-name", "aggressive")
    for line in profile.client_lines:
        if line.startswith("isakmp "):
            _render_client_line(el, line)
    if profile.keepalive:
        keepalive = sub(el, "keepalive")
        sub(keepalive, "number", profile.keepalive[0])
        sub(keepalive, "retry", profile.keepalive[1])
    for name in profile.keyrings:
        sub(sub(el, "keyring"), "name", name)
    if profile.local_address:
        _render_local_address(el, profile.local_address)
    identity = sub(sub(el, "match"), "identity")
    for words in profile.match_identities:
        kind, _, rest = words.partition(" ")
        parts = rest.split()
        if kind == "address":
            address = sub(identity, "address")
            sub(address, "ip", parts[0])
            sub(address, "mask", parts[1])
        elif kind == "group":
            sub(identity, "groups", parts[0])
        elif kind == "host" and parts[0] != "domain":
            sub(sub(sub(identity, "host"), "domain-name-1"), "name", parts[0])
    if profile.self_identity in ("address", "fqdn"):
        sub(sub(el, "self-identity"), profile.self_identity)
    if profile.virtual_template is not None:
        sub(sub(el, "virtual-template-option"), "virtual-template-number", profile.virtual_template)
    if profile.vrf:
        sub(el, "vrf", profile.vrf)


def _container(parent: Element, *path: str) -> Element:
    """The container at `path` under `parent`, made where missing (one element per container)."""
    for name in path:
        found = child(parent, name)
        parent = found if found is not None else sub(parent, name)
    return parent


def _render_client_line(el: Element, line: str) -> None:
    words = line.split()
    if words[:2] == ["client", "authentication"]:
        sub(_container(el, "client", "authentication"), "list", words[-1])
    elif words[:2] == ["isakmp", "authorization"]:
        sub(_container(el, "isakmp", "authorization"), "list", words[-1])
    elif words[:3] == ["client", "configuration", "address"]:
        sub(_container(el, "client", "configuration"), "address", words[-1])
    elif words[:3] == ["client", "configuration", "group"]:
        sub(_container(el, "client", "configuration"), "group", words[-1])


def parse_isakmp_profiles(isakmp: Element | None, base: RunningConfig) -> dict[str, IsakmpProfile]:
    profiles: dict[str, IsakmpProfile] = {}
    for el in elements_at(isakmp, "profile"):
        name = text_of(el, "name") or ""
        old = base.ikev1.profiles.get(name)
        profile = IsakmpProfile(name, description=text_of(el, "description"), vrf=text_of(el, "vrf"))
        profile.keyrings = texts_at(el, "keyring", "name")
        profile.ca_trust_points = texts_at(el, "ca", "trust-point-ca")
        profile.client_lines = _parse_client_lines(el)
        profile.match_identities = _parse_identities(el, old)
        kind = [split_tag(k)[1] for holder in elements_at(el, "self-identity") for k in elements(holder)]
        profile.self_identity = kind[0] if kind else (old.self_identity if old and old.self_identity not in
                                                      ("address", "fqdn") else None)
        profile.local_address = _parse_local_address(el)
        keepalive = elements_at(el, "keepalive")
        number = int_at(keepalive[0], "number") if keepalive else None
        profile.keepalive = (number, int_at(keepalive[0], "retry") or 2) if number else None
        template = texts_at(el, "virtual-template-option", "virtual-template-number")
        profile.virtual_template = int(template[0]) if template else None
        profile.initiate_aggressive = "aggressive" in texts_at(el, "initiate", "mode", "mode-name")
        profiles[name] = profile
    return profiles


def _parse_client_lines(el: Element) -> list[str]:
    lines = [f"client authentication list {v}" for v in texts_at(el, "client", "authentication", "list")]
    lines += [f"isakmp authorization list {v}" for v in texts_at(el, "isakmp", "authorization", "list")]
    lines += [f"client configuration address {v}" for v in texts_at(el, "client", "configuration", "address")]
    lines += [f"client configuration group {v}" for v in texts_at(el, "client", "configuration", "group")]
    return lines


def _parse_identities(el: Element, old: IsakmpProfile | None) -> list[str]:
    """Identities in the profile's CLI form; an address keeps the VRF the base had for it."""
    vrf_of = {}
    unserved: list[str] = []
    for words in old.match_identities if old else []:
        parts = words.split()
        if parts[0] == "address" and len(parts) == 4:
            vrf_of[(parts[1], parts[2])] = parts[3]
        elif parts[0] in ("user-fqdn",) or parts[1:2] == ["domain"]:
            unserved.append(words)
    out: list[str] = []
    for address in elements_at(el, "match", "identity", "address"):
        ip, mask = text_of(address, "ip") or "", text_of(address, "mask") or HOST_MASK
        vrf = vrf_of.get((ip, mask))
        out.append(f"address {ip} {mask} {vrf}" if vrf else f"address {ip} {mask} ")
    out += [f"host {name}" for name in texts_at(el, "match", "identity", "host", "domain-name-1", "name")]
    out += [f"group {name}" for name in texts_at(el, "match", "identity", "groups")]
    return out + unserved
