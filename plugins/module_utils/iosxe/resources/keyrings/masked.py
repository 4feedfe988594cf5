# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The keyrings Resource: its secrets sit one level down (keyring -> keys -> key), so masking and the list
of secrets to scrub look there."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.mask import MASK
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.keyrings.spec import (
    KeyringFact,
    peer_of,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.resource import (
    MASK_CHANGED,
    ResourceOf,
)


@dataclass(frozen=True)
class KeyringsResource(ResourceOf[list[KeyringFact]]):
    def mask(self, facts: Any, compared_to: Any = None) -> Any:
        """Every key replaced by MASK, or by MASK_CHANGED where the same peer of the same keyring in
        `compared_to` has another key."""
        if not isinstance(facts, list):
            return copy.deepcopy(facts)
        previous = {
            (keyring["name"], peer_of(key)): (key.get("key"), key.get("key_type"))
            for keyring in compared_to or []
            for key in keyring.get("keys") or []
        }
        masked = []
        for keyring in facts:
            item = copy.deepcopy(keyring)
            for key in item.get("keys") or []:
                before = previous.get((item["name"], peer_of(key)))
                changed = before is not None and before != (key.get("key"), key.get("key_type"))
                if key.get("key"):
                    key["key"] = MASK_CHANGED if changed else MASK
            masked.append(item)
        return masked

    def secrets(self, facts: Any) -> list[str]:
        if not isinstance(facts, list):
            return []
        return [key["key"] for keyring in facts for key in keyring.get("keys") or [] if key.get("key")]
