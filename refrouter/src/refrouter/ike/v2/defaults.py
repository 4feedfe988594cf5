"""IOS IKEv2 smart defaults: the default proposal and policy, and the default IPsec transform.

Sources (public `show crypto ikev2 proposal` outputs; no capture of our own):
- 16.x+ IOS XE (CSR1000v/vEdge lab write-up): AES-CBC-256; integrity and PRF SHA512 SHA384; DH groups
  19, 14, 21, 5 in that order.
- 15.x IOS (FlexVPN study notes): AES-CBC-256/192/128; integrity SHA512 SHA384 SHA256 SHA96 MD596; PRF
  SHA512 SHA384 SHA256 SHA1 MD5; DH groups 5, 2.
- `Transform set default: { esp-aes esp-sha-hmac }` (same 16.x write-up).
"""

from __future__ import annotations

from refrouter.ike.v2.config import EspTransform, Ikev2Policy, Ikev2Proposal

DEFAULT_NAME = "default"

MODERN_DEFAULT_PROPOSAL = Ikev2Proposal(
    DEFAULT_NAME, ("aes-cbc-256",), ("sha512", "sha384"), (19, 14, 21, 5))
LEGACY_DEFAULT_PROPOSAL = Ikev2Proposal(
    DEFAULT_NAME, ("aes-cbc-256", "aes-cbc-192", "aes-cbc-128"), ("sha512", "sha384", "sha256", "sha1", "md5"),
    (5, 2))
DEFAULT_POLICY = Ikev2Policy(DEFAULT_NAME, (DEFAULT_NAME,), (), "any")
DEFAULT_ESP_TRANSFORM = EspTransform(DEFAULT_NAME, "aes-cbc-128", "sha1")


def default_proposal(modern: bool) -> Ikev2Proposal:
    return MODERN_DEFAULT_PROPOSAL if modern else LEGACY_DEFAULT_PROPOSAL
