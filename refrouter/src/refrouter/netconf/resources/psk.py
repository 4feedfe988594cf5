"""Pre-shared keys in the crypto YANG: `encryption 6` with the type-6 text while the configuration stores keys
as type 6 (state/config/stored_secret.py), the clear key otherwise."""

from __future__ import annotations

from ...state.config.model import RunningConfig
from ...state.config.stored_secret import clear_secret, sealed_secret
from ..errors import RpcError


def served_secret(config: RunningConfig, secret: str) -> tuple[str, bool]:
    """The key text to serve and whether it is type 6."""
    sealed = sealed_secret(config, secret)
    return (sealed, True) if sealed else (secret, False)


def parsed_secret(base: RunningConfig, text: str, encryption: str | None) -> str:
    """The clear key of an edited PSK; a type-6 text of another master key is refused (as on the CLI)."""
    secret = clear_secret(base, text, encryption == "6")
    if secret is None:
        raise RpcError("invalid-value", "the encrypted key does not decrypt with the configured master key")
    return secret
