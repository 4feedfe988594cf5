"""`(config-isakmp)#`: one ISAKMP protection suite."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...state.config.model import (
    ISAKMP_DEFAULT_AUTH,
    ISAKMP_DEFAULT_ENCRYPTION,
    ISAKMP_DEFAULT_GROUP,
    ISAKMP_DEFAULT_HASH,
    ISAKMP_DEFAULT_LIFETIME,
    IsakmpPolicy,
)
from ..mode import Args, command
from .base import SubMode, unless_present

if TYPE_CHECKING:
    from ..session import CliSession

DH_GROUPS = "{1|2|5|14|15|16|19|20|21|24}=group"


class IsakmpMode(SubMode):
    tag = "(config-isakmp)"

    def __init__(self, session: CliSession, policy: IsakmpPolicy) -> None:
        super().__init__(session)
        self.policy = policy

    def removed(self) -> str | None:
        priority = self.policy.priority
        policies = self.router.running.isakmp_policies
        return unless_present(policies, priority, self.policy, f"crypto isakmp policy {priority}")

    @command("encryption {des|3des|aes}=cipher [{128|192|256}=size]")
    def encryption(self, args: Args) -> None:
        self.policy.encryption = args["cipher"]
        size = args.get("size")
        self.policy.key_size = int(size) if size and args["cipher"] == "aes" and size != "128" else None
        self.changed()

    @command("hash {md5|sha|sha256|sha384|sha512}=hash")
    def hash(self, args: Args) -> None:
        self.policy.hash = args["hash"]
        self.changed()

    @command("authentication {pre-share|rsa-sig|rsa-encr}=method")
    def authentication(self, args: Args) -> None:
        self.policy.authentication = args["method"]
        self.changed()

    @command("group " + DH_GROUPS)
    def group(self, args: Args) -> None:
        self.policy.group = int(args["group"])
        self.changed()

    @command("lifetime <seconds:60-86400>")
    def lifetime(self, args: Args) -> None:
        self.policy.lifetime = args["seconds"]
        self.changed()

    @command("no encryption [{des|3des|aes}] [{128|192|256}]")
    @command("default encryption")
    def no_encryption(self, args: Args) -> None:
        self.policy.encryption, self.policy.key_size = ISAKMP_DEFAULT_ENCRYPTION, None
        self.changed()

    @command("no hash [{md5|sha|sha256|sha384|sha512}]")
    @command("default hash")
    def no_hash(self, args: Args) -> None:
        self.policy.hash = ISAKMP_DEFAULT_HASH
        self.changed()

    @command("no authentication [{pre-share|rsa-sig|rsa-encr}]")
    @command("default authentication")
    def no_authentication(self, args: Args) -> None:
        self.policy.authentication = ISAKMP_DEFAULT_AUTH
        self.changed()

    @command("no group [" + DH_GROUPS + "]")
    @command("default group")
    def no_group(self, args: Args) -> None:
        self.policy.group = ISAKMP_DEFAULT_GROUP
        self.changed()

    @command("no lifetime [<seconds:60-86400>]")
    @command("default lifetime")
    def no_lifetime(self, args: Args) -> None:
        self.policy.lifetime = ISAKMP_DEFAULT_LIFETIME
        self.changed()
