"""EXEC shows of the IKEv2 and PKI configuration families."""

from __future__ import annotations

from ...dataplane.node import DataPlane
from ...show import ikev2_sa_show, ikev2_show, pki_show
from ..mode import Args, Mode, command


class Ikev2ShowMixin(Mode):
    """Mixed into ExecMode."""

    @command("show crypto ikev2 proposal [<name:word>]")
    def show_ikev2_proposal(self, args: Args) -> str:
        return ikev2_show.show_proposals(self.router.running, args.get("name"))

    @command("show crypto ikev2 policy [<name:word>]")
    def show_ikev2_policy(self, args: Args) -> str:
        return ikev2_show.show_policies(self.router.running, args.get("name"))

    @command("show crypto ikev2 profile [<name:word>]")
    def show_ikev2_profile(self, args: Args) -> str:
        return ikev2_show.show_profiles(self.router.running, args.get("name"))

    @command("show crypto ikev2 sa [detail]")
    @command("show crypto ikev2 sa remote <peer:ip> [detail]")
    def show_ikev2_sa(self, args: Args) -> str:
        return ikev2_sa_show.ikev2_sa(self.router, "detail" in args, args.get("peer"))

    @command("show crypto ikev2 session [detail]")
    def show_ikev2_session(self, args: Args) -> str:
        return ikev2_sa_show.ikev2_session(self.router, "detail" in args)

    @command("show crypto ikev2 stats")
    def show_ikev2_stats(self, args: Args) -> str:
        return ikev2_sa_show.ikev2_stats(self.router)

    @command("clear crypto ikev2 sa [remote <peer:ip>]", privilege=15)
    def clear_ikev2_sa(self, args: Args) -> None:
        plane = self.router.dataplane
        clear = getattr(plane.crypto, "clear", None) if isinstance(plane, DataPlane) else None
        if clear is not None:
            clear("ikev2", peer=args.get("peer"))

    @command("show crypto pki trustpoints")
    def show_pki_trustpoints(self, args: Args) -> str:
        return pki_show.show_trustpoints(self.router.running)

    @command("show crypto pki trustpoints [<name:word>] status")
    def show_pki_trustpoints_status(self, args: Args) -> str:
        return pki_show.show_trustpoints_status(self.router.running, args.get("name"))
