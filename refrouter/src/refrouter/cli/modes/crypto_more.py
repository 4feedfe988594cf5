"""Global `crypto pki ...`, `crypto key ...`, `crypto gdoi group` and `crypto logging` commands."""

from __future__ import annotations

from ...state.config.model import CryptoMap, CryptoMapEntry
from ...state.config.pki import (
    CertificateChain,
    GdoiGroup,
    PkiServer,
    RsaKeyPair,
    Trustpoint,
)
from ..mode import Args, Mode, command

LOGGING = "{session|ikev2|ezvpn}=what"


class CryptoFamiliesMixin(Mode):
    """Mixed into ConfigMode."""

    @command("crypto pki trustpoint <name:word>")
    def pki_trustpoint(self, args: Args) -> None:
        from .pki_modes import TrustpointMode

        tp = self.router.running.pki.trustpoints.setdefault(args["name"], Trustpoint(args["name"]))
        self.changed()
        self.session.push(TrustpointMode(self.session, tp))

    @command("no crypto pki trustpoint <name:word>")
    def no_pki_trustpoint(self, args: Args) -> str | None:
        pki = self.router.running.pki
        if pki.trustpoints.pop(args["name"], None) is None:
            return f"% Trustpoint {args['name']} does not exist\n"
        pki.chains.pop(args["name"], None)  # IOS removes the trustpoint's certificates with it
        self.changed()
        return None

    @command("crypto pki certificate chain <name:word>")
    def pki_certificate_chain(self, args: Args) -> str | None:
        from .pki_modes import CertChainMode

        pki = self.router.running.pki
        if args["name"] not in pki.trustpoints:
            return f"% Trustpoint {args['name']} does not exist\n"
        chain = pki.chains.setdefault(args["name"], CertificateChain(args["name"]))
        self.changed()
        self.session.push(CertChainMode(self.session, chain))
        return None

    @command("no crypto pki certificate chain <name:word>")
    def no_pki_certificate_chain(self, args: Args) -> str | None:
        if self.router.running.pki.chains.pop(args["name"], None) is None:
            return f"% Trustpoint {args['name']} does not exist\n"
        self.changed()
        return None

    @command("crypto pki server <name:word>")
    def pki_server(self, args: Args) -> None:
        from .pki_modes import PkiServerMode

        server = self.router.running.pki.servers.setdefault(args["name"], PkiServer(args["name"]))
        self.changed()
        self.session.push(PkiServerMode(self.session, server))

    @command("no crypto pki server <name:word>")
    def no_pki_server(self, args: Args) -> str | None:
        if self.router.running.pki.servers.pop(args["name"], None) is None:
            return f"% Certificate server {args['name']} does not exist\n"
        self.changed()
        return None

    @command("crypto pki token <name:word> removal timeout <seconds:0-480>")
    def pki_token_removal(self, args: Args) -> None:
        self.router.running.pki.token_removal_timeouts[args["name"]] = args["seconds"]
        self.changed()

    @command("no crypto pki token <name:word> removal timeout [<seconds:0-480>]")
    def no_pki_token_removal(self, args: Args) -> None:
        self.router.running.pki.token_removal_timeouts.pop(args["name"], None)
        self.changed()

    @command("crypto key pubkey-chain rsa")
    def pubkey_chain(self, args: Args) -> None:
        from .pki_modes import PubkeyChainMode

        self.session.push(PubkeyChainMode(self.session))

    @command("crypto key generate rsa [{general-keys|usage-keys}=usage] [label <label:word>] "
             "[modulus <modulus:512-4096>] [exportable]")
    def key_generate_rsa(self, args: Args) -> str:
        running = self.router.running
        label = args.get("label")
        if label is None:
            return "% Please define a domain-name first.\n"
        modulus = args.get("modulus", 2048)
        exportable = bool(args.get("exportable"))
        running.pki.rsa_keys[label] = RsaKeyPair(label, modulus, args.get("usage") == "usage-keys", exportable)
        self.changed()
        how = "exportable" if exportable else "non-exportable"
        return (
            f"The name for the keys will be: {label}\n\n"
            f"% The key modulus size is {modulus} bits\n"
            f"% Generating {modulus} bit RSA keys, keys will be {how}...\n"
            "[OK] (elapsed time was 1 seconds)\n"
        )

    @command("crypto key zeroize rsa [<label:word>]")
    def key_zeroize_rsa(self, args: Args) -> str | None:
        keys = self.router.running.pki.rsa_keys
        label = args.get("label")
        if label is not None and keys.pop(label, None) is None:
            return f"% RSA keypair {label} not found\n"
        if label is None:
            keys.clear()
        self.changed()
        return None

    @command("crypto map <name:word> <seq:1-65535> gdoi")
    def crypto_map_gdoi(self, args: Args) -> None:
        from .gdoi_modes import GdoiMapMode

        cmap = self.router.running.crypto_maps.setdefault(args["name"], CryptoMap(args["name"]))
        entry = cmap.entries.get(args["seq"])
        if entry is None or not entry.gdoi:
            entry = cmap.entries[args["seq"]] = CryptoMapEntry(args["seq"], gdoi=True)
        self.changed()
        self.session.push(GdoiMapMode(self.session, entry))

    @command("crypto gdoi group <name:word>")
    def gdoi_group(self, args: Args) -> None:
        from .gdoi_modes import GdoiGroupMode

        group = self.router.running.gdoi_groups.setdefault(args["name"], GdoiGroup(args["name"]))
        self.changed()
        self.session.push(GdoiGroupMode(self.session, group))

    @command("no crypto gdoi group <name:word>")
    def no_gdoi_group(self, args: Args) -> str | None:
        if self.router.running.gdoi_groups.pop(args["name"], None) is None:
            return f"% GDOI group {args['name']} does not exist\n"
        self.changed()
        return None

    @command("crypto logging " + LOGGING)
    def crypto_logging(self, args: Args) -> None:
        if args["what"] not in self.router.running.crypto_logging:
            self.router.running.crypto_logging.append(args["what"])
            self.changed()

    @command("no crypto logging " + LOGGING)
    def no_crypto_logging(self, args: Args) -> None:
        if args["what"] in self.router.running.crypto_logging:
            self.router.running.crypto_logging.remove(args["what"])
            self.changed()
