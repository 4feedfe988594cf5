"""User EXEC (`R>`) and privileged EXEC (`R#`): one processor, commands gated by privilege."""

from __future__ import annotations

from ...dataplane.node import DataPlane
from ...dataplane.ping import run_ping
from ...show import config_show, ip_show, ipsec_globals_show, running_config_show, system_show, users_show
from ...show.login_show import show_login
from ...state.secrets import check_secret
from ..mode import Args, Mode, command
from ..session import Output
from .exec_archive import ArchiveCommandsMixin
from .exec_crypto import CryptoOperMixin
from .exec_files import FileCommandsMixin
from .exec_ikev1 import Ikev1ShowMixin
from .exec_ikev2 import Ikev2ShowMixin
from .exec_interfaces import InterfaceShowMixin
from .ping_options import parse_ping_options

CONFIG_BANNER = "Enter configuration commands, one per line.  End with CNTL/Z."
MAX_ENABLE_TRIES = 3


class ExecMode(
    Ikev2ShowMixin,
    CryptoOperMixin,
    Ikev1ShowMixin,
    InterfaceShowMixin,
    FileCommandsMixin,
    ArchiveCommandsMixin,
    Mode,
):
    is_config = False

    # ------------------------------------------------------------ privilege and session

    @command("enable [<level:0-15>]")
    def enable(self, args: Args) -> str | None:
        level = args.get("level", 15)
        if level <= self.session.privilege:
            self.session.privilege = level
            return None
        secret = self.router.running.enable_secret_hash
        if secret is None:
            self.session.privilege = level
            return None
        self._ask_enable_password(level, secret, MAX_ENABLE_TRIES)
        return None

    def _ask_enable_password(self, level: int, secret: str, tries_left: int) -> None:
        def answer(text: str) -> str | None:
            if check_secret(text, secret):
                self.session.privilege = level
                return None
            if tries_left > 1:
                self._ask_enable_password(level, secret, tries_left - 1)
                return None
            return "% Bad secrets\n"

        self.session.ask("Password: ", answer, echo=False)

    @command("disable [<level:0-15>]")
    def disable(self, args: Args) -> None:
        self.session.privilege = min(args.get("level", 1), self.session.privilege)

    @command("exit")
    @command("logout")
    @command("quit")
    def exit(self, args: Args) -> None:
        self.session.close()

    @command("terminal length <lines:0-512>")
    def terminal_length(self, args: Args) -> None:
        self.session.term_length = args["lines"]

    @command("terminal width <columns:0-512>")
    def terminal_width(self, args: Args) -> None:
        self.session.term_width = args["columns"]

    @command("terminal monitor")
    @command("terminal no monitor")
    def terminal_monitor(self, args: Args) -> None:
        return None

    @command("show privilege")
    def show_privilege(self, args: Args) -> str:
        return f"Current privilege level is {self.session.privilege}\n"

    # ------------------------------------------------------------ configuration

    @command("configure terminal", privilege=15)
    @command("configure", privilege=15)
    def configure(self, args: Args) -> str | None:
        if "terminal" in args:
            return self._enter_config()

        def answer(text: str) -> str | None:
            choice = text.strip().lower() or "terminal"
            if "terminal".startswith(choice):
                return self._enter_config()
            return "?Must be \"terminal\", \"memory\" or \"network\"\n"

        self.session.ask("Configuring from terminal, memory, or network [terminal]? ", answer)
        return None

    def _enter_config(self) -> str:
        from .config import ConfigMode

        owner = self.router.config_lock_owner()
        if owner is not None:  # a NETCONF <lock> on running is global on IOS XE
            return (f"Configuration mode is locked by process '{owner}' user 'NETCONF' from terminal "
                    f"'{owner}'. Please try later.\n")
        self.session.push(ConfigMode(self.session))
        return CONFIG_BANNER + "\n"

    @command("write [memory]", privilege=15)
    def write_memory(self, args: Args) -> str:
        return self._save()

    def _save(self) -> str:
        try:
            self.router.write_startup()
        except OSError as exc:
            return f"%Error writing nvram:startup-config ({exc.strerror or exc})\n"
        return "Building configuration...\n[OK]\n"

    @command("erase startup-config", privilege=15)
    @command("erase nvram:", privilege=15)
    @command("write erase", privilege=15)
    def erase(self, args: Args) -> None:
        def answer(text: str) -> str:
            if text.strip().lower() not in ("", "y", "yes", "confirm"):
                return ""
            self.router.erase_startup()
            return "[OK]\nErase of nvram: complete\n"

        self.session.ask(
            "Erasing the nvram filesystem will remove all configuration files! Continue? [confirm]", answer
        )

    @command("reload", privilege=15)
    def reload(self, args: Args) -> None:
        def confirm(text: str) -> str:
            if text.strip().lower() not in ("", "y", "yes", "confirm"):
                return ""
            self.session.close()
            self.router.reload()
            return ""

        def save(text: str) -> str | None:
            if text.strip().lower() in ("y", "yes"):
                self._save()
            self.session.ask("Proceed with reload? [confirm]", confirm)
            return None

        if self.router.config_dirty:
            self.session.ask("System configuration has been modified. Save? [yes/no]: ", save)
        else:
            self.session.ask("Proceed with reload? [confirm]", confirm)

    # ------------------------------------------------------------ data plane

    @command("ping <target:ip> [<options:line>]")
    def ping(self, args: Args) -> Output:
        plane = self.router.dataplane
        if not isinstance(plane, DataPlane):
            return "% Ping is not available: this router has no data plane\n"
        opts = parse_ping_options(self.router, args["target"], args.get("options", ""), args["_col"].get("options", 0))
        return run_ping(plane, opts)

    # ------------------------------------------------------------ show (configuration and system)

    @command("show version")
    def show_version(self, args: Args) -> str:
        return system_show.version(self.router)

    @command("show running-config [all]", privilege=15)
    def show_running(self, args: Args) -> str:
        return running_config_show.running_config(self.router)

    @command("show running-config interface <name:iface>", privilege=15)
    def show_running_interface(self, args: Args) -> str:
        return running_config_show.running_interface(self.router, args["name"])

    @command("show startup-config", privilege=15)
    def show_startup(self, args: Args) -> str:
        return running_config_show.startup_config(self.router)

    @command("show configuration id", privilege=15)
    def show_configuration_id(self, args: Args) -> str:
        return running_config_show.configuration_id(self.router)

    @command("show clock")
    def show_clock(self, args: Args) -> str:
        return system_show.clock()

    @command("show ip interface brief")
    def show_ip_int_brief(self, args: Args) -> str:
        return ip_show.ip_interface_brief(self.router)

    @command("show ip route")
    def show_ip_route(self, args: Args) -> str:
        return ip_show.ip_route(self.router)

    @command("show access-lists [<name:word>]")
    @command("show ip access-lists [<name:word>]")
    def show_access_lists(self, args: Args) -> str:
        return ip_show.access_lists(self.router, args.get("name"))

    @command("show logging")
    def show_logging(self, args: Args) -> str:
        return system_show.logging(self.router)

    @command("show inventory")
    def show_inventory(self, args: Args) -> str:
        return system_show.inventory(self.router)

    @command("show users")
    def show_users(self, args: Args) -> str:
        return users_show.users(self.router, self.session.line, self.session.user)

    @command("show login")
    def show_login(self, args: Args) -> str:
        return show_login(self.router)

    @command("show crypto isakmp policy")
    def show_isakmp_policy(self, args: Args) -> str:
        return config_show.isakmp_policy(self.router)

    @command("show crypto isakmp default policy")
    def show_isakmp_default_policy(self, args: Args) -> str:
        return config_show.isakmp_default_policy(self.router)

    @command("show crypto isakmp key", privilege=15)
    def show_isakmp_key(self, args: Args) -> str:
        return config_show.isakmp_key(self.router)

    @command("show crypto ipsec transform-set [tag <name:word>]")
    def show_transform_set(self, args: Args) -> str:
        return config_show.transform_sets(self.router, args.get("name"))

    @command("show crypto ipsec default transform-set")
    def show_default_transform_set(self, args: Args) -> str:
        return config_show.default_transform_sets(self.router)

    @command("show crypto ipsec security-association")
    def show_ipsec_security_association(self, args: Args) -> str:
        return ipsec_globals_show.security_association(self.router)

    @command("show crypto map [tag <name:word>]")
    def show_crypto_map(self, args: Args) -> str:
        return config_show.crypto_map(self.router, args.get("name"))

    @command("show crypto dynamic-map [tag <name:word>]")
    def show_dynamic_map(self, args: Args) -> str:
        return config_show.dynamic_map(self.router, args.get("name"))
