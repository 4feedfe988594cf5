"""PKI sub-modes: trustpoint, certificate chain (multi-line hex certificates), CA server, pubkey chain."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from ...state.config.pki import Certificate, CertificateChain, NamedKey, PkiServer, Trustpoint, group_hex
from ..mode import Args, command
from .base import SubMode
from .nested import NestedMode

if TYPE_CHECKING:
    from ..session import CliSession

HEX_LINE = re.compile(r"[0-9A-Fa-f\s]*")
CERT_PROMPT = (
    'Enter the certificate in hexidecimal representation....\nEnd with the word "quit" on a line by itself\n'
)
KEY_PROMPT = "Enter a public key as a hexidecimal number ....\n"
BAD_HEX = "% Invalid hex data, the entry was discarded\n"


def collect_hex(session: CliSession, done: Callable[[list[str]], str | None]) -> None:
    """Read hex lines until `quit`; hand the collected lines to `done`, or discard everything on bad hex."""
    lines: list[str] = []
    bad = False

    def more(line: str) -> str | None:
        nonlocal bad
        text = line.strip()
        if text.lower() == "quit":
            return BAD_HEX if bad else done(lines)
        if not HEX_LINE.fullmatch(text):
            bad = True
        lines.append(text)
        session.ask("", more)
        return None

    session.ask("", more)


class TrustpointMode(SubMode):
    tag = "(ca-trustpoint)"

    def __init__(self, session: CliSession, trustpoint: Trustpoint) -> None:
        super().__init__(session)
        self.tp = trustpoint

    @command("enrollment {selfsigned|pkcs12|terminal [pem]|url <url:word>|profile <profile:word>}")
    def enrollment(self, args: Args) -> None:
        if args.get("url"):
            self.tp.enrollment = f"url {args['url']}"
        elif args.get("profile"):
            self.tp.enrollment = f"profile {args['profile']}"
        elif args.get("terminal"):
            self.tp.enrollment = "terminal" + (" pem" if args.get("pem") else "")
        else:
            self.tp.enrollment = "selfsigned" if args.get("selfsigned") else "pkcs12"
        self.changed()

    @command("serial-number [none]")
    def serial_number(self, args: Args) -> None:
        self.tp.serial_number = "none" if args.get("none") else ""
        self.changed()

    @command("ip-address {none|<address:ip>|<interface:iface>}")
    def ip_address(self, args: Args) -> None:
        self.tp.ip_address = args.get("address") or args.get("interface") or "none"
        self.changed()

    @command("fqdn <name:word>")
    def fqdn(self, args: Args) -> None:
        self.tp.fqdn = args["name"]
        self.changed()

    @command("subject-name <name:line>")
    def subject_name(self, args: Args) -> None:
        self.tp.subject_name = args["name"]
        self.changed()

    @command("subject-alt-name <name:line>")
    def subject_alt_name(self, args: Args) -> None:
        self.tp.subject_alt_name = args["name"]
        self.changed()

    @command("revocation-check {crl|none|ocsp}=first [{crl|none|ocsp}=second] [{crl|none|ocsp}=third]")
    def revocation_check(self, args: Args) -> None:
        methods = [args[k] for k in ("first", "second", "third") if args.get(k)]
        self.tp.revocation_check = list(dict.fromkeys(methods))
        self.changed()

    @command("rsakeypair <label:word> [<size:512-4096>]")
    def rsakeypair(self, args: Args) -> None:
        self.tp.rsakeypair = args["label"] + (f" {args['size']}" if args.get("size") else "")
        self.changed()

    @command("auto-enroll [<percent:1-100>] [regenerate]")
    def auto_enroll(self, args: Args) -> None:
        self.tp.auto_enroll = " ".join(
            str(x) for x in (args.get("percent"), args.get("regenerate") and "regenerate") if x
        )
        self.changed()

    @command("hash {md5|sha1|sha256|sha384|sha512}=alg")
    def hash(self, args: Args) -> None:
        self.tp.hash = args["alg"]
        self.changed()

    @command("password [{0|7}=enc] <secret:word>")
    def password(self, args: Args) -> None:
        self.tp.password = (f"{args['enc']} " if args.get("enc") else "") + args["secret"]
        self.changed()

    @command("no {enrollment|serial-number|ip-address|fqdn|subject-name|subject-alt-name|revocation-check"
             "|rsakeypair|auto-enroll|hash|password}=what [<rest:line>]")
    def no_setting(self, args: Args) -> None:
        attr = args["what"].replace("-", "_")
        setattr(self.tp, attr, [] if attr == "revocation_check" else None)
        self.changed()


class CertChainMode(SubMode):
    tag = "(config-cert-chain)"

    def __init__(self, session: CliSession, chain: CertificateChain) -> None:
        super().__init__(session)
        self.chain = chain

    @command("certificate [{self-signed|ca|ca-rollover|rollover}=kind] <serial:hex>")
    def certificate(self, args: Args) -> str:
        kind, serial = args.get("kind", ""), args["serial"].upper()

        def done(lines: list[str]) -> None:
            cert = Certificate(kind, serial, group_hex(" ".join(lines)))
            others = [c for c in self.chain.certificates if c.serial != serial]
            self.chain.certificates[:] = [*others, cert]
            self.changed()

        collect_hex(self.session, done)
        return CERT_PROMPT

    @command("no certificate <serial:hex>")
    def no_certificate(self, args: Args) -> str | None:
        serial = args["serial"].upper()
        kept = [c for c in self.chain.certificates if c.serial != serial]
        if len(kept) == len(self.chain.certificates):
            return f"% Certificate {serial} not found\n"
        self.chain.certificates[:] = kept
        self.changed()
        return None


class PkiServerMode(SubMode):
    """The IOS CA server: its settings kept as IOS prints them."""

    tag = "(cs-server)"

    def __init__(self, session: CliSession, server: PkiServer) -> None:
        super().__init__(session)
        self.server = server

    def _set(self, key: str, line: str) -> None:
        words = key.split()
        self.server.lines[:] = [x for x in self.server.lines if x.removeprefix("no ").split()[: len(words)] != words]
        self.server.lines.append(line)
        self.changed()

    @command("database level {minimum|names|complete}=level")
    def database_level(self, args: Args) -> None:
        self._set("database level", f"database level {args['level']}")

    @command("database archive {pem|pkcs12}=how [password <secret:word>]")
    def database_archive(self, args: Args) -> None:
        self._set("database archive", f"database archive {args['how']}")

    @command("no database archive")
    def no_database_archive(self, args: Args) -> None:
        self._set("database archive", "no database archive")

    @command("database url <url:word>")
    def database_url(self, args: Args) -> None:
        self._set("database url", f"database url {args['url']}")

    @command("issuer-name <name:line>")
    def issuer_name(self, args: Args) -> None:
        self._set("issuer-name", f"issuer-name {args['name']}")

    @command("lifetime {certificate|ca-certificate|crl}=what <value:1-8760>")
    def lifetime(self, args: Args) -> None:
        self._set(f"lifetime {args['what']}", f"lifetime {args['what']} {args['value']}")

    @command("cdp-url <url:word>")
    def cdp_url(self, args: Args) -> None:
        self._set("cdp-url", f"cdp-url {args['url']}")

    @command("grant {auto|none}=how")
    def grant(self, args: Args) -> None:
        self._set("grant", f"grant {args['how']}")

    @command("hash {md5|sha1|sha256|sha384|sha512}=alg")
    def hash(self, args: Args) -> None:
        self._set("hash", f"hash {args['alg']}")

    @command("shutdown")
    @command("no shutdown")
    def shutdown(self, args: Args) -> None:
        self.server.shutdown = "no" not in args
        self.changed()


class PubkeyChainMode(SubMode):
    tag = "(config-pubkey-chain)"

    @command("{named-key|addressed-key}=kind <name:word> [{encryption|signature}]")
    def key(self, args: Args) -> None:
        pubkeys = self.router.running.pki.pubkeys
        key = pubkeys.setdefault(args["name"], NamedKey(args["name"], args["kind"]))
        self.changed()
        self.session.push(PubkeyKeyMode(self.session, key))

    @command("no {named-key|addressed-key} <name:word> [{encryption|signature}]")
    def no_key(self, args: Args) -> str | None:
        if self.router.running.pki.pubkeys.pop(args["name"], None) is None:
            return f"% Key {args['name']} not found\n"
        self.changed()
        return None


class PubkeyKeyMode(NestedMode):
    tag = "(config-pubkey-key)"

    def __init__(self, session: CliSession, key: NamedKey) -> None:
        super().__init__(session)
        self.key = key

    @command("address <address:ip>")
    def address(self, args: Args) -> None:
        self.key.address = args["address"]
        self.changed()

    @command("key-string")
    def key_string(self, args: Args) -> str:
        def done(lines: list[str]) -> None:
            self.key.key_hex = group_hex(" ".join(lines))
            self.changed()

        collect_hex(self.session, done)
        return KEY_PROMPT
