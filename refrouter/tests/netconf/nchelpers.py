"""Helpers for the NETCONF tests: the router under test, ncclient sessions, a raw RFC 6242 client, payloads."""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncssh
from lxml import etree
from ncclient import manager
from ncclient.manager import Manager

from refrouter.transports.netconf.server import NetconfServer
from refrouter.transports.ssh.server import RouterSSHServer

NC = "urn:ietf:params:xml:ns:netconf:base:1.0"
NATIVE = "http://cisco.com/ns/yang/Cisco-IOS-XE-native"
CRYPTO = "http://cisco.com/ns/yang/Cisco-IOS-XE-crypto"
ACL = "http://cisco.com/ns/yang/Cisco-IOS-XE-acl"
OPER = "http://cisco.com/ns/yang/Cisco-IOS-XE-crypto-oper"
NS = {"nc": NC, "ios": NATIVE, "crypto": CRYPTO, "acl": ACL, "oper": OPER}
READ_TIMEOUT = 20.0  # a hang guard only

HERE = Path(__file__).resolve().parent
REFERENCE_YANG = HERE.parents[3] / "shared" / "reference" / "yang"


@dataclass
class NetconfRouter:
    live: Any  # conftest.LiveRouter
    service: NetconfServer
    ssh: RouterSSHServer

    @property
    def port(self) -> int:
        return self.ssh.port

    @property
    def router(self) -> Any:
        return self.live.router

    def connect(self, device: str | None = "iosxe", user: tuple[str, str] | None = None) -> Manager:
        """An ncclient session as the lab user, or as `user` (username, password)."""
        username, password = user or (self.live.credentials.username, self.live.credentials.password)
        params = {"name": device} if device else {}
        return manager.connect(
            host="127.0.0.1", port=self.port, username=username, password=password,
            hostkey_verify=False, device_params=params, look_for_keys=False, allow_agent=False, timeout=READ_TIMEOUT,
        )

    def cli(self, lines: list[str]) -> list[str]:
        return self.live.configure(lines)

    def running_config(self) -> str:
        return self.live.running_config()

    def section(self, header: str) -> str:
        """The running-config block that starts with `header` (header line included)."""
        lines = self.running_config().splitlines()
        start = next((i for i, line in enumerate(lines) if line == header or line == header + " "), None)
        if start is None:
            return ""
        block = [lines[start]]
        for line in lines[start + 1:]:
            if not line.startswith(" "):
                break
            block.append(line)
        return "\n".join(block)


def config(inner: str, *, crypto: bool = True) -> str:
    """An edit-config `<config>`: `inner` placed inside `<native><crypto>` (or inside `<native>`)."""
    body = f"<crypto>{inner}</crypto>" if crypto else inner
    return f'<config xmlns="{NC}" xmlns:nc="{NC}"><native xmlns="{NATIVE}">{body}</native></config>'


def isakmp(inner: str) -> str:
    return f'<isakmp xmlns="{CRYPTO}">{inner}</isakmp>'


def ipsec(inner: str) -> str:
    return f'<ipsec xmlns="{CRYPTO}">{inner}</ipsec>'


def crypto_map(inner: str) -> str:
    return f'<map xmlns="{CRYPTO}"><map-seq>{inner}</map-seq></map>'


def xml(reply: Any) -> etree._Element:
    return etree.fromstring(reply.xml.encode())


def texts(reply: Any, path: str) -> list[str]:
    return [str(t).strip() for t in xml(reply).xpath(path + "/text()", namespaces=NS)]


# ------------------------------------------------------------------------------------------ raw client


class RawNetconf:
    """A hand-driven NETCONF client: it sends exactly the bytes a test gives it."""

    def __init__(self, conn: asyncssh.SSHClientConnection, writer: Any, reader: Any) -> None:
        self.conn, self.writer, self.reader = conn, writer, reader
        self.buffer = b""

    @classmethod
    async def open(cls, nc: NetconfRouter, user: tuple[str, str] | None = None) -> RawNetconf:
        username, password = user or (nc.live.credentials.username, nc.live.credentials.password)
        conn = await asyncssh.connect("127.0.0.1", port=nc.port, username=username, password=password,
                                      known_hosts=None, client_keys=None, agent_path=None)
        writer, reader, _ = await conn.open_session(subsystem="netconf", encoding=None)
        return cls(conn, writer, reader)

    async def read_until(self, marker: bytes) -> bytes:
        while marker not in self.buffer:
            data = await asyncio.wait_for(self.reader.read(65536), READ_TIMEOUT)
            if not data:
                raise EOFError(self.buffer)
            self.buffer += data
        message, self.buffer = self.buffer.split(marker, 1)
        return message

    async def read_chunked(self) -> bytes:
        """One chunked-framed message (this client only ever receives well-formed chunks)."""
        body = b""
        while True:
            assert await self.read_until(b"\n") == b"", self.buffer
            header = await self.read_until(b"\n")
            if header == b"##":
                return body
            size = int(header[1:])
            while len(self.buffer) < size:
                self.buffer += await asyncio.wait_for(self.reader.read(65536), READ_TIMEOUT)
            body, self.buffer = body + self.buffer[:size], self.buffer[size:]

    async def read_to_eof(self) -> bytes:
        while True:
            data = await asyncio.wait_for(self.reader.read(65536), READ_TIMEOUT)
            if not data:
                return self.buffer
            self.buffer += data

    def send(self, data: bytes) -> None:
        self.writer.write(data)

    async def close(self) -> None:
        self.conn.close()
        await self.conn.wait_closed()


def hello(*capabilities: str) -> bytes:
    caps = "".join(f"<capability>{c}</capability>" for c in capabilities)
    return f'<hello xmlns="{NC}"><capabilities>{caps}</capabilities></hello>]]>]]>'.encode()


def rpc(message_id: str, body: str) -> bytes:
    return f'<rpc message-id="{message_id}" xmlns="{NC}">{body}</rpc>'.encode()


# ------------------------------------------------------------------------------------------ yanglint


def yanglint_modules() -> list[str]:
    return [
        str(REFERENCE_YANG / "validation-set-17181" / "Cisco-IOS-XE-native.yang"),
        str(REFERENCE_YANG / "Cisco-IOS-XE-crypto.yang"),
        str(REFERENCE_YANG / "Cisco-IOS-XE-crypto-oper.yang"),
        str(HERE / "yang" / "Cisco-IOS-XE-acl.yang"),
        str(HERE / "yang" / "ietf-netconf.yang"),
    ]


def yanglint(documents: dict[str, bytes], data_type: str, workdir: Path) -> str:
    """Validate every document with one yanglint run; return its error lines ('' when all are valid)."""
    binary = shutil.which("yanglint")
    assert binary, "yanglint missing"
    files = []
    for name, data in documents.items():
        path = workdir / f"{name}.xml"
        path.write_bytes(data)
        files.append(str(path))
    search = ["-p", str(REFERENCE_YANG / "validation-set-17181"), "-p", str(REFERENCE_YANG), "-p", str(HERE / "yang")]
    result = subprocess.run(
        [binary, *search, "-F", "Cisco-IOS-XE-features:crypto", "-t", data_type, "-f", "xml", *files,
         *yanglint_modules()],
        capture_output=True, text=True, timeout=300, check=False,
    )
    errors = [line for line in result.stderr.splitlines() if not line.startswith("libyang warn")]
    if result.returncode != 0 and not errors:
        errors = [f"yanglint exited {result.returncode}"]
    return "\n".join(errors)


def data_content(reply_xml: str) -> list[etree._Element]:
    """The children of a reply's `<data>`, for validation as standalone documents."""
    root = etree.fromstring(reply_xml.encode())
    data = root.find(f"{{{NC}}}data")
    assert data is not None, reply_xml
    return list(data)


def strip_ws(text: str) -> str:
    return re.sub(r">\s+<", "><", text.strip())
