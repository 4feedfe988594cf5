"""Typed pre-shared keys (`key [0|6] TEXT`): a type-6 text is opened with the master key, keys are kept in
clear and written back as the configuration's key storage says (state/config/stored_secret.py)."""

from __future__ import annotations

from ...state.config.model import IsakmpKey
from ...state.config.stored_secret import clear_secret
from ..mode import Mode

TYPE6_UNREADABLE = "% Invalid encrypted key: it does not decrypt with the configured master key\n"


def store_isakmp_key(mode: Mode, new: IsakmpKey, text: str, encrypted: bool) -> str | None:
    """Add or replace a global `crypto isakmp key`; a type-6 text of another master key is refused."""
    secret = clear_secret(mode.router.running, text, encrypted)
    if secret is None:
        return TYPE6_UNREADABLE
    new.key = secret
    keys = mode.router.running.isakmp_keys
    for index, key in enumerate(keys):
        if key.ident == new.ident:
            keys[index] = new
            break
    else:
        keys.append(new)
    mode.changed()
    return None
