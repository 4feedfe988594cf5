"""GETVPN sub-modes: `crypto gdoi group`, its key server (`server local`), the key server's `sa ipsec N`, and a
group member's `crypto map NAME SEQ gdoi` entry.

Accepted and kept line by line; references to IPsec profiles and RSA keys are checked as IOS does."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...state.config.model import CryptoMapEntry
from ...state.config.pki import GdoiGroup
from ..mode import Args, command
from .base import SubMode
from .nested import NestedMode

if TYPE_CHECKING:
    from ..session import CliSession


def _keep(lines: list[str], line: str, key_words: int) -> None:
    """Add `line`, replacing an earlier line that starts with the same `key_words` words."""
    key = line.split()[:key_words]
    lines[:] = [x for x in lines if x.split()[:key_words] != key]
    lines.append(line)


class GdoiGroupMode(SubMode):
    tag = "(config-gkm-group)"

    def __init__(self, session: CliSession, group: GdoiGroup) -> None:
        super().__init__(session)
        self.group = group

    @command("identity number <number:0-4294967295>")
    @command("identity address ipv4 <address:ip>")
    def identity(self, args: Args) -> None:
        value = f"number {args['number']}" if "number" in args else f"address ipv4 {args['address']}"
        _keep(self.group.lines, f"identity {value}", 1)
        self.changed()

    @command("server address ipv4 <address:ip>")
    def server_address(self, args: Args) -> None:
        line = f"server address ipv4 {args['address']}"
        if line not in self.group.lines:
            self.group.lines.append(line)
        self.changed()

    @command("server local")
    def server_local(self, args: Args) -> None:
        if self.group.server_local is None:
            self.group.server_local = []
        self.changed()
        self.session.push(GdoiServerMode(self.session, self.group))

    @command("no server local")
    def no_server_local(self, args: Args) -> None:
        self.group.server_local = None
        self.group.sas.clear()
        self.changed()

    @command("no identity [<rest:line>]")
    def no_identity(self, args: Args) -> None:
        self.group.lines[:] = [x for x in self.group.lines if not x.startswith("identity")]
        self.changed()

    @command("no server address [<rest:line>]")
    def no_server_address(self, args: Args) -> None:
        self.group.lines[:] = [x for x in self.group.lines if not x.startswith("server address")]
        self.changed()


class GdoiServerMode(NestedMode):
    tag = "(gkm-local-server)"

    def __init__(self, session: CliSession, group: GdoiGroup) -> None:
        super().__init__(session)
        self.group = group

    @property
    def lines(self) -> list[str]:
        assert self.group.server_local is not None
        return self.group.server_local

    @command("address ipv4 <address:ip>")
    def address(self, args: Args) -> None:
        _keep(self.lines, f"address ipv4 {args['address']}", 2)
        self.changed()

    @command("rekey lifetime seconds <seconds:300-86400>")
    def rekey_lifetime(self, args: Args) -> None:
        _keep(self.lines, f"rekey lifetime seconds {args['seconds']}", 2)
        self.changed()

    @command("rekey retransmit <seconds:10-60> number <number:1-10>")
    def rekey_retransmit(self, args: Args) -> None:
        _keep(self.lines, f"rekey retransmit {args['seconds']} number {args['number']}", 2)
        self.changed()

    @command("rekey authentication mypubkey rsa <label:word>")
    def rekey_authentication(self, args: Args) -> str | None:
        if args["label"] not in self.router.running.pki.rsa_keys:
            return f"% RSA keypair {args['label']} not found\n"
        _keep(self.lines, f"rekey authentication mypubkey rsa {args['label']}", 2)
        self.changed()
        return None

    @command("rekey transport unicast")
    def rekey_transport(self, args: Args) -> None:
        _keep(self.lines, "rekey transport unicast", 2)
        self.changed()

    @command("rekey algorithm {3des-cbc|aes 128|aes 192|aes 256}")
    def rekey_algorithm(self, args: Args) -> None:
        size = next((s for s in ("128", "192", "256") if args.get(s)), None)
        _keep(self.lines, "rekey algorithm " + (f"aes {size}" if size else "3des-cbc"), 2)
        self.changed()

    @command("sa ipsec <number:1-65535>")
    def sa_ipsec(self, args: Args) -> None:
        lines = self.group.sas.setdefault(args["number"], [])
        self.changed()
        self.session.push(GdoiSaMode(self.session, lines))

    @command("no sa ipsec <number:1-65535>")
    def no_sa_ipsec(self, args: Args) -> None:
        self.group.sas.pop(args["number"], None)
        self.changed()

    @command("no {address|rekey}=what [<rest:line>]")
    def no_line(self, args: Args) -> None:
        prefix = " ".join([args["what"], *args.get("rest", "").split()[:1]])
        self.lines[:] = [x for x in self.lines if not x.startswith(prefix)]
        self.changed()


class GdoiSaMode(NestedMode):
    tag = "(gkm-sa-ipsec)"

    def __init__(self, session: CliSession, lines: list[str]) -> None:
        super().__init__(session)
        self.lines = lines

    @command("profile <name:word>")
    def profile(self, args: Args) -> str | None:
        if args["name"] not in self.router.running.ipsec_profiles:
            return f"% IPSEC profile {args['name']} does not exist\n"
        _keep(self.lines, f"profile {args['name']}", 1)
        self.changed()
        return None

    @command("match address ipv4 <acl:word>")
    def match_address(self, args: Args) -> None:
        _keep(self.lines, f"match address ipv4 {args['acl']}", 2)
        self.changed()

    @command("replay {time|counter}=kind window-size <size:1-100>")
    def replay(self, args: Args) -> None:
        _keep(self.lines, f"replay {args['kind']} window-size {args['size']}", 1)
        self.changed()

    @command("no {profile|match|replay}=what [<rest:line>]")
    def no_line(self, args: Args) -> None:
        self.lines[:] = [x for x in self.lines if not x.startswith(args["what"])]
        self.changed()


class GdoiMapMode(SubMode):
    """`crypto map NAME SEQ gdoi`: the group member joins `set group NAME` (the group may be defined later)."""

    tag = "(config-crypto-map)"

    def __init__(self, session: CliSession, entry: CryptoMapEntry) -> None:
        super().__init__(session)
        self.entry = entry

    @command("set group <name:word>")
    def set_group(self, args: Args) -> None:
        self.entry.gdoi_group = args["name"]
        self.changed()

    @command("no set group [<name:word>]")
    def no_set_group(self, args: Args) -> None:
        self.entry.gdoi_group = None
        self.changed()
