"""ISAKMP: policies, pre-shared keys, keepalive, `default policy` under `/native/crypto/isakmp`."""

from __future__ import annotations

from ...state.config.model import IsakmpKey, IsakmpPolicy, RunningConfig
from ..xml import Element, child, elements, split_tag, sub, text_of
from .common import elements_at, int_at
from .psk import parsed_secret, served_secret

ISAKMP_CIPHERS = {
    "a3des": ("3des", None),
    "aes-192": ("aes", 192),
    "aes-256": ("aes", 256),
    "des-choice": ("des", None),
}


def render_isakmp(isakmp: Element, config: RunningConfig) -> None:
    if config.isakmp_default_policy:
        sub(sub(isakmp, "default"), "policy")
    if config.isakmp_keepalive:
        keepalive = sub(isakmp, "keepalive")
        sub(keepalive, "number", config.isakmp_keepalive[0])
        sub(keepalive, "retry-number", config.isakmp_keepalive[1])
    key_el = sub(isakmp, "key")
    by_psk: dict[str, Element] = {}
    for key in (k for k in config.isakmp_keys if not k.hostname):  # hostname keys: not in the served tree
        secret, type6 = served_secret(config, key.key)
        if secret not in by_psk:
            host = by_psk[secret] = sub(key_el, "key-address-host")
            sub(host, "key", secret)
            if type6:
                sub(host, "encryption", "6")
            sub(host, "address")
        addr = sub(child(by_psk[secret], "address"), "address-v4")  # type: ignore[arg-type]
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


def parse_isakmp(cfg: RunningConfig, isakmp: Element | None, base: RunningConfig) -> None:
    cfg.isakmp_default_policy = bool(elements_at(isakmp, "default", "policy"))
    keepalive = elements_at(isakmp, "keepalive")
    number = int_at(keepalive[0], "number") if keepalive else None
    cfg.isakmp_keepalive = (number, int_at(keepalive[0], "retry-number") or 2) if number else None
    cfg.isakmp_policies = {}
    for el in elements_at(isakmp, "policy"):
        policy = _parse_policy(el)
        cfg.isakmp_policies[policy.priority] = policy
    cfg.isakmp_keys = _parse_keys(elements_at(isakmp, "key", "key-address-host"), base)
    cfg.isakmp_keys += [k for k in base.isakmp_keys if k.hostname]


def _parse_policy(el: Element) -> IsakmpPolicy:
    policy = IsakmpPolicy(priority=int_at(el, "number") or 0)
    for cipher in elements_at(el, "encryption"):
        for choice in elements(cipher):
            name = split_tag(choice)[1]
            if name == "aes-choice":
                size = int_at(choice, "key-type")
                policy.encryption, policy.key_size = "aes", size if size != 128 else None
            else:
                policy.encryption, policy.key_size = ISAKMP_CIPHERS[name]
    policy.authentication = text_of(el, "authentication") or policy.authentication
    policy.hash = text_of(el, "hash") or policy.hash
    policy.group = int_at(el, "group") or policy.group
    policy.lifetime = int_at(el, "lifetime") or policy.lifetime
    return policy


def _parse_keys(hosts: list[Element], base: RunningConfig) -> list[IsakmpKey]:
    """One IsakmpKey per (address, mask); when two PSKs claim one peer, the one that changed wins (as CLI)."""
    old = {k.ident: k.key for k in base.isakmp_keys}
    keys: dict[tuple[str, str | None], IsakmpKey] = {}
    for host in hosts:
        clear = parsed_secret(base, text_of(host, "key") or "", text_of(host, "encryption"))
        for addr in elements_at(host, "address", "address-v4"):
            mask = text_of(addr, "mask")
            key = IsakmpKey(clear, text_of(addr, "address") or "", None if mask == "255.255.255.255" else mask,
                            child(addr, "no-xauth") is not None)
            if key.ident in keys and old.get(key.ident) != keys[key.ident].key:
                continue
            keys[key.ident] = key
    return list(keys.values())
