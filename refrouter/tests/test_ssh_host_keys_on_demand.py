"""A router's SSH server listens before its host keys exist: the first client waits for them (made then), gets
the same keys as every later client, and may insist on ssh-rsa."""

from __future__ import annotations

import asyncio
from pathlib import Path

import asyncssh
import paramiko

from refrouter.state.router import Router
from refrouter.transports.ssh.hostkeys import HOST_KEY_ALGORITHMS, host_key_path
from refrouter.transports.ssh.server import RouterSSHServer

ECDSA, RSA = HOST_KEY_ALGORITHMS


async def _served_key(port: int, algorithm: str) -> bytes:
    key = await asyncssh.get_server_host_key("127.0.0.1", port, server_host_key_algs=[algorithm])
    assert key is not None
    return bytes(key.public_data)


def _saved_key(state_dir: Path, algorithm: str) -> bytes:
    return bytes(asyncssh.read_private_key(host_key_path(state_dir, algorithm)).public_data)


def test_keys_are_made_at_the_first_connection_and_kept(tmp_path: Path) -> None:
    state_dir = tmp_path / "R1"

    async def scenario() -> tuple[list[bool], list[bytes], bytes, list[bool]]:
        router = Router("R1", state_dir=state_dir)
        router.boot()
        server = RouterSSHServer(router, 0)
        await server.start()
        try:
            before = [host_key_path(state_dir, a).exists() for a in HOST_KEY_ALGORITHMS]
            # five clients at once, each accepting only ssh-rsa: one key is made, and all of them see it
            first = await asyncio.gather(*(_served_key(server.port, RSA) for _ in range(5)))
            ecdsa = await _served_key(server.port, ECDSA)
            after = [host_key_path(state_dir, a).exists() for a in HOST_KEY_ALGORITHMS]
            return before, first, ecdsa, after
        finally:
            await server.stop()

    before, rsa_keys, ecdsa, after = asyncio.run(scenario())
    assert before == [False, False]  # listening did not wait for (or make) any key
    assert after == [True, True]
    assert rsa_keys == [_saved_key(state_dir, RSA)] * 5
    assert ecdsa == _saved_key(state_dir, ECDSA)


def test_a_client_that_only_takes_ssh_rsa_logs_in_to_a_fresh_router(tmp_path: Path) -> None:
    """paramiko with every other host key type disabled, as an old client that needs ssh-rsa."""
    state_dir = tmp_path / "R1"

    def login(port: int) -> tuple[str, str]:
        client = paramiko.SSHClient()
        client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
        others = ["ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521"]
        client.connect("127.0.0.1", port, username="admin", password="admin", look_for_keys=False,
                       allow_agent=False, disabled_algorithms={"keys": others}, timeout=60)
        try:
            transport = client.get_transport()
            assert transport is not None
            key = transport.get_remote_server_key()
            _, stdout, _ = client.exec_command("show privilege")
            return key.get_name(), stdout.read().decode()
        finally:
            client.close()

    async def scenario() -> tuple[str, str]:
        router = Router("R1", state_dir=state_dir)
        router.boot()
        server = RouterSSHServer(router, 0)
        await server.start()
        try:
            return await asyncio.to_thread(login, server.port)
        finally:
            await server.stop()

    key_type, output = asyncio.run(scenario())
    assert key_type == "ssh-rsa"
    assert "Current privilege level is 1" in output
