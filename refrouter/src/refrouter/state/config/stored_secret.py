"""How a pre-shared key is written into the configuration: type 6 while `password encryption aes` and a master
key are configured, in clear otherwise (docs/refrouter.md, "Type-6 pre-shared keys")."""

from __future__ import annotations

from .model import RunningConfig
from .type6 import Type6Error, seal, unseal


def encrypts(config: RunningConfig) -> bool:
    return config.password_encryption_aes and bool(config.master_key)


def sealed_secret(config: RunningConfig, secret: str) -> str | None:
    """The type-6 text of `secret`, or None while keys are stored in clear."""
    return seal(config.master_key, secret) if encrypts(config) and config.master_key else None


def rendered_secret(config: RunningConfig, secret: str) -> str:
    """`6 <ciphertext>` once `password encryption aes` and a master key are configured, else the clear key."""
    sealed = sealed_secret(config, secret)
    return f"6 {sealed}" if sealed else secret


def clear_secret(config: RunningConfig, text: str, encrypted: bool) -> str | None:
    """The clear key of a typed `key [0|6] TEXT`, or None when a type-6 text does not open with the master key."""
    if not encrypted:
        return text
    try:
        return unseal(config.master_key or "", text)
    except Type6Error:
        return None
