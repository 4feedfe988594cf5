"""Shows of the IKEv1/IPsec configuration families (privileged and user EXEC)."""

from __future__ import annotations

from ...show import ikev1_show
from ..mode import Args, Mode, command


class Ikev1ShowMixin(Mode):
    @command("show crypto ipsec profile [<name:word>]")
    def show_ipsec_profile(self, args: Args) -> str:
        return ikev1_show.ipsec_profiles(self.router, args.get("name"))

    @command("show crypto isakmp profile [tag <name:word>]")
    def show_isakmp_profile(self, args: Args) -> str:
        return ikev1_show.isakmp_profiles(self.router, args.get("name"))

    @command("show crypto keyring [<name:word>]")
    def show_keyring(self, args: Args) -> str:
        return ikev1_show.keyrings(self.router, args.get("name"))

    @command("show crypto isakmp peers config")
    def show_isakmp_peers_config(self, args: Args) -> str:
        return ikev1_show.isakmp_peers_config(self.router)
