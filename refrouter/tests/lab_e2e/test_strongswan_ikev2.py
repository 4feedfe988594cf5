"""refrouter <-> strongSwan over IKEv2 (charon with kernel-libipsec in a network namespace): PSK, NGE suites,
initiated from each side, the router as a crypto map with `set ikev2-profile` and as a static VTI; charon's
`encap = yes` fakes a NAT, so IKE moves to UDP 4500 from IKE_AUTH on and ESP travels in UDP (RFC 3948)."""

from __future__ import annotations

import asyncio
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from refrouter.dataplane.pcap import PcapWriter

from .harness import configure, lab_copy, run, running_lab
from .swan import AVAILABLE, Charon, SwanPeer
from .test_netns_link import in_netns
from .test_strongswan import spis, swan_lab
from .test_wire_tshark_ikev2 import ike_rows
from .tshark import TSHARK, esp_keys, problems, tshark_verbose

pytestmark = pytest.mark.skipif(not AVAILABLE, reason="needs root, iproute2 and strongSwan "
                                "(strongswan-charon strongswan-swanctl libcharon-extra-plugins)")

SWAN_INSIDE = "172.16.9.2"  # strongSwan's address behind a VTI (on the namespace's loopback)
UNUSED_PEER = "198.51.100.99"  # nobody answers there
BASE = """hostname R1
interface Loopback0
 ip address 10.1.0.1 255.255.255.0
interface GigabitEthernet1
 ip address 198.51.100.1 255.255.255.0
 no shutdown
crypto ikev2 proposal NGE
 encryption {encryption}
{integrity} prf {prf}
 group {group}
crypto ikev2 policy NGE
 proposal NGE
crypto ikev2 keyring KR
 peer SWAN
  address 198.51.100.2
  pre-shared-key s3cret
crypto ikev2 profile PROF
 match identity remote address 198.51.100.2 255.255.255.255
 authentication remote pre-share
 authentication local pre-share
 keyring local KR
crypto ipsec transform-set TS {transform}
 mode tunnel
"""
CRYPTO_MAP = """access-list 110 permit ip 10.1.0.0 0.0.0.255 host 198.51.100.2
crypto map CM 10 ipsec-isakmp
 set peer 198.51.100.2
 set transform-set TS
 set ikev2-profile PROF
 match address 110
{extra}interface GigabitEthernet1
 crypto map CM
"""
VTI = """crypto ipsec profile VTI
 set transform-set TS
 set ikev2-profile PROF
{extra}interface Tunnel0
 ip unnumbered Loopback0
 tunnel source GigabitEthernet1
 tunnel mode ipsec ipv4
 tunnel destination {destination}
 tunnel protection ipsec profile VTI
ip route {inside} 255.255.255.255 Tunnel0
"""


@dataclass(frozen=True)
class Suite:
    """The same suite on both ends: the router's proposal and transform set, strongSwan's proposals."""

    encryption: str
    integrity: str | None
    prf: str
    group: int
    transform: str
    swan_ike: str
    swan_esp: str


SUITES = {
    "gcm256-prf384-group20": Suite("aes-gcm-256", None, "sha384", 20, "esp-gcm 256", "aes256gcm16-prfsha384-ecp384",
                                   "aes256gcm16"),
    "cbc256-sha256-group14": Suite("aes-cbc-256", "sha256", "sha256", 14, "esp-aes 256 esp-sha256-hmac",
                                   "aes256-sha256-modp2048", "aes256-sha256"),
    "cbc256-sha256-group19": Suite("aes-cbc-256", "sha256", "sha256", 19, "esp-aes 256 esp-sha256-hmac",
                                   "aes256-sha256-ecp256", "aes256-sha256"),
}


def router_config(suite: Suite, vti: bool, extra: str = "", destination: str = "198.51.100.2") -> str:
    integrity = f" integrity {suite.integrity}\n" if suite.integrity else ""
    base = BASE.format(encryption=suite.encryption, integrity=integrity, prf=suite.prf, group=suite.group,
                       transform=suite.transform)
    if vti:
        return base + VTI.format(extra=extra, destination=destination, inside=SWAN_INSIDE)
    return base + CRYPTO_MAP.format(extra=extra)


def swan_peer(suite: Suite, vti: bool, psk: str = "s3cret") -> SwanPeer:
    """A VTI's flow is any/any, so strongSwan offers 0.0.0.0/0 both ways and routes 10.1.0.0/24 itself."""
    selectors = {"local_ts": "0.0.0.0/0", "remote_ts": "0.0.0.0/0", "install_routes": False} if vti else {}
    return SwanPeer(psk=psk, version=2, proposals=suite.swan_ike, esp_proposals=suite.swan_esp,
                    **selectors)  # type: ignore[arg-type]


@dataclass
class Plan:
    suite: Suite
    initiator: str  # "swan" | "r1"
    vti: bool = False
    psk: str = "s3cret"
    router_extra: str = ""
    rekey: tuple[str, ...] = ()  # strongSwan rekeys "child" / "ike" under a ping stream
    long_ping: bool = False  # a ping stream across the router's own (short) child lifetime
    time_scale: float = 1
    traffic: bool = True  # pings from the namespace after the negotiation
    pcap: Path | None = None  # capture R1's GigabitEthernet1, ending with `clear crypto session`
    result: dict[str, Any] = field(default_factory=dict)


async def swan_ping(netns: str, vti: bool, count: int, interval: str = "0.2") -> str:
    source = ("-I", SWAN_INSIDE) if vti else ()
    return (await in_netns(netns, "ping", *source, "-c", str(count), "-i", interval, "-W", "2", "10.1.0.1"))[1]


async def until_established(charon: Charon, seconds: int = 30) -> str:
    """The router initiates a VTI by itself: wait (bounded) until strongSwan lists the child SA."""
    out = ""
    for _ in range(seconds * 2):
        out = (await charon.swanctl("--list-sas"))[1]
        if "INSTALLED" in out:
            return out
        await asyncio.sleep(0.5)
    return out


def scenario(tmp_path: Path, plan: Plan) -> dict[str, Any]:
    netns = f"rrv{os.getpid()}"
    # a swan-initiated VTI: R1 boots pointing its tunnel nowhere, so its own first negotiation (and the 10 s
    # before it retries) does not race strongSwan's; the tunnel is re-pointed right before strongSwan initiates
    destination = UNUSED_PEER if plan.vti and plan.initiator == "swan" else "198.51.100.2"
    config = router_config(plan.suite, plan.vti, plan.router_extra, destination)
    path = lab_copy(swan_lab(netns, config, plan.time_scale), tmp_path)
    result = plan.result

    async def body() -> None:
        async with running_lab(path, tmp_path) as lab:
            r1 = lab.routers["R1"].router
            writer = PcapWriter(plan.pcap) if plan.pcap is not None else None
            if writer is not None:
                r1.dataplane.ports["GigabitEthernet1"].taps.append(writer.write)  # type: ignore[attr-defined]
            if plan.vti:
                await in_netns(netns, "ip", "addr", "add", f"{SWAN_INSIDE}/32", "dev", "lo")
            else:
                await in_netns(netns, "ip", "route", "add", "10.1.0.0/24", "dev", "ext0")
            charon = Charon(netns, tmp_path / "swan")
            await charon.start(swan_peer(plan.suite, plan.vti, plan.psk))
            try:
                await _negotiate(r1, charon, netns, plan)
                if plan.traffic:
                    await _traffic(r1, charon, netns, plan)
                result["list_sas"] = (await charon.swanctl("--list-sas"))[1]
                result["session"] = await run(r1, "show crypto session")
                result["ipsec_sa"] = await run(r1, "show crypto ipsec sa")
                result["ikev2_sa"] = await run(r1, "show crypto ikev2 sa detail")
                result["logs"] = r1.logs.messages()
                result["failures"] = [(f.outcome, f.role, f.stage) for f in r1.oper.ikev2.failures]
                if writer is not None:
                    result["keys"] = {"esp": esp_keys(r1), "ike": ike_rows(r1)}
                    await run(r1, "clear crypto session")  # the INFORMATIONAL delete, on UDP 4500
                    await asyncio.sleep(0.5)
                    writer.close()
            finally:
                await charon.stop()
            result["swan_log"] = charon.log_text()

    asyncio.run(body())
    return result


async def _negotiate(r1: Any, charon: Charon, netns: str, plan: Plan) -> None:
    result = plan.result
    if plan.initiator == "swan":
        if plan.vti:
            assert configure(r1, ["interface Tunnel0", " tunnel destination 198.51.100.2"]) == []
        result["initiate"] = (await charon.swanctl("--initiate", "--child", "net", "--timeout", "20"))[1]
    elif plan.vti:
        result["initiate"] = await until_established(charon)
    else:
        result["initiate"] = await run(r1, "ping 198.51.100.2 source Loopback0 repeat 5 timeout 2")
        if "!" not in result["initiate"] and not r1.oper.ikev2.failures:  # the first packet only starts IKE:
            # one more round, unless the negotiation already failed (another round cannot bring it up)
            result["initiate"] = await run(r1, "ping 198.51.100.2 source Loopback0 repeat 5 timeout 2")
    if plan.vti:  # charon installs no routes here: send R1's LAN into the tunnel device
        await in_netns(netns, "ip", "route", "replace", "10.1.0.0/24", "dev", "ipsec0", "src", SWAN_INSIDE)


async def _traffic(r1: Any, charon: Charon, netns: str, plan: Plan) -> None:
    result = plan.result
    result["ping"] = await swan_ping(netns, plan.vti, 4)
    for what in plan.rekey:  # a ping stream runs while strongSwan rekeys the CHILD_SA or the IKE_SA
        result[f"before_{what}"] = (await charon.swanctl("--list-sas"))[1]
        stream = asyncio.ensure_future(swan_ping(netns, plan.vti, 15))
        await asyncio.sleep(0.6)
        result[f"rekey_{what}"] = (await charon.swanctl("--rekey", f"--{what}", "net" if what == "child"
                                                         else "r1"))[1]
        result[f"ping_{what}"] = await stream
    if plan.long_ping:  # 6 real seconds of traffic across the router's child lifetime
        result["before_long"] = await run(r1, "show crypto ipsec sa")
        result["long_ping"] = await swan_ping(netns, plan.vti, 30)


def assert_tunnel_up(result: dict[str, Any]) -> None:
    assert "UP-ACTIVE" in result["session"], result["session"]
    assert " port 4500\n" in result["session"], result["session"]  # NAT-T floated the peer to 4500
    assert "ESTABLISHED, IKEv2" in result["list_sas"], result["list_sas"]
    assert "INSTALLED, TUNNEL-in-UDP" in result["list_sas"], result["list_sas"]
    installed = re.search(r"INSTALLED, TUNNEL-in-UDP[^\n]*\n[^\n]*\n\s+in\s+([0-9a-f]{8})[^\n]*\n\s+out\s+"
                          r"([0-9a-f]{8})", result["list_sas"])
    assert installed, result["list_sas"]
    assert spis(result["ipsec_sa"], "inbound") == [int(installed.group(2), 16)]
    assert spis(result["ipsec_sa"], "outbound") == [int(installed.group(1), 16)]
    assert "current_peer 198.51.100.2 port 4500" in result["ipsec_sa"]
    assert "in use settings ={Tunnel UDP-Encaps, }" in result["ipsec_sa"]
    assert re.search(r"198\.51\.100\.1/4500\s+198\.51\.100\.2/4500\s+none/none\s+READY", result["ikev2_sa"]), \
        result["ikev2_sa"]
    assert "NAT-T is detected outside" in result["ikev2_sa"]


@pytest.mark.parametrize("vti", [False, True], ids=["crypto-map", "vti"])
@pytest.mark.parametrize("initiator", ["swan", "r1"])
@pytest.mark.parametrize("suite", list(SUITES))
def test_ikev2_suites_interoperate(suite: str, initiator: str, vti: bool, tmp_path: Path) -> None:
    result = scenario(tmp_path, Plan(SUITES[suite], initiator, vti))
    if initiator == "swan":
        assert "CHILD_SA net{1} established" in result["initiate"], (result["initiate"], result["logs"])
    else:
        assert "INSTALLED" in result["list_sas"], (result["initiate"], result["swan_log"][-3000:])
    assert " 0% packet loss" in result["ping"], (result["ping"], result["swan_log"][-3000:])
    assert_tunnel_up(result)


GCM = SUITES["gcm256-prf384-group20"]
AUTH_FAILED = "%IKEV2-3-NEG_ABORT: Negotiation aborted due to ERROR: Auth exchange failed"


@pytest.mark.parametrize("initiator", ["swan", "r1"])
def test_wrong_psk_is_authentication_failed_on_both_ends(initiator: str, tmp_path: Path) -> None:
    """The side that verifies the wrong AUTH answers AUTHENTICATION_FAILED (on UDP 4500: NAT-T moved IKE_AUTH
    there); R1 logs IOS's NEG_ABORT and records the outcome in the role it had."""
    result = scenario(tmp_path, Plan(GCM, initiator, psk="not-the-key", traffic=False))
    assert AUTH_FAILED in result["logs"], result["logs"]
    role = "responder" if initiator == "swan" else "initiator"
    assert ("AUTHENTICATION_FAILED", role, "ike") in result["failures"], result["failures"]
    assert "UP-ACTIVE" not in result["session"] and "READY" not in result["ikev2_sa"], result["ikev2_sa"]
    assert "ESTABLISHED" not in result["list_sas"], result["list_sas"]
    if initiator == "swan":
        assert "received AUTHENTICATION_FAILED notify error" in result["initiate"], result["initiate"]
    else:
        assert "Success rate is 0 percent" in result["initiate"], result["initiate"]
        assert "but MAC mismatched" in result["swan_log"]
        assert "generating IKE_AUTH response 1 [ N(AUTH_FAILED) ]" in result["swan_log"]


def received(ping: str) -> int:
    found = re.search(r"(\d+) received", ping)
    assert found, ping
    return int(found.group(1))


@pytest.mark.parametrize("vti", [False, True], ids=["crypto-map", "vti"])
def test_strongswan_rekeys_child_and_ike_sa_under_a_ping_stream(vti: bool, tmp_path: Path) -> None:
    result = scenario(tmp_path, Plan(GCM, "swan", vti, rekey=("child", "ike")))
    for what in ("child", "ike"):
        assert "rekey completed successfully" in result[f"rekey_{what}"], result[f"rekey_{what}"]
        assert received(result[f"ping_{what}"]) == 15, (what, result[f"ping_{what}"])
    old = re.search(r"in\s+([0-9a-f]{8})", result["before_child"])
    assert old and int(old.group(1), 16) not in spis(result["ipsec_sa"], "outbound")
    assert re.search(r"parsed CREATE_CHILD_SA response \d+ \[ SA No TSi TSr \]", result["swan_log"])  # child
    assert "IKE_SA r1[2] rekeyed between" in result["swan_log"]  # the IKE SA, answered by R1
    assert_tunnel_up(result)  # exactly one child SA left, the rekeyed one, on both ends


@pytest.mark.parametrize("vti", [False, True], ids=["crypto-map", "vti"])
def test_router_rekeys_its_child_sa_and_traffic_keeps_flowing(vti: bool, tmp_path: Path) -> None:
    """A 120 s child lifetime at time_scale 60 is 2 real seconds: R1, which created the child SA, rekeys it
    with CREATE_CHILD_SA (strongSwan responds) while 6 seconds of pings cross it."""
    extra = " set security-association lifetime seconds 120\n"
    result = scenario(tmp_path, Plan(GCM, "r1", vti, router_extra=extra, long_ping=True, time_scale=60))
    assert received(result["long_ping"]) >= 29, result["long_ping"]
    first = spis(result["before_long"], "inbound")
    assert first and not set(first) & set(spis(result["ipsec_sa"], "inbound")), result["ipsec_sa"]
    assert "received CREATE_CHILD_SA request" in result["swan_log"] or \
        "parsed CREATE_CHILD_SA request" in result["swan_log"], result["swan_log"][-3000:]
    assert_tunnel_up(result)


def test_router_rekeys_its_ike_sa_and_traffic_keeps_flowing(tmp_path: Path) -> None:
    """A 120 s IKE SA lifetime at time_scale 60: R1, the original initiator, rekeys the IKE SA with
    CREATE_CHILD_SA every 2 real seconds; the child SA moves to each new IKE SA and traffic goes on."""
    extra = "crypto ikev2 profile PROF\n lifetime 120\n"
    result = scenario(tmp_path, Plan(GCM, "r1", router_extra=extra, long_ping=True, time_scale=60))
    assert received(result["long_ping"]) >= 29, result["long_ping"]
    assert re.search(r"IKE_SA r1\[\d+\] rekeyed between", result["swan_log"]), result["swan_log"][-3000:]
    assert "ESTABLISHED, IKEv2" in result["list_sas"] and result["list_sas"].count("ESTABLISHED") == 1
    assert_tunnel_up(result)

@pytest.mark.skipif(TSHARK is None, reason="tshark is not installed")
@pytest.mark.parametrize("initiator", ["swan", "r1"])
def test_ikev2_nat_t_capture_is_wireshark_clean_and_decrypts(initiator: str, tmp_path: Path) -> None:
    """IKE_SA_INIT on UDP 500 with NAT detection notifies, then IKE on UDP 4500 behind the non-ESP marker and
    ESP in UDP, as tshark dissects and decrypts them with R1's keys."""
    pcap = tmp_path / "r1.pcap"
    result = scenario(tmp_path, Plan(GCM, initiator, pcap=pcap))
    assert " 0% packet loss" in result["ping"], result["ping"]
    profile = tmp_path / "wireshark"
    profile.mkdir(parents=True, exist_ok=True)
    (profile / "ikev2_decryption_table").write_text("".join(row + "\n" for row in result["keys"]["ike"]))
    text = tshark_verbose(pcap, result["keys"]["esp"], tmp_path)
    assert problems(text) == []
    assert "Notify Message Type: NAT_DETECTION_SOURCE_IP (16388)" in text
    assert "Source Port: 4500" in text and "Non-ESP Marker" in text
    assert "UDP Encapsulation of IPsec Packets" in text
    for exchange in ("IKE_SA_INIT (34)", "IKE_AUTH (35)", "INFORMATIONAL (37)"):
        assert f"Exchange type: {exchange}" in text, exchange
    assert "Payload: Identification - Initiator" in text and "Payload: Delete" in text  # IKE decrypted
    assert text.count("[Good: True]") >= 8  # ESP ICVs verified
    assert "Echo (ping) request" in text and "Echo (ping) reply" in text  # ESP decrypted
