"""IKEv2 on tunnel interfaces: a static VTI pair on the smart defaults alone (keyring, `crypto ikev2 profile
default`, `tunnel protection ipsec profile default`), the same with an explicit NGE proposal and asymmetric
keys, and a dynamic-VTI hub whose IKEv2 profile names `virtual-template 1`."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from refrouter.state.router import Router

from .harness import lab_copy, run, running_lab
from .test_route_based import brief_row, until

NGE = ["crypto ikev2 proposal NGE", " encryption aes-gcm-256", " prf sha384", " group 20",
       "crypto ikev2 policy NGE", " proposal NGE"]
NGE_IPSEC = ["crypto ipsec transform-set GCM esp-gcm 256", " mode tunnel",
             "crypto ipsec profile VTI", " set transform-set GCM", " set ikev2-profile IKEV2"]


def keyring(peer: str, local_key: str, remote_key: str) -> list[str]:
    return ["crypto ikev2 keyring KR", " peer PEER", f"  address {peer}",
            f"  pre-shared-key local {local_key}", f"  pre-shared-key remote {remote_key}"]


def router(me: int, nge: bool, keys: tuple[str, str]) -> str:
    peer = f"192.0.2.{3 - me}"
    profile = "IKEV2" if nge else "default"
    lines = [
        f"hostname R{me}",
        "interface Loopback0", f" ip address 10.{me}.0.1 255.255.255.0",
        "interface GigabitEthernet1", f" ip address 192.0.2.{me} 255.255.255.0", " no shutdown",
        *keyring(peer, *keys),
        *(NGE if nge else []),
        f"crypto ikev2 profile {profile}", f" match identity remote address {peer} 255.255.255.255",
        " authentication remote pre-share", " authentication local pre-share", " keyring local KR",
        *(NGE_IPSEC if nge else []),
        "interface Tunnel0", f" ip address 172.16.0.{me} 255.255.255.252", " tunnel source GigabitEthernet1",
        " tunnel mode ipsec ipv4", f" tunnel destination {peer}",
        f" tunnel protection ipsec profile {'VTI' if nge else 'default'}",
        f"ip route 10.{3 - me}.0.0 255.255.255.0 Tunnel0",
    ]
    return "\n".join(lines) + "\n"


def pair(nge: bool, keys_1: tuple[str, str], keys_2: tuple[str, str]) -> dict[str, Any]:
    return {
        "routers": {"R1": {"ssh_port": 1, "startup_config": router(1, nge, keys_1)},
                    "R2": {"ssh_port": 2, "startup_config": router(2, nge, keys_2)}},
        "links": [{"a": "R1:GigabitEthernet1", "b": "R2:GigabitEthernet1"}],
    }


def vti_up(router: Router, name: str = "Tunnel0") -> bool:
    return any(t.interface == name and t.ike_version == 2 for t in router.oper.ipsec_tunnel_list())


def _bring_up(tmp_path: Path, lab: dict[str, Any]) -> dict[str, str]:
    path = lab_copy(lab, tmp_path)

    async def scenario() -> dict[str, str]:
        async with running_lab(path, tmp_path) as runtime:
            r1, r2 = runtime.routers["R1"].router, runtime.routers["R2"].router
            await until(lambda: vti_up(r1) and vti_up(r2), "both IKEv2 VTIs up")
            return {
                "ping": await run(r1, "ping 10.2.0.1 source Loopback0 repeat 5 timeout 2"),
                "brief": await run(r1, "show ip interface brief"),
                "ikev2": await run(r1, "show crypto ikev2 sa"),
                "session": await run(r2, "show crypto session interface Tunnel0 detail"),
                "sa": await run(r1, "show crypto ipsec sa interface Tunnel0"),
            }

    return asyncio.run(scenario())


def test_static_vti_on_the_smart_defaults_alone(tmp_path: Path) -> None:
    out = _bring_up(tmp_path, pair(False, ("v2-psk", "v2-psk"), ("v2-psk", "v2-psk")))
    assert "Success rate is 100 percent (5/5)" in out["ping"], out["ping"]
    assert brief_row(out["brief"], "Tunnel0")[4:] == ["up", "up"]
    # the smart default proposal: AES-CBC-256, SHA512 PRF/integrity, group 19 (first of its groups)
    assert "Encr: AES-CBC, keysize: 256, PRF: SHA512, Hash: SHA512, DH Grp:19" in out["ikev2"], out["ikev2"]
    assert "READY" in out["ikev2"]
    assert "Profile: default" in out["session"] and "Session status: UP-ACTIVE" in out["session"], out["session"]
    assert out["sa"].startswith("interface: Tunnel0\n    Crypto map tag: Tunnel0-head-0, local addr 192.0.2.1\n")
    assert "   remote ident (addr/mask/prot/port): (0.0.0.0/0.0.0.0/0/0)\n" in out["sa"]


def test_static_vti_with_nge_proposal_and_asymmetric_keys(tmp_path: Path) -> None:
    out = _bring_up(tmp_path, pair(True, ("r1-sends", "r2-sends"), ("r2-sends", "r1-sends")))
    assert "Success rate is 100 percent (5/5)" in out["ping"], out["ping"]
    assert "Encr: AES-GCM, keysize: 256, PRF: SHA384, Hash: None, DH Grp:20" in out["ikev2"], out["ikev2"]
    assert "Profile: IKEV2" in out["session"]
    assert out["sa"].count("transform: esp-256-gcm ,") == 2, out["sa"]  # inbound and outbound ESP SA


HUB = "192.0.2.100"
SPOKES = 3


def dvti_hub() -> str:
    lines = ["hostname Hub", "interface Loopback0", " ip address 10.0.0.1 255.255.255.0",
             "interface GigabitEthernet1", f" ip address {HUB} 255.255.255.0", " no shutdown",
             "crypto ikev2 keyring KR", " peer SPOKES", "  address 0.0.0.0 0.0.0.0", "  pre-shared-key dvti-v2",
             "crypto ikev2 profile DVTI", " match identity remote address 192.0.2.0 255.255.255.0",
             " authentication remote pre-share", " authentication local pre-share", " keyring local KR",
             " virtual-template 1",
             "crypto ipsec profile VTI", " set ikev2-profile DVTI",
             "interface Virtual-Template1 type tunnel", " ip unnumbered Loopback0", " tunnel source GigabitEthernet1",
             " tunnel mode ipsec ipv4", " tunnel protection ipsec profile VTI"]
    return "\n".join(lines) + "\n"


def dvti_spoke(index: int) -> str:
    lines = [f"hostname Spoke{index}", "interface Loopback0", f" ip address 10.{index}.0.1 255.255.255.0",
             "interface GigabitEthernet1", f" ip address 192.0.2.{index} 255.255.255.0", " no shutdown",
             *keyring(HUB, "dvti-v2", "dvti-v2"),
             "crypto ikev2 profile default", f" match identity remote address {HUB} 255.255.255.255",
             " authentication remote pre-share", " authentication local pre-share", " keyring local KR",
             "interface Tunnel0", " ip unnumbered Loopback0", " tunnel source GigabitEthernet1",
             " tunnel mode ipsec ipv4", f" tunnel destination {HUB}", " tunnel protection ipsec profile default",
             "ip route 10.0.0.0 255.255.255.0 Tunnel0"]
    return "\n".join(lines) + "\n"


def dvti_lab(spokes: int) -> dict[str, Any]:
    routers: dict[str, Any] = {"Hub": {"ssh_port": 1, "startup_config": dvti_hub()}}
    links = []
    for index in range(1, spokes + 1):
        routers[f"Spoke{index}"] = {"ssh_port": 1 + index, "startup_config": dvti_spoke(index)}
        links.append({"a": "Hub:GigabitEthernet1", "b": f"Spoke{index}:GigabitEthernet1"})
    return {"routers": routers, "links": links}


def test_dynamic_vti_hub_clones_a_virtual_access_per_ikev2_spoke(tmp_path: Path) -> None:
    path = lab_copy(dvti_lab(SPOKES), tmp_path)

    async def scenario() -> dict[str, Any]:
        async with running_lab(path, tmp_path) as runtime:
            hub = runtime.routers["Hub"].router
            spokes = [runtime.routers[f"Spoke{i}"].router for i in range(1, SPOKES + 1)]
            names = [f"Virtual-Access{i}" for i in range(1, SPOKES + 1)]
            await until(lambda: all(vti_up(s) for s in spokes) and all(vti_up(hub, n) for n in names),
                        "every spoke's VTI and its Virtual-Access on the hub")
            return {
                "peers": {t.interface: t.remote for t in hub.oper.ipsec_tunnel_list()},
                "brief": await run(hub, "show ip interface brief"),
                "ikev2": await run(hub, "show crypto ikev2 sa"),
                "session": await run(hub, "show crypto session"),
                "ping": await run(spokes[0], "ping 10.0.0.1 source Loopback0 repeat 3 timeout 1"),
                "hub sa": await run(hub, "show crypto ipsec sa peer 192.0.2.1"),
            }

    out = asyncio.run(scenario())
    assert sorted(out["peers"]) == [f"Virtual-Access{i}" for i in range(1, SPOKES + 1)]
    assert sorted(out["peers"].values()) == [f"192.0.2.{i}" for i in range(1, SPOKES + 1)]
    for index in range(1, SPOKES + 1):
        assert brief_row(out["brief"], f"Virtual-Access{index}")[4:] == ["up", "up"]
    assert out["ikev2"].count("READY") == SPOKES, out["ikev2"]
    assert out["session"].count("Session status: UP-ACTIVE") == SPOKES, out["session"]
    # the spoke's echo requests arrive decrypted on its Virtual-Access; the hub has no route back to 10.1.0.0/24
    # (no routing protocol in the lab), so the replies go nowhere
    assert "Success rate is 0 percent (0/3)" in out["ping"], out["ping"]
    assert out["hub sa"].startswith("interface: Virtual-Access"), out["hub sa"]
    assert "    #pkts decaps: 3, #pkts decrypt: 3, #pkts verify: 3\n" in out["hub sa"], out["hub sa"]


def test_fifty_ikev2_spokes_come_up_on_one_dynamic_vti_hub(tmp_path: Path) -> None:
    spokes = 50
    path = lab_copy(dvti_lab(spokes), tmp_path)

    async def scenario() -> dict[str, Any]:
        async with running_lab(path, tmp_path) as runtime:
            hub = runtime.routers["Hub"].router
            every = [runtime.routers[f"Spoke{i}"].router for i in range(1, spokes + 1)]
            await until(lambda: all(vti_up(s) for s in every) and len(hub.oper.ipsec_tunnel_list()) >= spokes,
                        "50 spokes up", seconds=120)
            return {
                "peers": sorted(t.remote for t in hub.oper.ipsec_tunnel_list()),
                "accesses": sorted(t.interface or "" for t in hub.oper.ipsec_tunnel_list()),
                "ikev2": await run(hub, "show crypto ikev2 sa"),
            }

    out = asyncio.run(scenario())
    assert out["peers"] == sorted(f"192.0.2.{i}" for i in range(1, spokes + 1))  # one tunnel per spoke
    assert out["accesses"] == sorted(f"Virtual-Access{i}" for i in range(1, spokes + 1))
    assert out["ikev2"].count("READY") == spokes


def test_child_rekeys_under_a_ping_stream_lose_nothing(tmp_path: Path) -> None:
    """time_scale 60 and a 120 s IPsec lifetime: the VTI's child SA is replaced every 2 real seconds while pings
    run every 0.1 s; every ping is answered and the SPI changes."""
    lab = pair(True, ("r1-sends", "r2-sends"), ("r2-sends", "r1-sends"))
    lab["time_scale"] = 60
    for spec in lab["routers"].values():
        spec["startup_config"] = spec["startup_config"].replace(
            " set ikev2-profile IKEV2\n", " set ikev2-profile IKEV2\n set security-association lifetime seconds 120\n")
    path = lab_copy(lab, tmp_path)

    async def scenario() -> dict[str, Any]:
        async with running_lab(path, tmp_path) as runtime:
            r1, r2 = runtime.routers["R1"].router, runtime.routers["R2"].router
            await until(lambda: vti_up(r1) and vti_up(r2), "both IKEv2 VTIs up")
            spis = {t.outbound_spi for t in r1.oper.ipsec_tunnel_list()}
            replies = []
            for _ in range(50):  # 5 real seconds: at least two rekeys
                replies.append(await run(r1, "ping 10.2.0.1 source Loopback0 repeat 1 timeout 1"))
                spis |= {t.outbound_spi for t in r1.oper.ipsec_tunnel_list()}
                await asyncio.sleep(0.1)
            return {"replies": replies, "spis": spis}

    out = asyncio.run(scenario())
    lost = [reply for reply in out["replies"] if "Success rate is 100 percent (1/1)" not in reply]
    assert lost == [], lost[:2]
    assert len(out["spis"]) >= 3, out["spis"]  # the first SA and at least two rekeys
