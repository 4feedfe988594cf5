"""Global `crypto ...` configuration commands."""

from __future__ import annotations

from ...state.config.model import (
    AH_TRANSFORMS,
    ALL_TRANSFORMS,
    COMP_TRANSFORMS,
    ESP_ENCRYPTION_TRANSFORMS,
    ESP_INTEGRITY_TRANSFORMS,
    KEY_SIZE_TRANSFORMS,
    CryptoMap,
    CryptoMapEntry,
    IpsecProfile,
    IsakmpKey,
    IsakmpPolicy,
    TransformSet,
)
from ..grammar import INCOMPLETE, INVALID, CliError, ambiguous
from ..mode import Args, Mode, command
from .psk import store_isakmp_key

NEW_MAP_NOTE = (
    "% NOTE: This new crypto map will remain disabled until a peer\n"
    "        and a valid access list have been configured.\n"
)
TRANSFORM_GROUPS = (ESP_ENCRYPTION_TRANSFORMS, ESP_INTEGRITY_TRANSFORMS, AH_TRANSFORMS, COMP_TRANSFORMS)


class CryptoMixin(Mode):
    # ------------------------------------------------------------ ISAKMP

    @command("crypto isakmp policy <priority:1-10000>")
    def isakmp_policy(self, args: Args) -> None:
        from .isakmp import IsakmpMode

        policies = self.router.running.isakmp_policies
        if args["priority"] not in policies:
            policies[args["priority"]] = IsakmpPolicy(args["priority"])
            self.changed()
        self.session.push(IsakmpMode(self.session, policies[args["priority"]]))

    @command("no crypto isakmp policy <priority:1-10000>")
    def no_isakmp_policy(self, args: Args) -> None:
        if self.router.running.isakmp_policies.pop(args["priority"], None) is not None:
            self.changed()

    @command("crypto isakmp key [{0|6}=enc] <key:word> address <address:ip> [<mask:ip>] [no-xauth]")
    def isakmp_key(self, args: Args) -> str | None:
        new = IsakmpKey("", args["address"], _mask(args.get("mask")), bool(args.get("no-xauth")))
        return store_isakmp_key(self, new, args["key"], args.get("enc") == "6")

    @command("no crypto isakmp key <key:word> address <address:ip> [<mask:ip>]")
    def no_isakmp_key(self, args: Args) -> str | None:
        ident = (args["address"], _mask(args.get("mask")))
        keys = self.router.running.isakmp_keys
        remaining = [k for k in keys if k.ident != ident]
        if len(remaining) == len(keys):
            return "% No such key configured.\n"
        keys[:] = remaining
        self.changed()
        return None

    @command("crypto isakmp default policy")
    @command("no crypto isakmp default policy")
    def isakmp_default_policy(self, args: Args) -> None:
        self.router.running.isakmp_default_policy = "no" not in args
        self.changed()

    @command("crypto isakmp keepalive <interval:10-3600> [<retry:2-60>] [{periodic|on-demand}=how]")
    def isakmp_keepalive(self, args: Args) -> None:
        self.router.running.isakmp_keepalive = (args["interval"], args.get("retry", 2))
        self.router.running.ikev1.globals.keepalive_mode = args.get("how")
        self.changed()

    @command("no crypto isakmp keepalive [<interval:10-3600>] [<retry:2-60>] [{periodic|on-demand}=how]")
    def no_isakmp_keepalive(self, args: Args) -> None:
        self.router.running.isakmp_keepalive = None
        self.router.running.ikev1.globals.keepalive_mode = None
        self.changed()

    # ------------------------------------------------------------ IPsec transform sets and profiles

    @command("crypto ipsec transform-set <name:word> <transforms:line>")
    def transform_set(self, args: Args) -> None:
        from .transform import TransformMode

        transforms, key_size = parse_transforms(args["transforms"], args["_col"]["transforms"])
        sets = self.router.running.transform_sets
        existing = sets.get(args["name"])
        mode = existing.mode if existing else "tunnel"
        sets[args["name"]] = TransformSet(args["name"], transforms, key_size, mode)
        self.changed()
        self.session.push(TransformMode(self.session, sets[args["name"]]))

    @command("crypto ipsec transform-set <name:word>")
    def transform_set_incomplete(self, args: Args) -> None:
        raise CliError(INCOMPLETE)

    @command("no crypto ipsec transform-set <name:word> [<transforms:line>]")
    def no_transform_set(self, args: Args) -> str | None:
        if args.get("transforms"):
            parse_transforms(args["transforms"], args["_col"]["transforms"])  # IOS checks the words it ignores
        if self.router.running.transform_sets.pop(args["name"], None) is None:
            return f"% transform set {args['name']} does not exist\n"
        self.changed()
        return None

    @command("crypto ipsec default transform-set")
    @command("no crypto ipsec default transform-set")
    def default_transform_set(self, args: Args) -> None:
        self.router.running.ipsec_default_transform_set = "no" not in args
        self.changed()

    @command("crypto ipsec profile <name:word>")
    def ipsec_profile(self, args: Args) -> None:
        from .cryptomap import ProfileMode

        profiles = self.router.running.ipsec_profiles
        profile = profiles.setdefault(args["name"], IpsecProfile(args["name"]))
        self.changed()
        self.session.push(ProfileMode(self.session, profile))

    @command("no crypto ipsec profile <name:word>")
    def no_ipsec_profile(self, args: Args) -> None:
        if self.router.running.ipsec_profiles.pop(args["name"], None) is not None:
            self.changed()

    # ------------------------------------------------------------ crypto maps

    @command("crypto dynamic-map <name:word> <seq:1-65535>")
    def dynamic_map(self, args: Args) -> None:
        from .cryptomap import CryptoMapMode

        dmap = self.router.running.dynamic_maps.setdefault(args["name"], CryptoMap(args["name"]))
        entry = dmap.entries.setdefault(args["seq"], CryptoMapEntry(args["seq"]))
        self.changed()
        self.session.push(CryptoMapMode(self.session, dmap, entry, dynamic=True))

    @command("no crypto dynamic-map <name:word> [<seq:1-65535>]")
    def no_dynamic_map(self, args: Args) -> None:
        _remove_entry(self.router.running.dynamic_maps, args["name"], args.get("seq"))
        self.changed()

    @command("crypto map <name:word> <seq:1-65535> [ipsec-isakmp]")
    def crypto_map(self, args: Args) -> str | None:
        from .cryptomap import CryptoMapMode

        cmap = self.router.running.crypto_maps.setdefault(args["name"], CryptoMap(args["name"]))
        entry = cmap.entries.get(args["seq"])
        if entry is not None and entry.gdoi and "ipsec-isakmp" not in args:
            from .gdoi_modes import GdoiMapMode

            self.session.push(GdoiMapMode(self.session, entry))  # `crypto map NAME SEQ` enters the entry as it is
            return None
        note = None
        if entry is None or entry.dynamic_template or entry.gdoi:
            entry = cmap.entries[args["seq"]] = CryptoMapEntry(args["seq"])
            note = NEW_MAP_NOTE
        self.changed()
        self.session.push(CryptoMapMode(self.session, cmap, entry, dynamic=False))
        return note

    @command("crypto map <name:word> <seq:1-65535> ipsec-isakmp dynamic <template:word>")
    def crypto_map_dynamic(self, args: Args) -> None:
        cmap = self.router.running.crypto_maps.setdefault(args["name"], CryptoMap(args["name"]))
        cmap.entries[args["seq"]] = CryptoMapEntry(args["seq"], dynamic_template=args["template"])
        self.changed()

    @command("crypto map <name:word> local-address <interface:iface>")
    def crypto_map_local_address(self, args: Args) -> None:
        cmap = self.router.running.crypto_maps.setdefault(args["name"], CryptoMap(args["name"]))
        cmap.local_address = args["interface"]
        self.changed()

    @command("no crypto map <name:word> local-address")
    def no_crypto_map_local_address(self, args: Args) -> None:
        cmap = self.router.running.crypto_maps.get(args["name"])
        if cmap:
            cmap.local_address = None
            self.changed()

    @command("no crypto map <name:word> [<seq:1-65535>]")
    def no_crypto_map(self, args: Args) -> None:
        _remove_entry(self.router.running.crypto_maps, args["name"], args.get("seq"))
        if args["name"] not in self.router.running.crypto_maps:
            for iface in self.router.running.interfaces.values():
                if iface.crypto_map == args["name"]:
                    iface.crypto_map = None
        self.changed()

    @command("crypto engine compliance shield disable")
    @command("no crypto engine compliance shield disable")
    def compliance_shield(self, args: Args) -> None:
        self.router.running.compliance_shield = "no" in args
        self.changed()


def _mask(mask: str | None) -> str | None:
    return None if mask in (None, "255.255.255.255") else mask


def _remove_entry(maps: dict[str, CryptoMap], name: str, seq: int | None) -> None:
    cmap = maps.get(name)
    if cmap is None:
        return
    if seq is None:
        del maps[name]
        return
    cmap.entries.pop(seq, None)
    if not cmap.entries and not cmap.local_address:
        del maps[name]


def parse_transforms(text: str, column: int) -> tuple[list[str], int | None]:
    """`esp-aes 256 esp-sha-hmac` → (["esp-aes", "esp-sha-hmac"], 256); caret errors per word."""
    transforms: list[str] = []
    key_size: int | None = None
    offset = 0
    for word in text.split():
        word_col = column + text.index(word, offset)
        offset = text.index(word, offset) + len(word)
        if word in ("128", "192", "256") and transforms and transforms[-1] in KEY_SIZE_TRANSFORMS:
            if key_size is not None:
                raise CliError(INVALID, word_col)
            key_size = int(word)
            continue
        candidates = [t for t in ALL_TRANSFORMS if t.startswith(word.lower())]
        exact = word.lower() if word.lower() in ALL_TRANSFORMS else None
        if exact is None and len(candidates) > 1:
            raise ambiguous(word)
        name = exact or (candidates[0] if candidates else None)
        group = next((g for g in TRANSFORM_GROUPS if name in g), None)
        if name is None or group is None or any(t in group for t in transforms):
            raise CliError(INVALID, word_col)
        transforms.append(name)
    if not transforms:
        raise CliError(INCOMPLETE)
    return sorted(transforms, key=_nvgen_rank), key_size


NVGEN_ORDER = (AH_TRANSFORMS, ESP_ENCRYPTION_TRANSFORMS, ESP_INTEGRITY_TRANSFORMS, COMP_TRANSFORMS)


def _nvgen_rank(transform: str) -> int:
    """IOS keeps a transform set as AH, ESP cipher, ESP integrity, compression, whatever the typed order."""
    return next(rank for rank, group in enumerate(NVGEN_ORDER) if transform in group)
