"""The IOS XE 17.11+ weak-crypto gate (FN72510 / CSCwc72588), as data.

From 17.11.1, unless `crypto engine compliance shield disable` is configured, IOS XE no longer negotiates
DES/3DES/MD5/DH 1, 2, 5 in ISAKMP policies, the weak transforms below in transform sets, or PFS groups
1, 2, 5. The router models this by leaving such policies, transform sets and PFS groups out of what it
offers and accepts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..state.config.model import IsakmpPolicy, TransformSet

GATE_FROM_VERSION = (17, 11)
WEAK_ISAKMP_ENCRYPTION = frozenset({"des", "3des"})
WEAK_ISAKMP_HASH = frozenset({"md5"})
WEAK_DH_GROUPS = frozenset({1, 2, 5})
WEAK_TRANSFORMS = frozenset({"esp-des", "esp-3des", "esp-md5-hmac", "esp-null", "esp-gmac", "ah-md5-hmac"})


def version_tuple(version: str) -> tuple[int, int] | None:
    """(17, 11) for "17.11.1a"; None when the text has no major.minor."""
    match = re.match(r"(\d+)\.(\d+)", version.strip())
    return (int(match.group(1)), int(match.group(2))) if match else None


@dataclass(frozen=True)
class CryptoGate:
    active: bool

    def policy_weakness(self, policy: IsakmpPolicy) -> str | None:
        """The first weak algorithm of a policy (e.g. "group 5"), None when allowed."""
        if not self.active:
            return None
        if policy.encryption in WEAK_ISAKMP_ENCRYPTION:
            return f"encryption {policy.encryption}"
        if policy.hash in WEAK_ISAKMP_HASH:
            return f"hash {policy.hash}"
        if policy.group in WEAK_DH_GROUPS:
            return f"group {policy.group}"
        return None

    def transform_set_weakness(self, transform_set: TransformSet) -> str | None:
        if not self.active:
            return None
        return next((t for t in transform_set.transforms if t in WEAK_TRANSFORMS), None)

    def pfs_weakness(self, group: int | None) -> str | None:
        return f"pfs group{group}" if self.active and group in WEAK_DH_GROUPS else None


def crypto_gate(version: str, compliance_shield: bool) -> CryptoGate:
    parsed = version_tuple(version)
    return CryptoGate(bool(compliance_shield and parsed is not None and parsed >= GATE_FROM_VERSION))
