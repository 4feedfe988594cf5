"""IKEv2 between two routers on the wire: a capture of a static VTI's life (IKE_SA_INIT, IKE_AUTH, ESP, the
INFORMATIONAL delete of `clear crypto session`) that tshark decodes without a malformed packet or an expert
error, decrypts with the routers' SK_e/SK_a (ikev2_decryption_table) and whose ESP it decrypts to the pings."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from refrouter.dataplane.ipsec import IpsecService
from refrouter.dataplane.pcap import PcapWriter
from refrouter.ike.v2.sa import IkeSa
from refrouter.state.router import Router

from .harness import lab_copy, run, running_lab
from .test_ikev2_vti import pair, vti_up
from .test_route_based import until
from .tshark import TSHARK, esp_keys, problems, tshark_verbose

pytestmark = pytest.mark.skipif(TSHARK is None, reason="tshark is not installed (apt-get install tshark)")

WIRESHARK_NAMES = {  # Wireshark's ikev2_decryption_table spellings
    "aes-cbc-256": "AES-CBC-256 [RFC3602]",
    "aes-gcm-256": "AES-GCM-256 with 16 octet ICV [RFC5282]",
    "sha512": "HMAC_SHA2_512_256 [RFC4868]",
    None: "NONE [RFC4306]",
}


def decryption_row(sa: IkeSa) -> str:
    assert sa.keys is not None and sa.suite is not None
    keys = sa.keys
    # byte fields are bare hex in a UAT file, names are quoted strings
    fields = [sa.spi_i.hex(), sa.spi_r.hex(), keys.initiator.encryption_key.hex(),
              keys.responder.encryption_key.hex(), f'"{WIRESHARK_NAMES[sa.suite.encryption]}"',
              keys.initiator.integrity_key.hex(), keys.responder.integrity_key.hex(),
              f'"{WIRESHARK_NAMES[sa.suite.integrity]}"']
    return ",".join(fields)


def ike_rows(router: Router) -> list[str]:
    crypto = router.dataplane.crypto  # type: ignore[attr-defined]
    assert isinstance(crypto, IpsecService)
    return [decryption_row(sa) for sa in crypto.ikev2.engine.sas.values() if sa.keys is not None]


def _capture(tmp_path: Path, nge: bool, pcap: Path) -> dict[str, Any]:
    path = lab_copy(pair(nge, ("wire-psk", "wire-psk"), ("wire-psk", "wire-psk")), tmp_path)

    async def scenario() -> dict[str, Any]:
        async with running_lab(path, tmp_path) as lab:
            r1, r2 = lab.routers["R1"].router, lab.routers["R2"].router
            writer = PcapWriter(pcap)
            r1.dataplane.ports["GigabitEthernet1"].taps.append(writer.write)  # type: ignore[attr-defined]
            for router in (r1, r2):
                await run(router, "clear crypto session")  # negotiate again while the capture runs
            await until(lambda: vti_up(r1) and vti_up(r2), "both IKEv2 VTIs up")
            ping = await run(r1, "ping 10.2.0.1 source Loopback0 repeat 4 timeout 2")
            keys = {"esp": esp_keys(r1), "ike": ike_rows(r1)}
            await run(r1, "clear crypto session")
            await asyncio.sleep(0.3)
            writer.close()
            return {"ping": ping, **keys}

    return asyncio.run(scenario())


@pytest.mark.parametrize("nge", [False, True], ids=["smart-defaults-cbc", "nge-gcm"])
def test_ikev2_vti_capture_is_wireshark_clean_and_decrypts(nge: bool, tmp_path: Path) -> None:
    pcap = tmp_path / "ikev2.pcap"
    result = _capture(tmp_path, nge, pcap)
    assert "Success rate is 100 percent (4/4)" in result["ping"], result["ping"]
    assert result["ike"], "no IKEv2 SA with keys on R1"
    profile = tmp_path / "wireshark"
    profile.mkdir(parents=True, exist_ok=True)
    (profile / "ikev2_decryption_table").write_text("".join(row + "\n" for row in result["ike"]))
    text = tshark_verbose(pcap, result["esp"], tmp_path)
    assert problems(text) == []
    for exchange in ("IKE_SA_INIT (34)", "IKE_AUTH (35)", "INFORMATIONAL (37)"):
        assert f"Exchange type: {exchange}" in text, exchange
    # IKE_AUTH and INFORMATIONAL decrypted: their inner payloads are dissected
    for payload in ("Identification - Initiator", "Authentication", "Traffic Selector - Responder", "Delete"):
        assert f"Payload: {payload}" in text, payload
    assert text.count("Echo (ping) request") >= 4 and text.count("Echo (ping) reply") >= 4  # ESP decrypted
