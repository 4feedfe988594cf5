"""`make demo`: the seed guide's two sites, configured and checked by the collection as a user would run it.

Starts labs/two_site.yml (in a temporary state directory), runs `ansible-playbook ipsecux.iosxe.site_to_site`
with the pre-shared key in Ansible Vault, pings PagentB from PagentA through the tunnel, prints a table from
ipsec_facts, runs `ansible-playbook ipsecux.iosxe.harden --check` and prints its findings, and stops the lab,
also when a step fails.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from netmiko import ConnectHandler

ROOT = Path(__file__).resolve().parent.parent
LAB = ROOT / "labs" / "two_site.yml"
BIN = ROOT / ".venv" / "bin"
PSK = "seed-demo-key-2f9c"
TUNNEL = {
    "name": "seed",
    "a": {
        "host": "RouterA",
        "interface": "GigabitEthernet1",
        "address": "209.165.200.228",
        "subnets": ["209.165.200.227/32"],
        "probe": {"host": "PagentA", "source": "Loopback0", "address": "209.165.200.227"},
    },
    "b": {
        "host": "RouterB",
        "interface": "GigabitEthernet1",
        "address": "209.165.200.226",
        "subnets": ["209.165.200.225/32"],
        "probe": {"host": "PagentB", "source": "Loopback0", "address": "209.165.200.225"},
    },
}
ROUTERS = "RouterA,RouterB"


def step(title: str) -> None:
    print(f"\n=== {title}", flush=True)


def env(work: Path) -> dict[str, str]:
    """The venv first on PATH, the repository's ansible.cfg, no lines for skipped hosts."""
    return dict(
        os.environ,
        PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"),
        ANSIBLE_DISPLAY_SKIPPED_HOSTS="false",
        ANSIBLE_PERSISTENT_CONTROL_PATH_DIR=str(work / "pc"),
    )


def run(command: list[str], work: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    print("$ " + " ".join(command), flush=True)
    return subprocess.run(
        command,
        cwd=ROOT,
        env=env(work) | extra,
        text=True,
        check=False,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


@contextmanager
def lab(lab_file: Path, work: Path) -> Iterator[Path]:
    """The lab up in a temporary state dir; its inventory file; always down afterwards."""
    state = ["--state-dir", str(work / "state")]
    started = subprocess.run(
        [str(BIN / "refrouter"), "lab", "up", str(lab_file), *state], text=True, check=False
    )
    if started.returncode != 0:
        raise SystemExit(f"the lab did not start (are the ports of {lab_file} in use by another lab?)")
    try:
        inventory = work / "inventory.yml"
        inventory.write_text(
            subprocess.run(
                [str(BIN / "refrouter"), "lab", "inventory", str(lab_file), *state],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        yield inventory
    finally:
        subprocess.run([str(BIN / "refrouter"), "lab", "down", str(lab_file), *state], check=False)


def vaulted_tunnels(work: Path) -> tuple[Path, Path]:
    """tunnels.yml with the key as a `!vault` string, and the vault password file."""
    password = work / "vault-password"
    password.write_text("demo-vault-password\n")
    encrypted = subprocess.run(
        [
            str(BIN / "ansible-vault"),
            "encrypt_string",
            "--vault-password-file",
            str(password),
            "--stdin-name",
            "psk",
        ],
        input=PSK,
        capture_output=True,
        text=True,
        check=True,
    )
    vaulted = "\n".join("  " + line for line in encrypted.stdout.strip().splitlines())
    body = yaml.safe_dump({"site_to_site_vpn_tunnels": [TUNNEL]}, sort_keys=False)
    body = body.replace("- name: seed\n", f"- name: seed\n{vaulted}\n", 1)
    tunnels = work / "tunnels.yml"
    tunnels.write_text(body)
    return tunnels, password


def ping_through_tunnel(inventory: Path) -> None:
    host = yaml.safe_load(inventory.read_text())["all"]["children"]["iosxe"]["hosts"]["PagentA"]
    conn = ConnectHandler(
        device_type="cisco_xe",
        host="127.0.0.1",
        port=host["ansible_port"],
        username="admin",
        password="admin",
        secret="admin",
        fast_cli=True,
    )
    try:
        conn.enable()
        print("PagentA# ping 209.165.200.225 source Loopback0")
        print(conn.send_command("ping 209.165.200.225 source Loopback0", read_timeout=30))
    finally:
        conn.disconnect()


def facts_table(inventory: Path, work: Path) -> str:
    tree = work / "facts"
    done = run(
        [
            str(BIN / "ansible"),
            ROUTERS,
            "-i",
            str(inventory),
            "-m",
            "ipsecux.iosxe.ipsec_facts",
            "-a",
            "gather_subset=flowmib",
        ],
        work,
        ANSIBLE_LOAD_CALLBACK_PLUGINS="1",
        ANSIBLE_CALLBACKS_ENABLED="ansible.builtin.tree",
        ANSIBLE_CALLBACK_TREE_DIR=str(tree),
    )
    if done.returncode != 0:
        raise RuntimeError(done.stdout)
    rows = [("router", "tunnel", "peer", "policy in use", "packets out", "packets in")]
    for router in ROUTERS.split(","):
        flowmib = json.loads((tree / router).read_text())["ansible_facts"]["ipsec"]["flowmib"]
        rows += [tunnel_row(router, ike, flowmib["ipsec"]["tunnels"]) for ike in flowmib["isakmp"]["tunnels"]]
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(str(value).ljust(width) for value, width in zip(row, widths, strict=True)) for row in rows
    )


def tunnel_row(router: str, ike: dict[str, Any], esp_tunnels: list[dict[str, Any]]) -> tuple[Any, ...]:
    peer = ike["remote_address"]
    esp = [tunnel for tunnel in esp_tunnels if tunnel["remote_address"] == peer]
    policy = (
        f"{ike['policy_priority']} ({ike['encryption_algo']}/{ike['hash_algo']}/{ike['auth_method']}/"
        f"group {ike['diffie_hellman_grp']})"
    )
    return (
        router,
        f"{ike['local_address']} -> {peer}",
        peer,
        policy,
        sum(t["out_packets"] for t in esp),
        sum(t["in_packets"] for t in esp),
    )


def show(done: subprocess.CompletedProcess[str], label: str) -> None:
    print(done.stdout.strip())
    if done.returncode != 0:
        raise RuntimeError(f"{label} failed (exit code {done.returncode})")


def demo(lab_file: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="ipsecux-demo-") as tmp:
        work = Path(tmp)
        step(f"Starting the lab {lab_file}: RouterA and RouterB, hosts PagentA and PagentB")
        with lab(lab_file.resolve(), work) as inventory:
            tunnels, password = vaulted_tunnels(work)
            step("The tunnel definition (the pre-shared key is an Ansible Vault string)")
            print(tunnels.read_text().strip())
            step("Configuring and verifying the tunnel")
            show(
                run(
                    [
                        str(BIN / "ansible-playbook"),
                        "ipsecux.iosxe.site_to_site",
                        "-i",
                        str(inventory),
                        "-e",
                        f"@{tunnels}",
                        "--vault-password-file",
                        str(password),
                    ],
                    work,
                ),
                "site_to_site",
            )
            step("Traffic through the tunnel")
            ping_through_tunnel(inventory)
            step("The tunnel in ipsec_facts")
            print(facts_table(inventory, work))
            step("Hardening report (check mode: nothing is changed)")
            show(
                run(
                    [
                        str(BIN / "ansible-playbook"),
                        "ipsecux.iosxe.harden",
                        "-i",
                        str(inventory),
                        "--check",
                        "-e",
                        f"ipsecux_hosts={ROUTERS}",
                    ],
                    work,
                ),
                "harden",
            )
        step("Lab stopped")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--lab", type=Path, default=LAB, help="a copy of labs/two_site.yml, e.g. on other ports"
    )
    args = parser.parse_args()
    started = time.monotonic()
    try:
        demo(args.lab)
    except RuntimeError as exc:
        print(f"\nmake demo failed: {exc}", file=sys.stderr)
        return 1
    print(f"\nmake demo took {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
