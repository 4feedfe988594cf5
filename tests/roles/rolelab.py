"""Reference-router labs and ansible-playbook runs for the role tests.

A lab is written to a temporary directory with free ports (refrouter.lab.ports), started with
`refrouter lab up` and always stopped with `refrouter lab down`. Playbooks run with the repository's
ansible.cfg and the venv's bin first on PATH.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from refrouter.lab.ports import free_ports

REPO = Path(__file__).resolve().parents[2]
VENV_BIN = REPO / ".venv" / "bin"
COLLECTIONS = REPO / ".collections" / "ansible_collections"
LAB_TIMEOUT = 90
PLAYBOOK_TIMEOUT = 420


def require_tools() -> None:
    if not (VENV_BIN / "refrouter").exists() or not (VENV_BIN / "ansible-playbook").exists():
        pytest.skip("refrouter or ansible-playbook is missing from .venv; run `make setup`")
    if not (COLLECTIONS / "ansible" / "netcommon").is_dir():
        pytest.skip("dependency collections are missing (.collections); run `make setup`")


def tool_env(**extra: str) -> dict[str, str]:
    """The environment of every tool run: the venv's bin first on PATH, the repository's ansible.cfg."""
    return dict(
        os.environ,
        PATH=f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        VIRTUAL_ENV=str(REPO / ".venv"),
        ANSIBLE_CONFIG=str(REPO / "ansible.cfg"),
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_FORCE_COLOR="0",
        **extra,
    )


def refrouter(action: str, lab_file: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(VENV_BIN / "refrouter"), "lab", action, str(lab_file)],
        capture_output=True,
        text=True,
        timeout=LAB_TIMEOUT,
        check=False,
        env=tool_env(),
    )


@dataclass
class RunningLab:
    lab_file: Path
    inventory: Path


@contextmanager
def running_lab(
    directory: Path, routers: dict[str, str], links: list[tuple[str, str]]
) -> Iterator[RunningLab]:
    """Start a lab of `routers` (name -> startup config) on free ports; stop it whatever happens."""
    ports = free_ports(len(routers))
    lab = {
        "routers": {
            name: {"ssh_port": port, "startup_config": config}
            for (name, config), port in zip(routers.items(), ports, strict=True)
        },
        "links": [{"a": a, "b": b} for a, b in links],
    }
    lab_file = directory / "lab.yml"
    lab_file.write_text(yaml.safe_dump(lab, sort_keys=False))
    try:
        started = refrouter("up", lab_file)
        assert started.returncode == 0, started.stdout + started.stderr
        listed = refrouter("inventory", lab_file)
        assert listed.returncode == 0, listed.stderr
        inventory = directory / "inventory.yml"
        inventory.write_text(listed.stdout)
        yield RunningLab(lab_file, inventory)
    finally:
        refrouter("down", lab_file)


def run_playbook(
    playbook: str | Path, inventory: Path, *args: str, **env: str
) -> subprocess.CompletedProcess[str]:
    """ansible-playbook from the repository root; stdout and stderr together in `.stdout`."""
    command = [str(VENV_BIN / "ansible-playbook"), "-i", str(inventory), str(playbook), *args]
    return subprocess.run(
        command,
        cwd=REPO,
        env=tool_env(**env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=PLAYBOOK_TIMEOUT,
        check=False,
    )


def vault_vars(directory: Path, secrets: dict[str, str]) -> tuple[Path, Path]:
    """A vars file whose values are `!vault` strings, and the password file that opens them."""
    password_file = directory / "vault-password"
    password_file.write_text("ipsecux-test-vault\n")
    password_file.chmod(0o600)
    blocks = []
    for name, secret in secrets.items():
        encrypted = subprocess.run(
            [
                str(VENV_BIN / "ansible-vault"),
                "encrypt_string",
                "--vault-password-file",
                str(password_file),
                "--stdin-name",
                name,
            ],
            input=secret,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
            env=tool_env(),
        )
        blocks.append(encrypted.stdout)
    vars_file = directory / "vault.yml"
    vars_file.write_text("".join(blocks))
    return vars_file, password_file
