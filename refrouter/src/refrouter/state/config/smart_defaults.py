"""The IOS XE smart default transform set `default` (15.x/XE captures: `Transform set default: { esp-aes
esp-sha-hmac  }`, transport mode); `no crypto ipsec transform-set default` turns it off."""

from __future__ import annotations

from .ikev2 import DEFAULT_NAME
from .model import RunningConfig, TransformSet

SMART_DEFAULT_TRANSFORM_SET = TransformSet(DEFAULT_NAME, ["esp-aes", "esp-sha-hmac"], mode="transport")


def smart_default_transform_sets(config: RunningConfig) -> list[TransformSet]:
    """The smart default set, while enabled and not replaced by a configured set of the same name."""
    if config.ikev2.default_transform_set and DEFAULT_NAME not in config.transform_sets:
        return [SMART_DEFAULT_TRANSFORM_SET]
    return []

