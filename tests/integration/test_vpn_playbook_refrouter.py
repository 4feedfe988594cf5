"""A site-to-site VPN written as a user would write it, against the two-site refrouter lab (issue 16).

`--check --diff` on routers without crypto configuration succeeds (references to objects earlier tasks
create are warnings) and shows whole blocks; the real run brings the tunnel up (PagentA pings PagentB
through it); a second run changes nothing; ipsec_facts over NETCONF returns the live SAs the CLI shows.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from facts.labrun import ANSIBLE_PLAYBOOK, REFROUTER, REPO, Lab, dump_facts_play, load
from refrouter_harness import playbook_env

from refrouter.lab.ports import free_ports

PSK = "Vpn-Psk-4b7e"
SITE = {
    "RouterA": {"peer": "209.165.200.226", "local_host": "209.165.200.227", "remote_host": "209.165.200.225"},
    "RouterB": {"peer": "209.165.200.228", "local_host": "209.165.200.225", "remote_host": "209.165.200.227"},
}
VPN_TASKS = [
    {"name": "IKE policy", "ipsecux.iosxe.isakmp_policies": {"config": [
        {"priority": 10, "encryption": "aes-256", "hash": "sha256", "authentication": "pre-share",
         "group": 14, "lifetime": 3600}]}},
    {"name": "Pre-shared key", "ipsecux.iosxe.isakmp_keys": {"config": [
        {"address": "{{ peer }}", "key": "{{ psk }}"}]}},
    {"name": "Transform set", "ipsecux.iosxe.transform_sets": {"config": [
        {"name": "TS-AES256", "esp_encryption": "esp-aes", "key_size": 256,
         "esp_integrity": "esp-sha256-hmac", "mode": "tunnel"}]}},
    {"name": "Traffic to protect", "ipsecux.iosxe.crypto_acls": {"config": [
        {"name": "VPN-TRAFFIC", "entries": ["permit ip host {{ local_host }} host {{ remote_host }}"]}]}},
    {"name": "Crypto map", "ipsecux.iosxe.crypto_maps": {"config": [
        {"name": "VPN", "entries": [{"seq": 10, "peers": ["{{ peer }}"], "match_address": "VPN-TRAFFIC",
                                     "transform_sets": ["TS-AES256"]}],
         "interfaces": ["GigabitEthernet1"]}]}},
]  # fmt: skip
RECAP_RE = re.compile(
    r"^(Router[AB])\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.MULTILINE
)


def recap(stdout: str) -> dict[str, tuple[int, int, int, int]]:
    return {m[1]: (int(m[2]), int(m[3]), int(m[4]), int(m[5])) for m in RECAP_RE.finditer(stdout)}


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Any:
    if not REFROUTER.exists() or not (REPO / ".collections" / "ansible_collections" / "ansible").is_dir():
        pytest.skip("run `make setup` first: refrouter and the dependency collections are missing")
    tmp = tmp_path_factory.mktemp("vpn")
    data = yaml.safe_load((REPO / "labs" / "two_site.yml").read_text())
    ports = free_ports(2 * len(data["routers"]))
    for position, spec in enumerate(data["routers"].values()):
        spec["ssh_port"], spec["netconf_port"] = ports[2 * position], ports[2 * position + 1]
    path = tmp / "two_site.yml"
    path.write_text(yaml.safe_dump(data))
    lab = Lab(path, {name: spec["ssh_port"] for name, spec in data["routers"].items()})
    lab.refrouter("up")
    try:
        yield lab, tmp
    finally:
        lab.refrouter("down")


def play(
    lab: Lab, directory: Path, plays: list[dict[str, Any]], *flags: str
) -> subprocess.CompletedProcess[str]:
    directory.mkdir(parents=True, exist_ok=True)
    inventory = directory / "inventory.yml"
    inventory.write_text(lab.refrouter("inventory"))
    playbook = directory / "site.yml"
    playbook.write_text(yaml.safe_dump(plays, sort_keys=False))
    env = playbook_env(
        ANSIBLE_HOST_KEY_CHECKING="False", ANSIBLE_DEPRECATION_WARNINGS="False", ANSIBLE_COMMAND_TIMEOUT="60"
    )
    return subprocess.run([str(ANSIBLE_PLAYBOOK), "-i", str(inventory), str(playbook), *flags], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=600, check=False)  # fmt: skip


def vpn_play() -> dict[str, Any]:
    host_vars = {"psk": PSK, **{key: f"{{{{ site[inventory_hostname].{key} }}}}" for key in SITE["RouterA"]}}
    return {"name": "Site-to-site VPN", "hosts": "RouterA,RouterB", "gather_facts": False,
            "vars": {"site": SITE, **host_vars}, "tasks": VPN_TASKS}  # fmt: skip


def test_vpn_playbook_check_then_apply_then_idempotent(lab: Any) -> None:
    lab, tmp = lab
    check = play(lab, tmp / "check", [vpn_play()], "--check", "--diff")
    assert check.returncode == 0, check.stdout[-4000:] + check.stderr[-2000:]
    assert recap(check.stdout) == {"RouterA": (5, 5, 0, 0), "RouterB": (5, 5, 0, 0)}
    assert "check mode: an earlier task may change this" in check.stderr
    # whole blocks: the crypto map entry with every line under its header, the ACL with its entry
    assert (
        "+crypto map VPN 10 ipsec-isakmp\n+ set peer 209.165.200.226\n+ set transform-set TS-AES256\n"
        "+ match address VPN-TRAFFIC\n"
    ) in check.stdout
    assert (
        "+ip access-list extended VPN-TRAFFIC\n+ 10 permit ip host 209.165.200.227 host 209.165.200.225\n"
        in (check.stdout)
    )
    assert "+crypto isakmp key ******** address 209.165.200.226\n" in check.stdout
    shown = lab.show("RouterA", "show running-config")["show running-config"]
    assert "crypto map" not in shown and "access-list extended" not in shown  # check mode sent nothing

    apply = play(lab, tmp / "apply", [vpn_play()])
    assert apply.returncode == 0, apply.stdout[-4000:] + apply.stderr[-2000:]
    assert recap(apply.stdout) == {"RouterA": (5, 5, 0, 0), "RouterB": (5, 5, 0, 0)}
    pagent = lab.ssh("PagentA")
    try:
        ping = pagent.send_command("ping 209.165.200.225 source Loopback0 repeat 10", read_timeout=60)
    finally:
        pagent.disconnect()
    assert "!!!!!!!!" in ping, ping
    again = play(lab, tmp / "again", [vpn_play()])
    assert again.returncode == 0, again.stdout[-4000:]
    assert recap(again.stdout) == {"RouterA": (5, 0, 0, 0), "RouterB": (5, 0, 0, 0)}
    for output in (check.stdout, apply.stdout, again.stdout):
        assert PSK not in output

    netconf = {"hosts": "RouterA", "gather_facts": False,
               "vars": {"ansible_connection": "ansible.netcommon.netconf", "ansible_port": "{{ netconf_port }}",
                        "ansible_become": False},
               "tasks": [{"ipsecux.iosxe.ipsec_facts": {"gather_subset": ["sa"]}, "register": "facts"}]}  # fmt: skip
    # The facts must equal what the router shows at the same moment: read the CLI before and after them and
    # compare only when the SAs did not change in between (bounded; a change is reported if it keeps happening)
    shown_spis: list[list[str]] = []
    for attempt in range(3):
        before = lab.show("RouterA", "show crypto ipsec sa")["show crypto ipsec sa"]
        facts_file = tmp / f"facts{attempt}.json"
        facts_run = play(lab, tmp / f"facts{attempt}", [netconf, dump_facts_play(["RouterA"], facts_file, ["facts"])])
        assert facts_run.returncode == 0, facts_run.stdout[-4000:]
        cli = lab.show("RouterA", "show crypto isakmp sa detail", "show crypto ipsec sa")
        shown_spis.append(re.findall(r"spi: (0x[0-9A-F]+)", before))
        if shown_spis[-1] == re.findall(r"spi: (0x[0-9A-F]+)", cli["show crypto ipsec sa"]):
            break
    else:
        raise AssertionError(f"the IPsec SAs changed during each of 3 facts runs: {shown_spis}")
    ipsec = load(facts_file)["RouterA"]["facts"]["ansible_facts"]["ipsec"]
    [ike] = ipsec["isakmp_sa"]
    assert (ike["local"], ike["remote"], ike["status"]) == ("209.165.200.228", "209.165.200.226", "ACTIVE")
    assert (ike["encr"], ike["hash"], ike["auth"], ike["dh"]) == ("aes", "sha256", "psk", 14)
    row = rf"^\s*{ike['c_id']}\s+209\.165\.200\.228\s+209\.165\.200\.226\s+ACTIVE aes\s+sha256\s+psk\s+14\s"
    detail = cli["show crypto isakmp sa detail"]
    assert re.search(row, detail, re.MULTILINE), detail
    [entry] = ipsec["ipsec_sa"]
    [ident] = entry["idents"]
    assert entry["interface"] == "GigabitEthernet1"
    assert (
        ident["local_ident"]["addr"] == "209.165.200.227"
        and ident["remote_ident"]["addr"] == "209.165.200.225"
    )
    [inbound] = ident["inbound_esp_sas"]
    [outbound] = ident["outbound_esp_sas"]
    assert inbound["transform"] == ["esp-256-aes", "esp-sha256-hmac"]
    for spi in (inbound["spi"], outbound["spi"]):
        assert f"spi: {spi}" in cli["show crypto ipsec sa"], (spi, cli["show crypto ipsec sa"])
