"""ipsec_facts on a live IKEv2 static VTI (smart defaults only): the ikev2_sa, ikev2_session and
tunnel_interfaces subsets equal what the router prints at that moment, read by Genie's IOS XE parser."""

from __future__ import annotations

import time
from typing import Any, ClassVar

import pytest

from .labrun import Lab, dump_facts_play, load, start_two_site

show_crypto = pytest.importorskip("genie.libs.parser.iosxe.show_crypto", reason="genie parsers not installed")

WAN = {"RouterA": "209.165.200.228", "RouterB": "209.165.200.226"}
TUNNEL = {"RouterA": "172.16.9.1", "RouterB": "172.16.9.2"}


class ParserDevice:
    name = "refrouter"
    os = "iosxe"
    custom: ClassVar[dict[str, Any]] = {}


def vti_lines(router: str) -> list[str]:
    peer = WAN["RouterB" if router == "RouterA" else "RouterA"]
    return [
        "crypto ikev2 keyring KR", " peer OTHER", f"  address {peer}", "  pre-shared-key Ikev2-Facts-Key",
        "crypto ikev2 profile default", f" match identity remote address {peer} 255.255.255.255",
        " authentication remote pre-share", " authentication local pre-share", " keyring local KR",
        "interface Tunnel9", f" ip address {TUNNEL[router]} 255.255.255.252", " tunnel source GigabitEthernet1",
        " tunnel mode ipsec ipv4", f" tunnel destination {peer}", " tunnel protection ipsec profile default",
    ]


def wait_ready(lab: Lab, router: str) -> None:
    for _attempt in range(60):  # bounded: the VTI negotiates as soon as it is configured
        if "READY" in lab.show(router, "show crypto ikev2 sa")["show crypto ikev2 sa"]:
            return
        time.sleep(0.5)
    raise AssertionError(f"{router}: no READY IKEv2 SA within 30 s")


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Any:
    tmp = tmp_path_factory.mktemp("ikev2facts")
    lab = start_two_site(tmp)
    try:
        for router in WAN:
            conn = lab.ssh(router)
            try:
                conn.send_config_set(vti_lines(router))
            finally:
                conn.disconnect()
        wait_ready(lab, "RouterA")
        dest = tmp / "facts.json"
        subsets = ["ikev2_sa", "ikev2_session", "tunnel_interfaces"]
        play = {
            "hosts": "RouterA",
            "gather_facts": False,
            "tasks": [{"ipsecux.iosxe.ipsec_facts": {"gather_subset": subsets}, "register": "gathered"}],
        }
        run = lab.playbook(tmp, [play, dump_facts_play(["RouterA"], dest, ["gathered"])])
        assert run.returncode == 0, run.stdout[-3000:]
        printed = lab.show("RouterA", "show crypto ikev2 sa", "show crypto ikev2 session detail",
                           "show interfaces Tunnel9")
        yield {"facts": load(dest)["RouterA"]["gathered"]["ansible_facts"]["ipsec"], "printed": printed,
               "stdout": run.stdout}
    finally:
        lab.refrouter("down")


def test_ikev2_sa_equals_the_routers_output_read_by_genie(live: dict[str, Any]) -> None:
    parsed = show_crypto.ShowCryptoIkev2Sa(device=ParserDevice()).parse(output=live["printed"]["show crypto ikev2 sa"])
    [(tunnel_id, theirs)] = parsed["ipv4"].items()
    [ours] = live["facts"]["ikev2_sa"]
    assert ours["tunnel_id"] == int(tunnel_id)
    assert (ours["local"], ours["local_port"], ours["remote"], ours["remote_port"]) == (
        theirs["local_ip"], theirs["local_port"], theirs["remote_ip"], theirs["remote_port"])
    assert (ours["status"], ours["encryption"], ours["keysize"], ours["prf"], ours["hash"], ours["dh_group"]) == (
        "READY", theirs["encryption"], theirs["keysize"], theirs["prf"], theirs["hash"], theirs["dh_group"])
    assert (ours["auth_sign"], ours["auth_verify"], ours["lifetime"]) == (
        theirs["auth_sign"], theirs["auth_verify"], theirs["life_time"])
    assert (ours["local"], ours["remote"]) == (WAN["RouterA"], WAN["RouterB"])
    assert "Ikev2-Facts-Key" not in live["stdout"]


def test_ikev2_session_and_tunnel_state(live: dict[str, Any]) -> None:
    [session] = live["facts"]["ikev2_session"]
    assert session["status"] == "UP-ACTIVE"
    assert (session["ike_count"], session["child_count"]) == (1, 1)
    [tunnel] = [t for t in live["facts"]["tunnel_interfaces"] if t["name"] == "Tunnel9"]
    assert (tunnel["status"], tunnel["line_protocol"]) == ("up", "up")
    assert (tunnel["destination"], tunnel["protection_profile"]) == (WAN["RouterB"], "default")
    assert tunnel["address"] == "172.16.9.1/30"
    assert live["printed"]["show interfaces Tunnel9"].startswith("Tunnel9 is up, line protocol is up")
