"""Global login protection and secret encryption: `login block-for|delay|quiet-mode`, `key config-key`,
`password encryption aes`, `service password-encryption`."""

from __future__ import annotations

from ...state.config.model import LoginBlock
from ..mode import Args, Mode, command

NO_MASTER_KEY = "% WARNING: Master key not configured, password encryption will not take effect\n"
SHORT_MASTER_KEY = "% New key must be at least 8 characters long\n"
MASTER_KEY_MIN_LENGTH = 8


class SecurityMixin(Mode):
    @command("login block-for <block_for:1-65535> attempts <attempts:1-65535> within <within:1-65535>")
    def login_block_for(self, args: Args) -> None:
        self.router.running.login_block = LoginBlock(args["block_for"], args["attempts"], args["within"])
        self.changed()

    @command("no login block-for [<rest:line>]")
    def no_login_block_for(self, args: Args) -> None:
        self.router.running.login_block = None
        self.changed()

    @command("login delay <seconds:1-10>")
    def login_delay(self, args: Args) -> None:
        self.router.running.login_delay = args["seconds"]
        self.changed()

    @command("no login delay [<seconds:1-10>]")
    def no_login_delay(self, args: Args) -> None:
        self.router.running.login_delay = None
        self.changed()

    @command("login quiet-mode access-class <acl:word>")
    def login_quiet_acl(self, args: Args) -> None:
        self.router.running.login_quiet_acl = args["acl"]
        self.changed()

    @command("no login quiet-mode access-class [<acl:word>]")
    def no_login_quiet_acl(self, args: Args) -> None:
        self.router.running.login_quiet_acl = None
        self.changed()

    @command("key config-key password-encrypt <key:word>")
    def config_key(self, args: Args) -> str | None:
        """The master key: stored apart from the configuration, never shown (IOS keeps it in NVRAM)."""
        if len(args["key"]) < MASTER_KEY_MIN_LENGTH:
            return SHORT_MASTER_KEY
        self.router.save_master_key(args["key"])
        return None

    @command("password encryption aes")
    def password_encryption_aes(self, args: Args) -> str | None:
        self.router.running.password_encryption_aes = True
        self.changed()
        return None if self.router.running.master_key else NO_MASTER_KEY

    @command("no password encryption aes")
    def no_password_encryption_aes(self, args: Args) -> None:
        self.router.running.password_encryption_aes = False
        self.changed()

    @command("service password-encryption")
    @command("no service password-encryption")
    def service_password_encryption(self, args: Args) -> None:
        self.router.running.service_password_encryption = "no" not in args
        self.changed()
