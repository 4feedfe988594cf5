"""20 SSH sessions configure 20 distinct ISAKMP policies at the same time; none is lost or mixed up."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from clishell import Shell, privileged_shell
from netmiko import ConnectHandler
from routerlab import TEST_CREDENTIALS, LiveRouter

from refrouter.state.config.model import IsakmpPolicy

SESSIONS = 20
ENCRYPTIONS = [("des", None), ("3des", None), ("aes", None), ("aes", 192), ("aes", 256)]
HASHES = ["md5", "sha", "sha256", "sha384", "sha512"]
AUTHS = ["pre-share", "rsa-sig", "rsa-encr"]
GROUPS = [1, 2, 5, 14, 15, 16, 19, 20, 21, 24]


def wanted(index: int, base: int) -> IsakmpPolicy:
    cipher, size = ENCRYPTIONS[index % len(ENCRYPTIONS)]
    return IsakmpPolicy(
        priority=base + index,
        encryption=cipher,
        key_size=size,
        hash=HASHES[(index // 5) % len(HASHES)],  # a different combination for every session
        authentication=AUTHS[index % len(AUTHS)],
        group=GROUPS[index % len(GROUPS)],
        lifetime=3600 + 60 * index,
    )


def policy_lines(policy: IsakmpPolicy) -> list[str]:
    size = f" {policy.key_size}" if policy.key_size else ""
    return [
        f"crypto isakmp policy {policy.priority}",
        f"encryption {policy.encryption}{size}",
        f"hash {policy.hash}",
        f"authentication {policy.authentication}",
        f"group {policy.group}",
        f"lifetime {policy.lifetime}",
    ]


def configured(live: LiveRouter, priorities: range) -> dict[int, IsakmpPolicy]:
    policies = live.call(lambda: dict(live.router.running.isakmp_policies))
    return {p: policies[p] for p in priorities if p in policies}


def test_twenty_asyncssh_sessions_interleave_line_by_line(live_router: LiveRouter) -> None:
    creds = TEST_CREDENTIALS
    policies = [wanted(i, 100) for i in range(SESSIONS)]

    async def one_step(shells: list[Shell], lines: list[str]) -> list[str]:
        return await asyncio.gather(*(shell.command(line) for shell, line in zip(shells, lines, strict=True)))

    async def scenario() -> list[list[str]]:
        contexts = [privileged_shell(live_router.port, creds.username, creds.password, creds.enable_secret)
                    for _ in range(SESSIONS)]
        shells = await asyncio.gather(*(ctx.__aenter__() for ctx in contexts))
        try:
            await one_step(shells, ["configure terminal"] * SESSIONS)
            per_session = [policy_lines(p) for p in policies]
            # Every session sends its n-th line at the same moment as the others.
            outputs = [await one_step(shells, [lines[n] for lines in per_session]) for n in range(6)]
            await one_step(shells, ["end"] * SESSIONS)
            assert {shell.prompt for shell in shells} == {"RouterA#"}
            return outputs
        finally:
            await asyncio.gather(*(ctx.__aexit__(None, None, None) for ctx in contexts))

    outputs = asyncio.run(scenario())
    assert all(out == "" for step in outputs for out in step), outputs
    assert configured(live_router, range(100, 100 + SESSIONS)) == {p.priority: p for p in policies}
    running = live_router.running_config()
    assert running.count("crypto isakmp policy 1") == SESSIONS  # policies 100-119, each once


def test_twenty_netmiko_sessions_in_threads(live_router: LiveRouter) -> None:
    policies = [wanted(i, 200) for i in range(SESSIONS)]

    def configure(policy: IsakmpPolicy) -> str:
        conn = ConnectHandler(
            device_type="cisco_xe",
            host=live_router.host,
            port=live_router.port,
            username=TEST_CREDENTIALS.username,
            password=TEST_CREDENTIALS.password,
            secret=TEST_CREDENTIALS.enable_secret,
            fast_cli=True,
            conn_timeout=30,
            read_timeout_override=30,
            allow_agent=False,
            use_keys=False,
        )
        try:
            conn.enable()
            return conn.send_config_set(policy_lines(policy))
        finally:
            conn.disconnect()

    with ThreadPoolExecutor(max_workers=SESSIONS) as pool:
        outputs = list(pool.map(configure, policies))
    assert not [out for out in outputs if "% " in out]
    assert configured(live_router, range(200, 200 + SESSIONS)) == {p.priority: p for p in policies}
