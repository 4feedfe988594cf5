"""SCP and SFTP on the router's SSH server: `bootflash:` files in and out, as `ip scp server enable` allows.

asyncssh serves both protocols through one SFTP server object; this one maps IOS paths (`bootflash:name`,
`flash:/name`, `/name`) onto the router's flash directory and refuses everything while the router's running
config lacks `ip scp server enable` (docs/refrouter-files.md).
"""

from __future__ import annotations

import asyncssh

from ...state.flash import NAME_RE, split_path
from ...state.router import Router


class FlashSftpServer(asyncssh.SFTPServer):
    def __init__(self, chan: asyncssh.SSHServerChannel, router: Router) -> None:
        root = router.flash.root
        if root is None or not router.running.ip_scp_server:
            raise asyncssh.SFTPPermissionDenied("file transfer is not enabled (ip scp server enable)")
        super().__init__(chan, chroot=str(root).encode())
        self.router = router

    def map_path(self, path: bytes) -> bytes:
        text = path.decode("utf-8", errors="replace")
        where = split_path(text)
        name = where[1] if where is not None else text.lstrip("/")
        if name in ("", "."):
            return super().map_path(b"/")
        if not NAME_RE.fullmatch(name) or name == "..":
            raise asyncssh.SFTPPermissionDenied("Invalid argument")
        return super().map_path(b"/" + name.encode())


def sftp_factory(router: Router) -> asyncssh.SFTPServerFactory:
    def make(chan: asyncssh.SSHServerChannel) -> asyncssh.SFTPServer:
        return FlashSftpServer(chan, router)

    return make
