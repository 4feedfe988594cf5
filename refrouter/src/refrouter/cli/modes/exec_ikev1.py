"""Shows of the IKEv1/IPsec configuration families (privileged and user EXEC)."""

from __future__ import annotations

from ...show import ikev1_show, isakmp_sa_show, session_show
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

    @command("show crypto isakmp sa active")
    def show_isakmp_sa_active(self, args: Args) -> str:
        return isakmp_sa_show.isakmp_sa(self.router)

    @command("show crypto isakmp sa standby")
    def show_isakmp_sa_standby(self, args: Args) -> str:
        return isakmp_sa_show.isakmp_sa_standby(self.router)

    @command("show crypto session local <local:ip> [detail]")
    @command("show crypto session interface <interface:iface> [detail]")
    def show_crypto_session_selected(self, args: Args) -> str:
        return session_show.crypto_session(self.router, "detail" in args, local=args.get("local"),
                                           interface=args.get("interface"))

    @command("show crypto sockets")
    def show_crypto_sockets(self, args: Args) -> str:
        return ikev1_show.crypto_sockets(self.router)
