"""Operational crypto commands of privileged EXEC: SA/session/flow-MIB shows, tech-support, `clear crypto`."""

from __future__ import annotations

from ...dataplane.node import DataPlane
from ...show import (
    engine_show,
    flowmib_ike_show,
    flowmib_ipsec_show,
    ipsec_sa_show,
    isakmp_sa_show,
    process_show,
    session_show,
    techsupport_show,
)
from ..mode import Args, Mode, command

IKE_MIB = "show crypto mib {isakmp|ike} flowmib"
IPSEC_MIB = "show crypto mib ipsec flowmib"
VRF = "[vrf <vrf:word>]"
INDEX = "[index <index:1-2147483647>]"


class CryptoOperMixin(Mode):
    """Mixed into ExecMode; commands are declared with @command like every mode."""

    # ------------------------------------------------------------ ISAKMP SAs

    @command("show crypto isakmp sa")
    @command("show crypto isakmp sa peer <peer:ip>")
    @command("show crypto isakmp sa vrf <vrf:word>")
    def show_isakmp_sa(self, args: Args) -> str:
        return isakmp_sa_show.isakmp_sa(self.router, args.get("peer"), args.get("vrf"))

    @command("show crypto isakmp sa detail")
    @command("show crypto isakmp sa peer <peer:ip> detail")
    @command("show crypto isakmp sa vrf <vrf:word> detail")
    def show_isakmp_sa_detail(self, args: Args) -> str:
        return isakmp_sa_show.isakmp_sa_detail(self.router, args.get("peer"), args.get("vrf"))

    @command("show crypto isakmp sa [detail] count " + VRF)
    def show_isakmp_sa_count(self, args: Args) -> str:
        return isakmp_sa_show.isakmp_sa_count(self.router, args.get("vrf"))

    @command("show crypto isakmp peers [<peer:ip>]")
    def show_isakmp_peers(self, args: Args) -> str:
        return isakmp_sa_show.isakmp_peers(self.router, args.get("peer"))

    # ------------------------------------------------------------ IPsec SAs

    @command("show crypto ipsec sa [detail]")
    @command("show crypto ipsec sa [detail] peer <peer:ip> [detail]")
    @command("show crypto ipsec sa vrf <vrf:word> [detail]")
    @command("show crypto ipsec sa interface <interface:iface> [detail]")
    def show_ipsec_sa(self, args: Args) -> str:
        return ipsec_sa_show.ipsec_sa(self.router, "detail" in args, args.get("peer"), args.get("vrf"),
                                      args.get("interface"))

    @command("show crypto ipsec sa [detail] [peer <peer:ip>] count " + VRF)
    def show_ipsec_sa_count(self, args: Args) -> str:
        return ipsec_sa_show.ipsec_sa_count(self.router, args.get("vrf"))

    # ------------------------------------------------------------ sessions

    @command("show crypto session [detail]")
    @command("show crypto session remote <peer:ip> [detail]")
    @command("show crypto session {ivrf|fvrf}=side <vrf:word> [detail]")
    def show_crypto_session(self, args: Args) -> str:
        return session_show.crypto_session(self.router, "detail" in args, args.get("peer"), args.get("vrf"))

    @command("show crypto session summary")
    def show_crypto_session_summary(self, args: Args) -> str:
        return session_show.crypto_session_summary(self.router)

    # ------------------------------------------------------------ flow MIB, phase 1 (`ike` = newer spelling)

    @command(f"{IKE_MIB} failure {VRF}")
    def show_ike_mib_failure(self, args: Args) -> str:
        return flowmib_ike_show.ike_failures(self.router, args.get("vrf"))

    @command(f"{IKE_MIB} global {VRF}")
    def show_ike_mib_global(self, args: Args) -> str:
        return flowmib_ike_show.ike_global(self.router, args.get("vrf"))

    @command(f"{IKE_MIB} history {VRF}")
    def show_ike_mib_history(self, args: Args) -> str:
        return flowmib_ike_show.ike_history(self.router, args.get("vrf"))

    @command(f"{IKE_MIB} peer {INDEX} {VRF}")
    def show_ike_mib_peer(self, args: Args) -> str:
        return flowmib_ike_show.ike_peers(self.router, args.get("index"), args.get("vrf"))

    @command(f"{IKE_MIB} tunnel {INDEX} {VRF}")
    def show_ike_mib_tunnel(self, args: Args) -> str:
        return flowmib_ike_show.ike_tunnels(self.router, args.get("index"), args.get("vrf"))

    # ------------------------------------------------------------ flow MIB, phase 2

    @command(f"{IPSEC_MIB} endpoint {VRF}")
    def show_ipsec_mib_endpoint(self, args: Args) -> str:
        return flowmib_ipsec_show.ipsec_endpoints(self.router, args.get("vrf"))

    @command(f"{IPSEC_MIB} failure {VRF}")
    def show_ipsec_mib_failure(self, args: Args) -> str:
        return flowmib_ipsec_show.ipsec_failures(self.router, args.get("vrf"))

    @command(f"{IPSEC_MIB} global {VRF}")
    def show_ipsec_mib_global(self, args: Args) -> str:
        return flowmib_ipsec_show.ipsec_global(self.router, args.get("vrf"))

    @command(f"{IPSEC_MIB} history {VRF}")
    def show_ipsec_mib_history(self, args: Args) -> str:
        return flowmib_ipsec_show.ipsec_history(self.router, args.get("vrf"))

    @command(f"{IPSEC_MIB} spi {VRF}")
    def show_ipsec_mib_spi(self, args: Args) -> str:
        return flowmib_ipsec_show.ipsec_spis(self.router, args.get("vrf"))

    @command(f"{IPSEC_MIB} tunnel {INDEX} {VRF}")
    def show_ipsec_mib_tunnel(self, args: Args) -> str:
        return flowmib_ipsec_show.ipsec_tunnels(self.router, args.get("index"), args.get("vrf"))

    # ------------------------------------------------------------ engine, rules, processes

    @command("show crypto eli")
    def show_crypto_eli(self, args: Args) -> str:
        return engine_show.crypto_eli(self.router)

    @command("show crypto engine accelerator statistic")
    def show_engine_accelerator_statistic(self, args: Args) -> str:
        return engine_show.accelerator_statistic(self.router)

    @command("show crypto ruleset [detail]")
    def show_crypto_ruleset(self, args: Args) -> str:
        return engine_show.ruleset_detail(self.router)

    @command("show processes memory")
    def show_processes_memory(self, args: Args) -> str:
        return process_show.processes_memory(self.router)

    @command("show processes cpu")
    def show_processes_cpu(self, args: Args) -> str:
        return process_show.processes_cpu(self.router)

    # ------------------------------------------------------------ tech-support

    @command("show tech-support ipsec", privilege=15)
    @command("show tech-support ipsec peer <peer:ip>", privilege=15)
    @command("show tech-support ipsec vrf <vrf:word>", privilege=15)
    def show_tech_support_ipsec(self, args: Args) -> str:
        return techsupport_show.tech_support(self._run_show, args.get("peer"), args.get("vrf"))

    def _run_show(self, line: str) -> str:
        output = self.session.run_exec(line)
        return output if isinstance(output, str) else ""

    # ------------------------------------------------------------ clear (IOS prints nothing)

    @command("clear crypto session [remote <peer:ip>]", privilege=15)
    def clear_crypto_session(self, args: Args) -> None:
        self._clear("session", peer=args.get("peer"))

    @command("clear crypto sa [peer <peer:ip>]", privilege=15)
    @command("clear crypto sa map <map:word>", privilege=15)
    def clear_crypto_sa(self, args: Args) -> None:
        self._clear("sa", peer=args.get("peer"), map_name=args.get("map"))

    @command("clear crypto isakmp [<conn_id:1-32766>]", privilege=15)
    def clear_crypto_isakmp(self, args: Args) -> None:
        self._clear("isakmp", conn_id=args.get("conn_id"))

    def _clear(self, what: str, peer: str | None = None, map_name: str | None = None,
               conn_id: int | None = None) -> None:
        plane = self.router.dataplane
        clear = getattr(plane.crypto, "clear", None) if isinstance(plane, DataPlane) else None
        if clear is not None:
            clear(what, peer=peer, map_name=map_name, conn_id=conn_id)
