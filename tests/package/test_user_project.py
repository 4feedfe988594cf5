"""A user's own project outside the repository: the installed collection, a refrouter lab, a playbook.

The project has its own ansible.cfg (collections_path = the installed collections, nothing of the
repository's), a lab file copied from the example and moved to free ports, the inventory `refrouter lab
inventory` prints, and the pre-shared key in Ansible Vault - the steps of docs/installing.md. The playbook
brings the seed guide's tunnel up with the site_to_site_vpn role, checks it in ipsec_facts and renders a
config module's payload through the `config` action group's module_defaults. A second run changes nothing.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from collection_package import REPO, VENV_BIN, Installed, run

from refrouter.lab.ports import free_ports

pytestmark = [pytest.mark.package, pytest.mark.timeout(900)]

PSK = "user-project-key-7d41"
CRYPTO_NS = "http://cisco.com/ns/yang/Cisco-IOS-XE-crypto"
VAULT_PASSWORD = "user-project-vault\n"
ANSIBLE_CFG = """\
[defaults]
collections_path = {collections_path}
# lab routers get new host keys whenever the lab is created again (docs/installing.md#host-keys)
host_key_checking = False
retry_files_enabled = False

[persistent_connection]
ssh_type = libssh
command_timeout = 60
"""
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
PLAYBOOK = """\
- name: Site-to-site VPN between the two sites
  hosts: all
  gather_facts: false
  vars_files: [tunnels.yml]
  roles:
    - role: ipsecux.iosxe.site_to_site_vpn

- name: The tunnel as ipsec_facts sees it
  hosts: RouterA
  gather_facts: false
  tasks:
    - name: Read the flow-MIB tables
      ipsecux.iosxe.ipsec_facts:
        gather_subset: [flowmib]
    - name: The IKE tunnel to RouterB is up and ESP carried the probe traffic
      ansible.builtin.assert:
        that:
          - ike | length == 1
          - esp | map(attribute='out_packets') | sum > 0
          - esp | map(attribute='in_packets') | sum > 0
      vars:
        ike: "{{ ansible_facts.ipsec.flowmib.isakmp.tunnels | selectattr('remote_address', '==', '209.165.200.226') }}"
        esp: "{{ ansible_facts.ipsec.flowmib.ipsec.tunnels | selectattr('remote_address', '==', '209.165.200.226') }}"

- name: Render a stronger policy as NETCONF payload, the format set once for the config modules
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/ipsecux.iosxe.config:
      rendered_format: xml
  tasks:
    - name: Render an ISAKMP policy
      ipsecux.iosxe.isakmp_policies:
        config:
          - {priority: 10, encryption: aes-256, hash: sha256, authentication: pre-share, group: 14}
        state: rendered
      register: policy
    - name: Keep the payload for review
      ansible.builtin.copy:
        content: "{{ policy.rendered | join('\\n') }}\\n"
        dest: "{{ playbook_dir }}/isakmp-policy.xml"
        mode: "0644"
"""
RECAP = re.compile(r"^(\S+)\s+: ok=\d+\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.MULTILINE)


def moved_lab(path: Path) -> None:
    """The example lab, as a user copies it into their project, on ports that are free now."""
    lab = yaml.safe_load((REPO / "labs" / "two_site.yml").read_text())
    routers = lab["routers"].values()
    ports = iter(free_ports(sum(1 + ("netconf_port" in spec) for spec in routers)))
    for spec in routers:
        for key in ("ssh_port", "netconf_port"):
            if key in spec:
                spec[key] = next(ports)
    path.write_text(yaml.safe_dump(lab, sort_keys=False))


def refrouter(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The `refrouter lab` command of the venv; its lab state goes to .refrouter/ beside the lab file."""
    return run([str(VENV_BIN / "refrouter"), "lab", *args], project)


def vaulted_tunnels(project: Path) -> None:
    (project / "vault-password").write_text(VAULT_PASSWORD)
    (project / "vault-password").chmod(0o600)
    encrypted = subprocess.run(
        [
            str(VENV_BIN / "ansible-vault"),
            "encrypt_string",
            "--vault-password-file",
            "vault-password",
            "--stdin-name",
            "psk",
        ],
        cwd=project,
        input=PSK,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    vaulted = "\n".join("  " + line for line in encrypted.stdout.strip().splitlines())
    body = yaml.safe_dump({"site_to_site_vpn_tunnels": [TUNNEL]}, sort_keys=False)
    (project / "tunnels.yml").write_text(body.replace("- name: seed\n", f"- name: seed\n{vaulted}\n", 1))


@pytest.fixture
def project(installed: Installed, tmp_path: Path) -> Iterator[Path]:
    """The user's project with its lab running; the lab is stopped whatever happens."""
    if not (VENV_BIN / "refrouter").exists():
        pytest.skip("refrouter is missing from .venv; run `make setup`")
    (tmp_path / "ansible.cfg").write_text(ANSIBLE_CFG.format(collections_path=installed.collections_path))
    (tmp_path / "site.yml").write_text(PLAYBOOK)
    vaulted_tunnels(tmp_path)
    moved_lab(tmp_path / "lab.yml")
    try:
        started = refrouter(tmp_path, "up", "lab.yml")
        assert started.returncode == 0, started.stdout
        listed = run([str(VENV_BIN / "refrouter"), "lab", "inventory", "lab.yml"], tmp_path)
        assert listed.returncode == 0, listed.stdout
        (tmp_path / "inventory.yml").write_text(listed.stdout)
        yield tmp_path
    finally:
        refrouter(tmp_path, "down", "lab.yml")


def playbook(project: Path, installed: Installed) -> subprocess.CompletedProcess[str]:
    return run(
        [
            str(VENV_BIN / "ansible-playbook"),
            "-i",
            "inventory.yml",
            "site.yml",
            "--vault-password-file",
            "vault-password",
        ],
        project,
        **installed.env(ANSIBLE_CONFIG=str(project / "ansible.cfg")),
    )


def recap(output: str) -> dict[str, tuple[int, int, int]]:
    """host -> (changed, unreachable, failed) from the PLAY RECAP."""
    return {
        host: (int(changed), int(unreachable), int(failed))
        for host, changed, unreachable, failed in RECAP.findall(output.split("PLAY RECAP", 1)[-1])
    }


def test_collection_resolves_from_the_installed_path_only(installed: Installed, tmp_path: Path) -> None:
    (tmp_path / "ansible.cfg").write_text(ANSIBLE_CFG.format(collections_path=installed.collections_path))
    done = run(
        [str(VENV_BIN / "ansible-galaxy"), "collection", "list", "--format", "json"],
        tmp_path,
        **installed.env(ANSIBLE_CONFIG=str(tmp_path / "ansible.cfg")),
    )
    assert done.returncode == 0, done.stdout
    listing = json.loads(done.stdout[done.stdout.index("{") :])
    holding = [path for path, collections in listing.items() if "ipsecux.iosxe" in collections]
    assert holding == [str(installed.collections_path / "ansible_collections")]


def test_user_playbook_brings_the_vpn_up_and_a_second_run_changes_nothing(
    project: Path, installed: Installed
) -> None:
    first = playbook(project, installed)
    assert first.returncode == 0, first.stdout[-8000:]
    assert PSK not in first.stdout
    assert re.search(r'^\s+"seed\s+up\s', first.stdout, re.MULTILINE), first.stdout[
        -4000:
    ]  # the role's report
    first_recap = recap(first.stdout)
    assert first_recap["RouterA"][0] > 0 and first_recap["RouterB"][0] > 0, first_recap
    payload = ElementTree.fromstring((project / "isakmp-policy.xml").read_text())
    policy = payload.find(f".//{{{CRYPTO_NS}}}isakmp/{{{CRYPTO_NS}}}policy")
    assert policy is not None, ElementTree.tostring(payload, encoding="unicode")
    fields = {child.tag.split("}")[1]: child.text for child in policy}
    assert (fields["number"], fields["hash"], fields["group"]) == ("10", "sha256", "14")
    assert (
        policy.findtext(f"{{{CRYPTO_NS}}}encryption/{{{CRYPTO_NS}}}aes-choice/{{{CRYPTO_NS}}}key-type")
        == "256"
    )

    second = playbook(project, installed)
    assert second.returncode == 0, second.stdout[-8000:]
    second_recap = recap(second.stdout)
    assert set(second_recap) == {"RouterA", "RouterB", "PagentA", "PagentB", "localhost"}, second_recap
    assert {host: counts for host, counts in second_recap.items() if counts != (0, 0, 0)} == {}
