"""The private configuration IOS keeps outside the running-config: RSA key pairs (`crypto key generate rsa`).

Saved with `write memory`, restored before the startup config loads, as IOS's private NVRAM."""

from __future__ import annotations

import json

from .pki import RsaKeyPair


def dump_private(keys: dict[str, RsaKeyPair]) -> str:
    return json.dumps(
        [{"label": k.label, "modulus": k.modulus, "usage_keys": k.usage_keys, "exportable": k.exportable}
         for k in keys.values()],
        indent=1,
    )


def load_private(text: str) -> dict[str, RsaKeyPair]:
    """Key pairs from a saved private config; an unreadable file yields none (IOS regenerates on demand)."""
    try:
        entries = json.loads(text)
        keys = [RsaKeyPair(str(e["label"]), int(e["modulus"]), bool(e["usage_keys"]), bool(e["exportable"]))
                for e in entries]
    except (ValueError, KeyError, TypeError):
        return {}
    return {k.label: k for k in keys}
