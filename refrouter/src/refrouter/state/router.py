"""One reference router: its datastore (running/startup config, logs) and its identity."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .archive import ArchiveLog
from .config.model import RunningConfig
from .config.private import dump_private, load_private
from .config.render import render_running_config
from .flash import FlashFileSystem
from .identity import Credentials, Identity
from .login_guard import LoginGuard
from .management import ManagementAccess, cut_reason
from .oper.clock import ScaledClock
from .oper.logins import LoginTable
from .oper.state import OperState
from .oper.syslog import SyslogBuffer
from .persistence import atomic_write, prepare_state_dir
from .secrets import hash_secret

ConfigLoader = Callable[["Router", str], list[str]]
"""Applies configuration text to a router; returns the lines IOS would reject (the lab wires the CLI's)."""


@functools.lru_cache(maxsize=16)
def credential_hashes(enable_secret: str, password: str) -> tuple[str, str]:
    """The lab credentials' hashes, made once per process: scrypt costs ~7-11 ms each, and every router of a lab
    boots with the same credentials (the lab file's), so 2,000 routers would spend 30-45 s hashing them. The
    routers of a lab therefore print the same `$9$` strings for them, which tells nothing the lab file does not;
    a secret set later (CLI, NETCONF) gets its own salt (docs/lab-file.md)."""
    return hash_secret(enable_secret), hash_secret(password)


def _no_lock_owner() -> int | None:
    return None


@dataclass
class Router:
    name: str
    state_dir: Path | None = None
    credentials: Credentials = field(default_factory=Credentials)
    identity: Identity = field(default_factory=Identity)
    time_scale: float = 1.0
    config_loader: ConfigLoader | None = None
    running: RunningConfig = field(init=False)
    clock: ScaledClock = field(init=False)
    oper: OperState = field(init=False)
    login_guard: LoginGuard = field(init=False)
    last_change: float | None = field(default=None, init=False)
    # `show configuration id`: goes up with every change of the running config (commands, NETCONF, replace,
    # revert, boot), never down while the process lives, so a client can tell a cached copy is stale
    config_id: int = field(default=0, init=False)
    # show output kept by the renderers with the inputs it was made from (show/session_show.py)
    show_cache: dict[str, tuple[object, str]] = field(default_factory=dict, init=False)
    acl_hits: dict[tuple[str, int], int] = field(default_factory=dict, init=False)
    boot_errors: list[str] = field(default_factory=list, init=False)
    # the data plane the lab attached (refrouter.dataplane.node.DataPlane): state does not know its type
    dataplane: object | None = field(default=None, init=False)
    on_boot: list[Callable[[Router], None]] = field(default_factory=list, init=False)
    config_lock_owner: Callable[[], int | None] = field(default_factory=lambda: _no_lock_owner, init=False)
    config_dirty: bool = field(default=False, init=False)
    logins: LoginTable = field(default_factory=LoginTable, init=False)  # survives reload: SSH sessions do
    flash: FlashFileSystem = field(init=False)  # bootflash:, next to the startup-config
    archive_log: ArchiveLog = field(default_factory=ArchiveLog, init=False)
    management: ManagementAccess | None = None  # the lab's management path (management_interface/_source)
    on_management_cut: list[Callable[[str], None]] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        if self.state_dir is not None:
            prepare_state_dir(self.state_dir)
        self.flash = FlashFileSystem(self.state_dir / "bootflash" if self.state_dir else None)
        self._reset_state()
        self.running = self.factory_config()

    def _reset_state(self) -> None:
        """A fresh clock and operational state, as after a power cycle."""
        self.clock = ScaledClock(self.time_scale)
        self.oper = OperState(self.clock)
        self.login_guard = LoginGuard(self)
        self.archive_log = ArchiveLog()

    @property
    def logs(self) -> SyslogBuffer:
        return self.oper.syslog

    # ---------------------------------------------------------------- config lifecycle

    def factory_config(self) -> RunningConfig:
        cfg = RunningConfig.factory_default(self.name)
        cfg.enable_secret_hash, cfg.users[self.credentials.username] = self._credential_hashes
        cfg.master_key = self.read_master_key()
        cfg.user_privileges[self.credentials.username] = 15  # the lab user may use NETCONF (docs/netconf.md)
        return cfg

    @cached_property
    def _credential_hashes(self) -> tuple[str, str]:
        """The lab credentials' hashes (enable secret, password)."""
        return credential_hashes(self.credentials.enable_secret, self.credentials.password)

    @property
    def startup_path(self) -> Path | None:
        return self.state_dir / "startup-config" if self.state_dir else None

    @property
    def master_key_path(self) -> Path | None:
        """`key config-key password-encrypt`: kept apart from the configuration, as IOS keeps it in NVRAM."""
        return self.state_dir / "config-key" if self.state_dir else None

    def read_master_key(self) -> str | None:
        path = self.master_key_path
        return path.read_text(encoding="utf-8") if path and path.exists() else None

    def save_master_key(self, key: str) -> None:
        self.running.master_key = key
        if self.master_key_path is not None:
            atomic_write(self.master_key_path, key)

    def read_startup(self) -> str | None:
        path = self.startup_path
        if path and path.exists():
            return path.read_text(encoding="utf-8")
        return None

    def write_startup(self) -> None:
        if self.startup_path is None:
            raise OSError("no state directory")
        atomic_write(self.startup_path, self.running_config_text())
        atomic_write(self.startup_path.with_name("private-config"), dump_private(self.running.pki.rsa_keys))
        self.config_dirty = False
        archive = self.running.archive
        if archive is not None and archive.write_memory:  # `archive` / `write-memory`
            self.archive_config()

    def archive_config(self) -> str | None:
        """Save the running config as the next archive file (`archive config`); its name, None without a path."""
        if self.running.archive is None:
            return None
        return self.archive_log.archive(self.running.archive, self.running.hostname, self.flash,
                                        self.running_config_text())

    def erase_startup(self) -> None:
        if self.startup_path and self.startup_path.exists():
            self.startup_path.unlink()

    def running_config_text(self) -> str:
        return render_running_config(self.running, self.identity.version)

    def mark_changed(self) -> None:
        self.last_change = time.time()
        self.config_id += 1
        self.config_dirty = True

    def management_cut(self) -> str | None:
        """Why management traffic no longer reaches this router (None: it does, or no path is declared)."""
        if self.management is None:
            return None
        return cut_reason(self.running, self.management, self.oper.ipsec_tunnel_list())

    def check_management(self) -> str | None:
        """After a change: when management is cut, the transports drop their sessions (hooks)."""
        reason = self.management_cut()
        if reason is not None:
            for hook in list(self.on_management_cut):
                hook(reason)
        return reason

    def uptime_seconds(self) -> float:
        return self.clock.now()

    # ---------------------------------------------------------------- boot and reload

    def boot(self, seed_config: str | None = None) -> None:
        """Load the saved startup config, or `seed_config` when the state dir holds none."""
        self.running = self.factory_config()
        private = self.startup_path.with_name("private-config") if self.startup_path else None
        if private and private.exists():
            self.running.pki.rsa_keys = load_private(private.read_text(encoding="utf-8"))
        text = self.read_startup()
        if text is None:
            text = seed_config
        self._reset_state()
        self.boot_errors = self.load_config(text) if text else []
        self.config_id += 1
        self.config_dirty = False
        self.logs.log("%SYS-5-RESTART: System restarted --")
        for hook in self.on_boot:
            hook(self)

    def reload(self) -> None:
        self.boot()

    def load_config(self, text: str) -> list[str]:
        """Apply configuration text through the wired loader; the rejected lines."""
        if self.config_loader is None:
            raise RuntimeError(f"{self.name}: no config loader wired (build the router with refrouter.lab.boot)")
        return self.config_loader(self, text)
