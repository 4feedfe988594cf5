"""The site-to-site configuration the push figures apply, written three ways on one playbook shape:

our modules (as the site_to_site_vpn role writes it), `cisco.ios.ios_config` with the equivalent lines (one
task per block, as people write it), and `ansible.builtin.ping` on a local connection (Ansible's own per-task floor).
Router Rn's peer is 198.51.100.n and its protected LAN 10.n.1.0/24, so every router gets its own values.
Lines are written as IOS XE prints them in the running config (`encr aes 256`, a numbered ACL entry), since
ios_config compares text and would otherwise re-send them on every run.
"""

from __future__ import annotations

from typing import Any

INDEX = "{{ inventory_hostname[1:] | int }}"
PEER = f"198.51.100.{INDEX}"
ACL = "VPN-ACL"
ACL_ENTRY = f"10 permit ip 10.{INDEX}.1.0 0.0.0.255 10.0.0.0 0.0.0.255"  # as IOS XE shows it
PSK = f"bench-psk-{INDEX}"

POLICY = {"priority": 10, "encryption": "aes-256", "hash": "sha256", "authentication": "pre-share", "group": 14,
          "lifetime": 28800}
TRANSFORM_SET = {"name": "TS", "esp_encryption": "esp-aes", "key_size": 256, "esp_integrity": "esp-sha256-hmac",
                 "mode": "tunnel"}
CRYPTO_MAP = {"name": "VPN", "entries": [{"seq": 10, "peers": [PEER], "match_address": ACL, "transform_sets": ["TS"]}],
              "interfaces": ["GigabitEthernet1"]}


def _play(name: str, tasks: list[dict[str, Any]], extra_vars: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    play: dict[str, Any] = {"name": name, "hosts": "routers", "gather_facts": False, "tasks": tasks}
    if extra_vars:
        play["vars"] = extra_vars
    return [play]


def ours() -> list[dict[str, Any]]:
    return _play("site-to-site with ipsecux.iosxe", [
        {"name": "ISAKMP policy", "ipsecux.iosxe.isakmp_policies": {"config": [POLICY], "state": "merged"}},
        {"name": "Pre-shared key", "ipsecux.iosxe.isakmp_keys": {
            "config": [{"address": PEER, "key": PSK}], "state": "merged"}},
        {"name": "Transform set", "ipsecux.iosxe.transform_sets": {"config": [TRANSFORM_SET], "state": "merged"}},
        {"name": "Crypto ACL", "ipsecux.iosxe.crypto_acls": {
            "config": [{"name": ACL, "entries": [ACL_ENTRY]}], "state": "merged"}},
        {"name": "Crypto map and binding", "ipsecux.iosxe.crypto_maps": {"config": [CRYPTO_MAP], "state": "merged"}},
    ])


def ios_config() -> list[dict[str, Any]]:
    blocks: list[tuple[str, list[str], list[str]]] = [
        ("ISAKMP policy", ["crypto isakmp policy 10"],
         ["encr aes 256", "hash sha256", "authentication pre-share", "group 14", "lifetime 28800"]),
        ("Pre-shared key", [], [f"crypto isakmp key {PSK} address {PEER}"]),
        ("Transform set", ["crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac"], ["mode tunnel"]),
        ("Crypto ACL", [f"ip access-list extended {ACL}"], [ACL_ENTRY]),
        ("Crypto map", ["crypto map VPN 10 ipsec-isakmp"],
         [f"set peer {PEER}", "set transform-set TS", f"match address {ACL}"]),
        ("Binding", ["interface GigabitEthernet1"], ["crypto map VPN"]),
    ]
    tasks = [{"name": name, "cisco.ios.ios_config": {"lines": lines, **({"parents": parents} if parents else {})}}
             for name, parents, lines in blocks]
    return _play("site-to-site with cisco.ios.ios_config", tasks)


def ping_floor(task_count: int) -> list[dict[str, Any]]:
    local = {"ansible_connection": "local", "ansible_python_interpreter": "{{ ansible_playbook_python }}"}
    tasks = [{"name": f"no-op {n}", "ansible.builtin.ping": {}} for n in range(1, task_count + 1)]
    return _play("Ansible per-task floor", tasks, local)
