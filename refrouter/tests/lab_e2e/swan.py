"""strongSwan's charon in a network namespace, driven with swanctl: the real IKEv1 and IKEv2 peer of the wire
tests.

The kernels here have no XFRM, so charon runs with kernel-libipsec (userspace ESP over a TUN device),
which only speaks UDP-encapsulated ESP: `encap = yes` makes charon fake a NAT, so the router floats to
UDP 4500 (RFC 3947 for IKEv1, RFC 7296 §2.23 for IKEv2) and carries ESP in UDP (RFC 3948).
"""

from __future__ import annotations

import asyncio
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

CHARON = Path("/usr/lib/ipsec/charon")
SWANCTL = shutil.which("swanctl")
PLUGINS = ("random nonce aes sha1 sha2 md5 hmac kdf gmp openssl gcm pem pkcs1 x509 pubkey kernel-libipsec "
           "kernel-netlink socket-default vici updown")  # openssl: ECP groups 19/20, gcm: AES-GCM
AVAILABLE = os.geteuid() == 0 and CHARON.exists() and SWANCTL is not None and shutil.which("ip") is not None


@dataclass
class SwanPeer:
    """One connection `r1`, child `net`: PSK, IKEv1 main mode (or IKEv2 with `version=2`),
    `local_ts` === `remote_ts`. Without `install_routes` charon leaves routing to the test (a route-based peer
    with 0.0.0.0/0 selectors would otherwise route its own IKE packets into the tunnel)."""

    psk: str = "s3cret"
    local: str = "198.51.100.2"
    remote: str = "198.51.100.1"
    local_ts: str = "198.51.100.2/32"
    remote_ts: str = "10.1.0.0/24"
    proposals: str = "aes256-sha256-modp2048"
    esp_proposals: str = "aes256-sha256"
    rekey_time: str = "4h"
    aggressive: bool = False
    version: int = 1
    install_routes: bool = True
    extra: dict[str, str] = field(default_factory=dict)

    def swanctl_conf(self) -> str:
        extra = "".join(f"    {key} = {value}\n" for key, value in self.extra.items())
        return (
            f"connections {{\n  r1 {{\n    version = {self.version}\n"
            f"    aggressive = {'yes' if self.aggressive else 'no'}\n"
            "    encap = yes\n"
            f"    local_addrs = {self.local}\n    remote_addrs = {self.remote}\n"
            f"    proposals = {self.proposals}\n    rekey_time = {self.rekey_time}\n{extra}"
            f"    local {{\n      auth = psk\n      id = {self.local}\n    }}\n"
            f"    remote {{\n      auth = psk\n      id = {self.remote}\n    }}\n"
            "    children {\n      net {\n"
            f"        local_ts = {self.local_ts}\n        remote_ts = {self.remote_ts}\n"
            f"        esp_proposals = {self.esp_proposals}\n        mode = tunnel\n"
            "      }\n    }\n  }\n}\n"
            f"secrets {{\n  ike-r1 {{\n    id = {self.remote}\n    secret = \"{self.psk}\"\n  }}\n}}\n"
        )


class Charon:
    def __init__(self, netns: str, workdir: Path) -> None:
        self.netns = netns
        self.workdir = workdir
        self.vici = workdir / "charon.vici"
        self.log = workdir / "charon.log"
        self._process: asyncio.subprocess.Process | None = None

    @property
    def env(self) -> dict[str, str]:
        return {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "STRONGSWAN_CONF": str(self.workdir / "strongswan.conf")}

    async def start(self, peer: SwanPeer) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        (self.workdir / "strongswan.conf").write_text(
            f"charon {{\n  load = {PLUGINS}\n  retransmit_tries = 3\n  retransmit_timeout = 1\n"
            f"  install_routes = {'yes' if peer.install_routes else 'no'}\n"
            "  i_dont_care_about_security_and_use_aggressive_mode_psk = yes\n"
            f"  filelog {{\n    swan {{\n      path = {self.log}\n      default = 1\n      ike = 2\n      "
            "time_format = %T\n    }\n  }\n"
            f"  plugins {{\n    vici {{\n      socket = unix://{self.vici}\n    }}\n  }}\n}}\n"
            "swanctl {\n  load = pem pkcs1 x509 pubkey random nonce\n}\n")
        (self.workdir / "swanctl.conf").write_text(peer.swanctl_conf())
        run_dir = self.workdir / "run"
        run_dir.mkdir(exist_ok=True)
        # charon refuses to start while /run/charon.pid exists, so another test's charon on this machine would
        # stop it: `ip netns exec` gives it a private mount namespace, where its own /run is bind-mounted
        self._process = await asyncio.create_subprocess_exec(
            "ip", "netns", "exec", self.netns, "sh", "-c", 'mount --bind "$1" /run && exec "$2"', "charon",
            str(run_dir), str(CHARON), env=self.env,
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)
        for _ in range(100):  # the vici socket appears when charon is ready
            if self.vici.exists():
                break
            await asyncio.sleep(0.1)
        code, out = await self.swanctl("--load-all", "--file", str(self.workdir / "swanctl.conf"))
        assert code == 0, out

    async def swanctl(self, *args: str, timeout: float = 60) -> tuple[int, str]:
        assert SWANCTL is not None
        command, *rest = args
        process = await asyncio.create_subprocess_exec(
            SWANCTL, command, "--uri", f"unix://{self.vici}", *rest, env=self.env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
        out, _ = await asyncio.wait_for(process.communicate(), timeout)
        lines = [ln for ln in out.decode().splitlines() if not ln.startswith("plugin '")]
        assert process.returncode is not None
        return process.returncode, "\n".join(lines)

    async def stop(self) -> None:
        if self._process is not None and self._process.returncode is None:
            self._process.terminate()
            await asyncio.wait_for(self._process.wait(), 30)
        self._process = None

    def log_text(self) -> str:
        return self.log.read_text() if self.log.exists() else ""
