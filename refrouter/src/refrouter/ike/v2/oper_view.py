"""The engine's IKE SAs written into the oper state (`state/oper/ikev2.py`) with IOS algorithm spellings."""

from __future__ import annotations

from refrouter.ike.v2.algorithms import CIPHERS
from refrouter.ike.v2.payloads import TrafficSelector
from refrouter.ike.v2.sa import ChildSa, IkeSa, IkeState
from refrouter.state.oper.ikev2 import IN_NEG, READY, Ikev2ChildSa, Ikev2Sa, Ikev2Selector

HASHES = {"md5": "MD596", "sha1": "SHA96", "sha256": "SHA256", "sha384": "SHA384", "sha512": "SHA512"}
PRFS = {"md5": "MD5", "sha1": "SHA1", "sha256": "SHA256", "sha384": "SHA384", "sha512": "SHA512"}


def cipher_name(encryption: str) -> tuple[str, int]:
    """`aes-cbc-256` -> ("AES-CBC", 256)."""
    family, _, bits = encryption.rpartition("-")
    return family.upper(), CIPHERS[encryption].key_bits if encryption in CIPHERS else int(bits)


def _selectors(selectors: tuple[TrafficSelector, ...]) -> tuple[Ikev2Selector, ...]:
    return tuple(Ikev2Selector(s.start, s.end, s.protocol, s.start_port, s.end_port) for s in selectors)


def child_view(kid: ChildSa) -> Ikev2ChildSa:
    encryption, key_size = cipher_name(kid.transform.encryption)
    return Ikev2ChildSa(int.from_bytes(kid.spi_in, "big"), int.from_bytes(kid.spi_out, "big"), encryption,
                        key_size, HASHES[kid.transform.integrity] if kid.transform.integrity else "None",
                        _selectors(kid.local_ts), _selectors(kid.remote_ts), kid.created, kid.lifetime)


def update(record: Ikev2Sa, sa: IkeSa, now: float) -> bool:
    """Refresh `record` from the engine's SA; True when it has just become READY."""
    became_ready = sa.state is IkeState.READY and record.status != READY
    record.status = READY if sa.state is IkeState.READY else IN_NEG
    if became_ready:
        record.established = now
    if sa.suite is not None:
        record.encryption, record.key_size = cipher_name(sa.suite.encryption)
        record.prf = PRFS.get(sa.suite.prf or "", "Unknown")
        record.hash = HASHES[sa.suite.integrity] if sa.suite.integrity else "None"
        record.dh_group = sa.suite.group or 0
    remote_spi = sa.spi_r if sa.original_initiator else sa.spi_i
    record.local_spi, record.remote_spi = sa.local_spi.hex().upper(), remote_spi.hex().upper()
    profile = sa.profile
    record.profile = profile.name if profile else None
    record.local_id = profile.local_identity.value if profile and profile.local_identity else sa.local
    record.remote_id = sa.remote_identity.value if sa.remote_identity else ""
    record.lifetime = sa.lifetime
    record.local_port, record.remote_port, record.nat_t = sa.local_port, sa.peer_port, sa.nat
    record.dpd = (int(profile.dpd.interval), int(profile.dpd.retry)) if profile and profile.dpd else None
    record.local_next_id, record.remote_next_id = sa.next_request_id, sa.peer_next_id
    record.children = [child_view(kid) for kid in sa.live_children] if sa.state is IkeState.READY else []
    return became_ready
