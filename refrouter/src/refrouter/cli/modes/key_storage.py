"""How the router stores secrets: `password encryption aes`, the master key, `service password-encryption`."""

from __future__ import annotations

from ...state.config.type6 import decrypt, encrypt
from ..mode import Args, Mode, command

NO_MASTER_KEY = "% Master key not configured, password encryption will not take effect\n"


class KeyStorageMixin(Mode):
    @command("password encryption aes")
    def password_encryption(self, args: Args) -> str | None:
        storage = self.router.running.key_storage
        storage.password_encryption_aes = True
        self._encrypt_keys()
        self.changed()
        return None if storage.master_key else NO_MASTER_KEY.replace("% ", "% WARNING: ", 1)

    @command("no password encryption aes")
    def no_password_encryption(self, args: Args) -> None:
        """New keys are stored in clear again; keys already stored as type 6 stay so (as IOS)."""
        self.router.running.key_storage.password_encryption_aes = False
        self.changed()

    @command("key config-key password-encrypt <master:word>")
    def master_key(self, args: Args) -> str | None:
        if len(args["master"]) < 8:
            return "% New key must be at least 8 characters long\n"
        storage = self.router.running.key_storage
        old, storage.master_key = storage.master_key, args["master"]
        for key in self.router.running.isakmp_keys:
            if key.stored is not None and old is not None and decrypt(key.stored, old) is not None:
                key.stored = encrypt(key.key, storage.master_key)  # re-encrypted under the new master key
        self._encrypt_keys()
        self.changed()
        return None

    @command("service password-encryption")
    @command("no service password-encryption")
    def service_password_encryption(self, args: Args) -> None:
        self.router.running.key_storage.service_password_encryption = "no" not in args
        self.changed()

    def _encrypt_keys(self) -> None:
        storage = self.router.running.key_storage
        if not storage.encrypts or storage.master_key is None:
            return
        for key in self.router.running.isakmp_keys:
            if key.stored is None:
                key.stored = encrypt(key.key, storage.master_key)
