"""Access lists: numbered `access-list N ...` and named `ip access-list` modes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...state.config.acl import AceSyntaxError, parse_ace
from ...state.config.model import AccessList, AclEntry
from ..grammar import INCOMPLETE, INVALID, CliError
from ..mode import Args, Mode, command
from .base import SubMode, unless_present

if TYPE_CHECKING:
    from ..session import CliSession

STANDARD_RANGES = ((1, 99), (1300, 1999))
EXTENDED_RANGES = ((100, 199), (2000, 2699))


def numbered_kind(number: int) -> str | None:
    if any(lo <= number <= hi for lo, hi in STANDARD_RANGES):
        return "standard"
    if any(lo <= number <= hi for lo, hi in EXTENDED_RANGES):
        return "extended"
    return None


def build_entry(acl: AccessList, action: str, text: str, column: int, seq: int | None = None) -> AclEntry:
    """Parse ACE text starting at `column` of the input line; raise caret errors on bad words."""
    words = text.split()
    try:
        ace = parse_ace(action, words, acl.kind == "standard")
    except AceSyntaxError as err:
        if err.incomplete:
            raise CliError(INCOMPLETE) from None
        offset = 0
        for word in words[: err.word_index + 1]:
            offset = text.index(word, offset) + len(word)
        raise CliError(INVALID, column + offset - len(words[err.word_index])) from None
    return AclEntry(seq or acl.next_seq(), action, ace.text(acl.kind == "standard"), ace)


def add_entry(acl: AccessList, entry: AclEntry) -> None:
    """Insert in sequence order; an identical rule is not added twice (IOS ignores duplicates)."""
    if any(e.action == entry.action and e.text == entry.text for e in acl.entries):
        return
    acl.entries = sorted([e for e in acl.entries if e.seq != entry.seq] + [entry], key=lambda e: e.seq)


class AclMixin(Mode):
    @command("access-list <number:1-2699> {permit|deny}=action <rule:line>")
    def access_list(self, args: Args) -> None:
        acl = self._numbered(args)
        add_entry(acl, build_entry(acl, args["action"], args["rule"], args["_col"]["rule"]))
        self.router.running.access_lists[acl.name] = acl
        self.changed()

    @command("access-list <number:1-2699> remark <text:line>")
    def access_list_remark(self, args: Args) -> None:
        acl = self._numbered(args)
        acl.entries.append(AclEntry(acl.next_seq(), "remark", args["text"]))
        self.router.running.access_lists[acl.name] = acl
        self.changed()

    def _numbered(self, args: Args) -> AccessList:
        kind = numbered_kind(args["number"])
        if kind is None:
            raise CliError(INVALID, args["_col"]["number"])
        name = str(args["number"])
        return self.router.running.access_lists.get(name) or AccessList(name, kind, named=False)

    @command("no access-list <number:1-2699> [<rest:line>]")
    def no_access_list(self, args: Args) -> None:
        if self.router.running.access_lists.pop(str(args["number"]), None) is not None:
            self.changed()

    @command("ip access-list {standard|extended}=kind <name:word>")
    def ip_access_list(self, args: Args) -> str | None:
        lists = self.router.running.access_lists
        name = args["name"]
        numbered = name.isascii() and name.isdigit() and len(name) < 10  # `²` passes isdigit() alone
        if numbered and numbered_kind(int(name)) != args["kind"]:
            return "% Invalid access list name.\n"
        existing = lists.get(name)
        if existing and existing.kind != args["kind"]:
            return f"% A named {existing.kind} IP access list with this name already exists\n"
        acl = existing or AccessList(name, args["kind"], named=not numbered)
        lists[name] = acl
        self.changed()
        self.session.push(AclMode(self.session, acl))
        return None

    @command("no ip access-list {standard|extended}=kind <name:word>")
    def no_ip_access_list(self, args: Args) -> None:
        if self.router.running.access_lists.pop(args["name"], None) is not None:
            self.changed()


class AclMode(SubMode):
    def __init__(self, session: CliSession, acl: AccessList) -> None:
        super().__init__(session)
        self.acl = acl

    def removed(self) -> str | None:
        name = self.acl.name
        return unless_present(self.router.running.access_lists, name, self.acl, f"ip access-list {name}")

    def prompt(self) -> str:
        tag = "(config-ext-nacl)" if self.acl.kind == "extended" else "(config-std-nacl)"
        return f"{self.router.running.hostname}{tag}#"

    @command("[<seq:1-2147483647>] {permit|deny}=action <rule:line>")
    def entry(self, args: Args) -> str | None:
        seq = args.get("seq")
        new = build_entry(self.acl, args["action"], args["rule"], args["_col"]["rule"], seq)
        existing = next((e for e in self.acl.entries if seq is not None and e.seq == seq), None)
        if existing is not None:
            # the same rule again (a pasted `show running-config`) is a no-op; another rule is refused
            same = (existing.action, existing.text) == (new.action, new.text)
            return None if same else "% Duplicate sequence number\n"
        add_entry(self.acl, new)
        self.changed()
        return None

    @command("remark <text:line>")
    def remark(self, args: Args) -> None:
        self.acl.entries.append(AclEntry(self.acl.next_seq(), "remark", args["text"]))
        self.changed()

    @command("no <seq:1-2147483647>")
    def no_seq(self, args: Args) -> None:
        self.acl.entries = [e for e in self.acl.entries if e.seq != args["seq"]]
        self.changed()

    @command("no {permit|deny}=action <rule:line>")
    def no_rule(self, args: Args) -> None:
        probe = build_entry(self.acl, args["action"], args["rule"], args["_col"]["rule"], seq=1)
        self.acl.entries = [e for e in self.acl.entries if (e.action, e.text) != (probe.action, probe.text)]
        self.changed()
