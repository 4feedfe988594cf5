"""IPsec transform sets: `/native/crypto/ipsec/transform-set`."""

from __future__ import annotations

from ...state.config.model import KEY_SIZE_TRANSFORMS, RunningConfig, TransformSet
from ..xml import Element, child, sub, text_of
from .common import elements_at, int_at, reject

ESP_ALIASES = {"esp-192-aes": ("esp-aes", 192), "esp-256-aes": ("esp-aes", 256)}


def render_transform_set(el: Element, ts: TransformSet) -> None:
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


def parse_transform_set(el: Element, base: RunningConfig) -> TransformSet:
    name = text_of(el, "tag") or ""
    esp, key_bit = text_of(el, "esp"), int_at(el, "key-bit")
    esp, key_bit = ESP_ALIASES.get(esp or "", (esp, key_bit))
    if key_bit and esp not in KEY_SIZE_TRANSFORMS:
        raise reject("invalid-value", "key-bit", f"key-bit does not apply to {esp or 'a missing esp'}")
    hmac = text_of(el, "esp-hmac")
    if hmac and esp in ("esp-gcm", "esp-gmac"):
        raise reject("invalid-value", "esp-hmac", f"{esp} takes no esp-hmac")
    transforms = [t for t in (esp, hmac, text_of(el, "ah-hmac")) if t]
    if child(el, "comp-lzs") is not None:
        transforms.append("comp-lzs")
    if not transforms:
        raise reject("missing-element", "esp", f"transform set {name} needs at least one transform")
    old = base.transform_sets.get(name)
    if old and sorted(old.transforms) == sorted(transforms):
        transforms = list(old.transforms)  # keep the CLI's word order
    mode = "transport" if elements_at(el, "mode", "transport-choice") else "tunnel"
    return TransformSet(name, transforms, key_bit if key_bit != 128 else None, mode)
