"""SCP and SFTP on the router's SSH server: `bootflash:` files in and out, as `ip scp server enable` allows.

asyncssh serves both protocols through one SFTP server object; this one maps IOS paths (`bootflash:name`,
`flash:/name`, `/name`) onto the router's flash directory and refuses everything while the router's running
config lacks `ip scp server enable` (docs/refrouter-files.md).
"""

from __future__ import annotations

import os

import asyncssh

from ...state.flash import NAME_RE, split_path
from ...state.persistence import PRIVATE_FILE
from ...state.router import Router


class FlashSftpServer(asyncssh.SFTPServer):
    def __init__(self, chan: asyncssh.SSHServerChannel, router: Router) -> None:
        root = router.flash.root
        super().__init__(chan, chroot=str(root).encode() if root is not None else None)
        self.router = router

    def map_path(self, path: bytes) -> bytes:
        """Every request maps its path first: refused while `ip scp server enable` is off (checked per
        request, so turning it off stops a session in progress too)."""
        if self.router.flash.root is None or not self.router.running.ip_scp_server:
            raise asyncssh.SFTPPermissionDenied("file transfer is not enabled (ip scp server enable)")
        text = path.decode("utf-8", errors="replace")
        where = split_path(text)
        name = where[1] if where is not None else text.lstrip("/")
        if name in ("", ".", ".."):  # the file system itself (`..` of its root is the root, as in a chroot)
            return super().map_path(b"/")
        if not NAME_RE.fullmatch(name):
            raise asyncssh.SFTPPermissionDenied("Invalid argument")
        return super().map_path(b"/" + name.encode())

    def open(self, path: bytes, pflags: int, attrs: asyncssh.SFTPAttrs) -> object:
        """Files are created 0600, whatever mode the client asks for (SCP sends `C0644`)."""
        attrs.permissions = PRIVATE_FILE
        handle = super().open(path, pflags, attrs)
        os.fchmod(handle.fileno(), PRIVATE_FILE)  # type: ignore[attr-defined]
        return handle

    def open56(self, path: bytes, desired_access: int, flags: int, attrs: asyncssh.SFTPAttrs) -> object:
        attrs.permissions = PRIVATE_FILE
        handle = super().open56(path, desired_access, flags, attrs)
        os.fchmod(handle.fileno(), PRIVATE_FILE)  # type: ignore[attr-defined]
        return handle

    def setstat(self, path: bytes, attrs: asyncssh.SFTPAttrs) -> None:
        attrs.permissions = None  # the mode stays 0600
        super().setstat(path, attrs)

    def fsetstat(self, file_obj: object, attrs: asyncssh.SFTPAttrs) -> None:
        attrs.permissions = None
        super().fsetstat(file_obj, attrs)

    def mkdir(self, path: bytes, attrs: asyncssh.SFTPAttrs) -> None:
        raise asyncssh.SFTPOpUnsupported("bootflash: holds files only")

    def symlink(self, oldpath: bytes, newpath: bytes) -> None:
        raise asyncssh.SFTPOpUnsupported("links are not supported")

    def link(self, oldpath: bytes, newpath: bytes) -> None:
        raise asyncssh.SFTPOpUnsupported("links are not supported")


def sftp_factory(router: Router) -> asyncssh.SFTPServerFactory:
    def make(chan: asyncssh.SSHServerChannel) -> asyncssh.SFTPServer:
        return FlashSftpServer(chan, router)

    return make
