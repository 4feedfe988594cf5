"""Secrets at rest: state files 0600 in 0700 directories from creation, temp files of a crashed `write memory`
removed at start-up, and each router of a lab its own RSA and ECDSA host key, kept across restarts."""

from __future__ import annotations

import asyncio
import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import asyncssh
from routerlab import RunningLab

from refrouter.lab.boot import BootableRouter as Router
from refrouter.state.persistence import atomic_write
from refrouter.transports.ssh.hostkeys import host_key_path, load_host_keys
from refrouter.transports.ssh.hostkeys import host_keys as router_host_keys

PSK = "Psk-At-Rest-77"
KEYS_TIMEOUT = 600  # seconds: a bound for a stuck thread on a loaded machine, not a speed check
SEED = f"hostname R1\ncrypto isakmp key {PSK} address 192.0.2.2\n"


@contextmanager
def umask(mask: int) -> Iterator[None]:
    """The most permissive umask: a file is private only if the code asked for it."""
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def readable_by_others(root: Path) -> list[str]:
    """Everything under `root` (itself included) that group or others may read, write or enter."""
    paths = [root, *root.rglob("*")]
    return [f"{p.relative_to(root.parent)} {stat.filemode(p.stat().st_mode)}" for p in paths
            if p.stat().st_mode & 0o077]


def test_atomic_write_is_private_from_creation(tmp_path: Path) -> None:
    target = tmp_path / "state" / "R1" / "startup-config"
    with umask(0):
        atomic_write(target, SEED)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(target.parent.parent.stat().st_mode) == 0o700


def test_start_up_removes_temp_files_of_a_crashed_write_and_tightens_old_files(tmp_path: Path) -> None:
    state = tmp_path / "R1"
    state.mkdir(mode=0o755)
    stale = state / ".startup-config.4242.tmp"  # what `kill -9` during `write memory` left behind
    stale.write_text(SEED)
    stale.chmod(0o644)
    (state / "startup-config").write_text(SEED)
    (state / "startup-config").chmod(0o644)
    router = Router("R1", state_dir=state)
    router.boot()
    assert not stale.exists()
    assert [k.key for k in router.running.isakmp_keys] == [PSK]
    assert readable_by_others(state) == []


def test_start_up_leaves_the_temp_files_this_process_is_writing(tmp_path: Path) -> None:
    """A lab writes host keys on worker threads while its routers boot: a router's start-up clean-up must not
    remove a temp file of its own process (it did, and the key write's rename failed)."""
    state = tmp_path / "R1"
    state.mkdir(mode=0o700)
    ours = state / f".ssh_host_ecdsa_key.{os.getpid()}.7.tmp"
    ours.write_text("half-written key")
    crashed = state / ".ssh_host_ecdsa_key.4242.7.tmp"
    crashed.write_text("left by a killed process")
    Router("R1", state_dir=state).boot()
    assert ours.exists() and not crashed.exists()


def test_private_config_with_rsa_keys_is_private_from_creation(tmp_path: Path) -> None:
    """`write memory` saves RSA key pairs to `private-config` (IOS's private NVRAM) 0600, like every state file."""
    state = tmp_path / "R1"
    router = Router("R1", state_dir=state)
    router.boot()
    router.load_config("crypto key generate rsa general-keys label KS-Keys modulus 2048")
    assert "KS-Keys" in router.running.pki.rsa_keys
    with umask(0):
        router.write_startup()
    assert "KS-Keys" in (state / "private-config").read_text()
    assert stat.S_IMODE((state / "private-config").stat().st_mode) == 0o600
    assert readable_by_others(state) == []


def _public(key: asyncssh.SSHKey) -> bytes:
    return key.export_public_key()


def test_each_router_has_its_own_host_keys_kept_across_restarts(tmp_path: Path) -> None:
    with umask(0):
        first = load_host_keys(tmp_path / "R1")
        second = load_host_keys(tmp_path / "R2")
    algorithms = [key.algorithm for key in first]
    assert algorithms == [b"ecdsa-sha2-nistp256", b"ssh-rsa"]
    for mine, theirs in zip(first, second, strict=True):
        assert _public(mine) != _public(theirs)
    assert [_public(k) for k in load_host_keys(tmp_path / "R1")] == [_public(k) for k in first]
    assert readable_by_others(tmp_path / "R1") == readable_by_others(tmp_path / "R2") == []


def test_keys_made_at_once_are_each_routers_own_and_private(tmp_path: Path) -> None:
    """Many routers' first connections at once (keys made on worker threads): one private key set per router."""
    dirs = [tmp_path / f"R{i}" for i in range(1, 4)]

    async def first_connections() -> None:
        await asyncio.wait_for(asyncio.gather(*(router_host_keys(d) for d in dirs)), KEYS_TIMEOUT)

    with umask(0):
        asyncio.run(first_connections())
    files = [host_key_path(d, "ssh-rsa").read_bytes() for d in dirs]
    assert len(set(files)) == len(dirs)
    assert [stat.S_IMODE(host_key_path(d, "ssh-rsa").stat().st_mode) for d in dirs] == [0o600] * len(dirs)
    assert all(readable_by_others(d) == [] for d in dirs)
    asyncio.run(first_connections())  # a restart reads them: nothing is replaced
    assert [host_key_path(d, "ssh-rsa").read_bytes() for d in dirs] == files


def test_a_key_file_replaced_on_disk_is_read_again(tmp_path: Path) -> None:
    """Parsed keys are remembered per file, but a file that changed is the key the router now has."""
    first = load_host_keys(tmp_path / "R1")
    replacement = asyncssh.generate_private_key("ssh-rsa", key_size=1024)
    path = host_key_path(tmp_path / "R1", "ssh-rsa")
    path.unlink()
    replacement.write_private_key(path)
    again = load_host_keys(tmp_path / "R1")
    assert _public(again[0]) == _public(first[0])
    assert _public(again[1]) == _public(replacement) != _public(first[1])


def test_a_shared_rsa_key_of_an_older_version_is_replaced(tmp_path: Path) -> None:
    shared = asyncssh.generate_private_key("ssh-rsa", key_size=1024)
    keys = []
    for name in ("R1", "R2"):
        (tmp_path / name).mkdir()
        shared.write_private_key(tmp_path / name / "ssh_host_ssh_key")
        keys.append(load_host_keys(tmp_path / name)[1])
        assert not (tmp_path / name / "ssh_host_ssh_key").exists()
    assert _public(keys[0]) != _public(keys[1]) != _public(shared)


async def _host_keys(port: int) -> list[bytes]:
    keys = []
    for algorithm in ("ecdsa-sha2-nistp256", "ssh-rsa"):
        key = await asyncssh.get_server_host_key("127.0.0.1", port, server_host_key_algs=[algorithm])
        assert key is not None
        keys.append(key.public_data)
    return keys


def host_keys(lab: RunningLab) -> dict[str, list[bytes]]:
    return {name: asyncio.run(_host_keys(port)) for name, port in lab.ports.items()}


def test_lab_state_dir_stays_private_through_write_memory_and_a_crash(
    lab_factory: Callable[..., RunningLab],
) -> None:
    """The issue's attack, end to end: a lab with PSKs, `write memory`, kill -9, restart."""
    from netmiko import ConnectHandler

    lab = lab_factory({"R1": SEED, "R2": SEED.replace("R1", "R2")}, stem="privlab")
    before = host_keys(lab)
    assert before["R1"][0] != before["R2"][0] and before["R1"][1] != before["R2"][1]
    device = ConnectHandler(device_type="cisco_xe", host="127.0.0.1", port=lab.ports["R1"],
                            username=lab.credentials.username, password=lab.credentials.password,
                            secret=lab.credentials.enable_secret, fast_cli=False)
    try:
        device.enable()
        device.send_command("write memory")
    finally:
        device.disconnect()
    router_dir = lab.state_dir / "R1"
    assert PSK in (router_dir / "startup-config").read_text()
    stale = router_dir / ".startup-config.99999.tmp"
    stale.write_text(SEED)
    stale.chmod(0o644)
    lab.kill9()
    lab.up()
    assert not stale.exists()
    assert host_keys(lab) == before
    assert readable_by_others(lab.state_dir) == []
