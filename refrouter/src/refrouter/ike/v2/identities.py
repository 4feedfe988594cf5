"""IKE identities as ID payloads (RFC 7296 §3.5) and back."""

from __future__ import annotations

import ipaddress

from refrouter.ike.v2.config import Identity
from refrouter.ike.v2.constants import IdType
from refrouter.ike.v2.payloads import IdPayload

_TYPES = {"fqdn": IdType.FQDN, "email": IdType.RFC822_ADDR, "key-id": IdType.KEY_ID}


def to_payload(kind: int, identity: Identity) -> IdPayload:
    if identity.kind == "address":
        return IdPayload(kind, IdType.IPV4_ADDR, ipaddress.IPv4Address(identity.value).packed)
    return IdPayload(kind, _TYPES[identity.kind], identity.value.encode())


def from_payload(payload: IdPayload) -> Identity | None:
    if payload.id_type == IdType.IPV4_ADDR and len(payload.data) == 4:
        return Identity("address", payload.text())
    kind = next((name for name, code in _TYPES.items() if code == payload.id_type), None)
    return None if kind is None else Identity(kind, payload.text())
