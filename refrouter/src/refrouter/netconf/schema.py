"""The served subset of the IOS XE 17.18.1 native tree (Cisco-IOS-XE-native, -crypto, -acl), as data.

Element names, keys, presence containers and choices follow the YANG modules in
shared/reference/yang (and Cisco-IOS-XE-acl 17.18.1). A node that is not listed here is answered with
`unknown-element`; docs/netconf.md lists what is served. `choice` names a choice group: setting a node
removes its siblings of the same group that sit in another case. Some groups are stricter than the YANG
(see `EXCLUSIVE` notes) because the CLI model holds a single value there.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .types import (
    EMPTY,
    EXP_ACL,
    EXT_ACL,
    IPV4,
    KEY_BITS,
    NAME,
    PFS_GROUP,
    STD_ACL,
    UINT32,
    Enum,
    LeafType,
    String,
    Uint,
    Union,
)
from .xml import ACL_NS, CRYPTO_NS, NATIVE_NS, PREFIXES


@dataclass
class Node:
    name: str
    kind: str  # container | presence | list | leaf | leaf-list
    children: list[Node] = field(default_factory=list)
    keys: tuple[str, ...] = ()
    type: LeafType | None = None
    choice: tuple[str, str] | None = None  # (choice, case)
    ns: str | None = None

    def child(self, ns: str, name: str) -> Node | None:
        return next((c for c in self.children if c.name == name and c.ns == ns), None)

    @property
    def is_leafy(self) -> bool:
        return self.kind in ("leaf", "leaf-list")

    def prefixed(self) -> str:
        return f"{PREFIXES.get(self.ns or '', '')}:{self.name}"


def _node(kind: str, name: str, children: tuple[Node, ...], **kw: object) -> Node:
    return Node(name, kind, list(children), **kw)  # type: ignore[arg-type]


def C(name: str, *children: Node, ns: str | None = None, choice: tuple[str, str] | None = None) -> Node:
    return _node("container", name, children, ns=ns, choice=choice)


def P(name: str, *children: Node, choice: tuple[str, str] | None = None) -> Node:
    return _node("presence", name, children, choice=choice)


def L(name: str, keys: tuple[str, ...], *children: Node, ns: str | None = None) -> Node:
    return _node("list", name, children, keys=keys, ns=ns)


def leaf(name: str, type_: LeafType, choice: tuple[str, str] | None = None) -> Node:
    return Node(name, "leaf", type=type_, choice=choice)


def leaf_list(name: str, type_: LeafType, choice: tuple[str, str] | None = None) -> Node:
    return Node(name, "leaf-list", type=type_, choice=choice)


def _inherit(node: Node, ns: str) -> Node:
    node.ns = node.ns or ns
    for kid in node.children:
        _inherit(kid, node.ns)
    return node


# ------------------------------------------------------------------------------------------ crypto

def _sa_set() -> Node:
    """`set` of a crypto map entry, a dynamic-map entry and an IPsec profile (ipsec-common-set-grouping)."""
    return C(
        "set",
        leaf("ikev2-profile", NAME, choice=("isakmp_profile-ikev2_profile", "ikev2")),
        leaf("isakmp-profile", NAME, choice=("isakmp_profile-ikev2_profile", "isakmp")),
        C("peer", leaf_list("addresses", IPV4)),
        P("pfs", leaf("group", PFS_GROUP)),
        leaf_list("transform-set", NAME),
        C(
            "security-association",
            C(
                "lifetime",
                leaf("seconds-case", Uint(120, 2592000), choice=("days-seconds", "seconds")),
                leaf("kilobytes", Uint(2560, 4294967295)),
            ),
        ),
    )


ISAKMP_POLICY = L(
    "policy",
    ("number",),
    leaf("number", Uint(1, 10000)),
    leaf("authentication", Enum(("pre-share", "rsa-encr", "rsa-sig"))),
    C(
        "encryption",
        # EXCLUSIVE: the YANG lets aes-192/aes-256/a3des sit beside the choice; the CLI has one cipher.
        leaf("aes-192", EMPTY, choice=("cipher", "aes-192")),
        leaf("aes-256", EMPTY, choice=("cipher", "aes-256")),
        leaf("a3des", EMPTY, choice=("cipher", "3des")),
        P("aes-choice", leaf("key-type", KEY_BITS), choice=("cipher", "aes")),
        leaf("des-choice", EMPTY, choice=("cipher", "des")),
    ),
    leaf("group", Enum(("1", "14", "15", "16", "19", "2", "20", "21", "24", "5"))),
    leaf("hash", Enum(("md5", "sha", "sha256", "sha384", "sha512"))),
    leaf("lifetime", Uint(60, 86400)),
)

def _interface_ref() -> tuple[Node, ...]:
    return (
        leaf("GigabitEthernet", String(r"[0-9]+(/[0-9]+)*(\.[0-9]+)?"), choice=("interface-choice", "gi")),
        leaf("Loopback", UINT32, choice=("interface-choice", "lo")),
        leaf("Tunnel", UINT32, choice=("interface-choice", "tu")),
    )


_INTERFACE_REF = _interface_ref()


def _local_address() -> Node:
    # EXCLUSIVE: the YANG keeps bind-ip-address beside the interface choice; the CLI holds one local address.
    return C("local-address", C("bind-ip-address", leaf("ip-address", IPV4), choice=("interface-choice", "ip")),
             *_interface_ref())


def _psk() -> tuple[Node, ...]:
    return leaf("key", EMPTY), leaf("encryption", Enum(("0", "6"))), leaf("unencryt-key", NAME)


KEYRING = L(
    "keyring",
    ("name",),
    leaf("name", NAME),
    leaf("vrf", NAME),
    leaf("description", NAME),
    _local_address(),
    C(
        "pre-shared-key",
        C("address-v2", L("ipv4", ("ipv4-addr",), leaf("ipv4-addr", IPV4), leaf("mask", IPV4), *_psk())),
        L("hostname", ("name",), leaf("name", NAME), *_psk()),
    ),
    ns=CRYPTO_NS,
)

ISAKMP_PROFILE = L(
    "profile",
    ("name",),
    leaf("name", NAME),
    C("ca", leaf_list("trust-point-ca", NAME)),
    C(
        "client",
        C("authentication", leaf("list", NAME)),
        C("configuration", leaf("address", Enum(("initiate", "respond"))), leaf("group", NAME)),
    ),
    leaf("description", NAME),
    C("initiate", P("mode", leaf("mode-name", Enum(("aggressive",))))),
    C("isakmp", C("authorization", leaf("list", NAME))),
    C("keepalive", leaf("number", Uint(10, 3600)), leaf("retry", Uint(2, 60))),
    L("keyring", ("name",), leaf("name", NAME)),
    _local_address(),
    C(
        "match",
        C(
            "identity",
            L("address", ("ip", "mask"), leaf("ip", IPV4), leaf("mask", IPV4)),
            leaf_list("groups", NAME),
            C("host", L("domain-name-1", ("name",), leaf("name", NAME))),
        ),
    ),
    C("self-identity", P("address", choice=("self", "address")), P("fqdn", choice=("self", "fqdn"))),
    C("virtual-template-option", leaf("virtual-template-number", Uint(1, 65535))),
    leaf("vrf", NAME),
)

ISAKMP = C(
    "isakmp",
    C("default", leaf("policy", EMPTY)),
    C("keepalive", leaf("number", Uint(10, 3600)), leaf("retry-number", Uint(2, 60))),
    C(
        "key",
        L(
            "key-address-host",
            ("key",),
            leaf("key", NAME),
            leaf("encryption", Enum(("0", "6"))),
            C(
                "address",
                L("address-v4", ("address",), leaf("address", IPV4), leaf("mask", IPV4), leaf("no-xauth", EMPTY)),
            ),
        ),
    ),
    ISAKMP_POLICY,
    ISAKMP_PROFILE,
    ns=CRYPTO_NS,
)

TRANSFORM_SET = L(
    "transform-set",
    ("tag",),
    leaf("tag", NAME),
    leaf("ah-hmac", Enum(tuple(f"ah-{h}-hmac" for h in ("md5", "sha", "sha256", "sha384", "sha512")))),
    leaf("comp-lzs", EMPTY),
    leaf(
        "esp",
        Enum(("esp-3des", "esp-aes", "esp-des", "esp-gcm", "esp-gmac", "esp-null", "esp-seal", "esp-192-aes",
              "esp-256-aes")),
    ),
    leaf("key-bit", KEY_BITS),
    leaf("esp-hmac", Enum(tuple(f"esp-{h}-hmac" for h in ("md5", "sha", "sha256", "sha384", "sha512")))),
    C(
        "mode",
        P("transport-choice", choice=("mode-type", "transport")),
        leaf("tunnel-choice", EMPTY, choice=("mode-type", "tunnel")),
    ),
)

IPSEC = C(
    "ipsec",
    TRANSFORM_SET,
    L("profile", ("name",), leaf("name", NAME), _sa_set()),
    ns=CRYPTO_NS,
)


CRYPTO_MAP = C(
    "map",
    C(
        "map-seq",
        L(
            "map",
            ("name", "seq"),
            leaf("name", NAME),
            leaf("seq", Uint(1, 65535)),
            P("ipsec-isakmp", C("dynamic", leaf("mode", NAME))),
            leaf("description", NAME),
            C("match", leaf("address", EXT_ACL)),
            P("reverse-route", leaf("static", EMPTY)),
            _sa_set(),
        ),
    ),
    C("map-local", L("map", ("name",), leaf("name", NAME), C("local-address", *_INTERFACE_REF))),
    ns=CRYPTO_NS,
)

DYNAMIC_MAP = L(
    "dynamic-map",
    ("name", "sequence"),
    leaf("name", NAME),
    leaf("sequence", Uint(1, 65535)),
    leaf("description", NAME),
    C("match", leaf("address", EXT_ACL)),
    P("reverse-route", leaf("static", EMPTY)),
    _sa_set(),
    ns=CRYPTO_NS,
)

# IKEv2 (Cisco-IOS-XE-crypto `crypto ikev2`): the algorithm sets are empty leaves in the YANG.
IKEV2_ENCRYPTION_LEAVES = ("en-3des", "aes-cbc-128", "aes-cbc-192", "aes-cbc-256", "aes-gcm-128", "aes-gcm-256", "des")
IKEV2_HASH_LEAVES = ("md5", "sha1", "sha256", "sha384", "sha512")
IKEV2_GROUP_LEAVES = {1: "one", 2: "two", 5: "five", 14: "fourteen", 15: "fifteen", 16: "sixteen", 19: "nineteen",
                      20: "twenty", 21: "twenty-one", 24: "twenty-four"}
_FVRF = C("fvrf", leaf("name", NAME, choice=("fvrf", "name")), leaf("any", EMPTY, choice=("fvrf", "any")))
_PSK = (leaf("encryption", Enum(("0", "6"))), leaf("key", NAME))

IKEV2 = C(
    "ikev2",
    leaf("cookie-challenge", Uint(1, 1000)),
    C("dpd-container", leaf("dpd", Uint(10, 3600)), leaf("retry-interval", Uint(2, 60)),
      leaf("dpd-query", Enum(("on-demand", "periodic")))),
    L(
        "keyring",
        ("name",),
        leaf("name", NAME),
        L(
            "peer",
            ("name",),
            leaf("name", NAME),
            C("address", C("ipv4", leaf("ipv4-address", IPV4), leaf("ipv4-mask", IPV4))),
            leaf("description", NAME),
            leaf("hostname", NAME),
            C(
                "identity",
                leaf("address-type", IPV4, choice=("identity", "address")),
                C("email-option", leaf("name", NAME), leaf("domain", NAME), choice=("identity", "email")),
                C("fqdn-option", leaf("name", NAME), leaf("domain", NAME), choice=("identity", "fqdn")),
                leaf("key-id-number", NAME, choice=("identity", "key-id")),
            ),
            C("pre-shared-key", C("local-option", *_PSK), C("remote-option", *_PSK), *_PSK),
        ),
    ),
    C("nat", leaf("keepalive", Uint(5, 3600))),
    L(
        "policy",
        ("name",),
        leaf("name", NAME),
        C("match", C("address", leaf_list("local-ip", IPV4)), _FVRF),
        L("proposal", ("proposals",), leaf("proposals", NAME)),
    ),
    L(
        "profile",
        ("name",),
        leaf("name", NAME),
        C(
            "authentication",
            C("local", leaf("ecdsa-sig", EMPTY), P("pre-share"), leaf("rsa-sig", EMPTY)),
            C("remote", P("eap"), leaf("ecdsa-sig", EMPTY), P("pre-share"), leaf("rsa-sig", EMPTY)),
        ),
        leaf("description", NAME),
        C("dpd", leaf("interval", Uint(10, 3600)), leaf("retry", Uint(2, 60)),
          leaf("query", Enum(("on-demand", "periodic")))),
        C(
            "identity",
            C(
                "local",
                leaf("address", IPV4, choice=("identity", "address")),
                leaf("dn", EMPTY, choice=("identity", "dn")),
                leaf("email", NAME, choice=("identity", "email")),
                leaf("fqdn", NAME, choice=("identity", "fqdn")),
                leaf("key-id", NAME, choice=("identity", "key-id")),
            ),
        ),
        leaf("ivrf", NAME),
        C("keyring", C("local", leaf("name", NAME))),
        C("lifetime", leaf("seconds", Uint(120, 86400))),
        C(
            "match",
            C("address", C("local", leaf_list("ip-address", IPV4))),
            _FVRF,
            C(
                "identity",
                C(
                    "remote",
                    C("address", L("ipv4", ("ipv4-address",), leaf("ipv4-address", IPV4), leaf("ipv4-mask", IPV4))),
                    leaf("any", EMPTY),
                    C("email", leaf_list("names", NAME), leaf_list("domains", NAME)),
                    C("fqdn", leaf_list("fqdn-name", NAME), leaf_list("domains", NAME)),
                    leaf_list("key-ids", NAME),
                ),
            ),
        ),
        C("nat", leaf("keepalive", Uint(5, 3600))),
        C("pki", L("trust-points", ("name",), leaf("name", NAME), leaf("uses", Enum(("sign", "verify"))))),
        C("virtual-template", leaf("number", Uint(1, 65535))),
    ),
    L(
        "proposal",
        ("name",),
        leaf("name", NAME),
        C("encryption", *(leaf(n, EMPTY) for n in IKEV2_ENCRYPTION_LEAVES)),
        C("group", *(leaf(n, EMPTY) for n in IKEV2_GROUP_LEAVES.values())),
        C("integrity", *(leaf(n, EMPTY) for n in IKEV2_HASH_LEAVES)),
        C("prf", *(leaf(n, EMPTY) for n in IKEV2_HASH_LEAVES)),
    ),
    ns=CRYPTO_NS,
)

CRYPTO = C(
    "crypto",
    DYNAMIC_MAP,
    C("engine", C("compliance", C("shield", leaf("disable", EMPTY))), ns=CRYPTO_NS),
    IKEV2,
    IPSEC,
    ISAKMP,
    KEYRING,
    CRYPTO_MAP,
)

# ------------------------------------------------------------------------------------------ ACLs

# acl-port-type enum names and the port numbers the YANG gives them (login/exec/cmd have none: not served).
ACL_PORT_NUMBERS = {
    "bgp": 179, "chargen": 19, "daytime": 13, "discard": 9, "domain": 53, "echo": 7, "finger": 79, "ftp": 21,
    "ftp-data": 20, "gopher": 70, "hostname": 101, "ident": 113, "irc": 194, "klogin": 543, "kshell": 544,
    "lpd": 515, "msrpc": 135, "nntp": 119, "pim-auto-rp": 496, "pop2": 109, "pop3": 110, "smtp": 25,
    "sunrpc": 111, "tacacs": 49, "talk": 517, "telnet": 23, "time": 37, "uucp": 540, "whois": 43, "www": 80,
    "biff": 512, "bootpc": 68, "bootps": 67, "dnsix": 195, "isakmp": 500, "mobile-ip": 434, "nameserver": 42,
    "netbios-dgm": 138, "netbios-ns": 137, "netbios-ss": 139, "non500-isakmp": 4500, "ntp": 123, "rip": 520,
    "ripv6": 521, "snmp": 161, "snmptrap": 162, "syslog": 514, "tftp": 69, "who": 513, "xdmcp": 177,
    "onep-plain": 15001, "onep-tls": 15002,
}
# IANA numbers of the protocol names the YANG allows and the CLI ACE parser does not know by name.
ACL_PROTOCOL_NUMBERS = {"eigrp": 88, "igmp": 2, "ipinip": 4, "nos": 94, "ospf": 89, "pcp": 108, "pim": 103}
ACL_PORT = Union((Uint(0, 65535), Enum(tuple(ACL_PORT_NUMBERS))))
ACL_PROTOCOL = Union(
    (Uint(0, 255), Enum(("ahp", "eigrp", "esp", "gre", "icmp", "igmp", "ip", "ipinip", "nos", "ospf", "pcp", "pim",
                         "tcp", "udp")))
)


def _ports(prefix: str) -> tuple[Node, ...]:
    group = f"{prefix}-port-choice"
    ops = tuple(leaf(f"{prefix}-{op}", ACL_PORT, choice=(group, op)) for op in ("eq", "gt", "lt", "neq"))
    ranges = tuple(leaf(f"{prefix}-range{n}", ACL_PORT, choice=(group, "range")) for n in (1, 2))
    return ops + ranges


STD_ACE = C(
    "std-ace",
    leaf("ipv4-address-prefix", IPV4, choice=("source-choice", "prefix")),
    leaf("mask", IPV4, choice=("source-choice", "prefix")),
    leaf("any", EMPTY, choice=("source-choice", "any")),
    leaf("host-address", IPV4, choice=("source-choice", "host")),
    leaf("log", EMPTY),
)

STANDARD_ACL = L(
    "standard",
    ("name",),
    leaf("name", STD_ACL),
    L(
        "access-list-seq-rule",
        ("sequence",),
        leaf("sequence", Uint(1, 2147483647)),
        # EXCLUSIVE: a remark is its own sequence entry in IOS XE running-config.
        C("deny", STD_ACE, choice=("entry", "deny")),
        C("permit", STD_ACE, choice=("entry", "permit")),
        leaf("remark", String(min_len=1, max_len=100), choice=("entry", "remark")),
    ),
    ns=ACL_NS,
)

ACE_RULE = C(
    "ace-rule",
    leaf("action", Enum(("deny", "permit"))),
    leaf("protocol", ACL_PROTOCOL),
    leaf("ipv4-address", IPV4, choice=("source-choice", "prefix")),
    leaf("mask", IPV4, choice=("source-choice", "prefix")),
    leaf("any", EMPTY, choice=("source-choice", "any")),
    leaf("host-address", IPV4, choice=("source-choice", "host")),
    *_ports("src"),
    leaf("dest-ipv4-address", IPV4, choice=("destination-choice", "prefix")),
    leaf("dest-mask", IPV4, choice=("destination-choice", "prefix")),
    leaf("dst-any", EMPTY, choice=("destination-choice", "any")),
    leaf("dst-host-address", IPV4, choice=("destination-choice", "host")),
    *_ports("dst"),
    leaf("log", EMPTY),
    choice=("entry", "rule"),
)

EXTENDED_ACL = L(
    "extended",
    ("name",),
    leaf("name", EXT_ACL),
    L(
        "access-list-seq-rule",
        ("sequence",),
        leaf("sequence", Uint(1, 2147483647)),
        leaf_list("remarks", String(min_len=1, max_len=100), choice=("entry", "remark")),
        ACE_RULE,
    ),
    ns=ACL_NS,
)

# ------------------------------------------------------------------------------------------ native


def _access_group() -> Node:
    """`ip access-group ACL in|out`: the YANG's `acl` case only (the `common-acl` case is not served)."""
    return C("access-group", *(C(way, C("acl", leaf("acl-name", EXP_ACL), leaf(way, EMPTY))) for way in ("in", "out")))


def _interface(name: str, key_type: LeafType) -> Node:
    return L(
        name,
        ("name",),
        leaf("name", key_type),
        leaf("description", String(min_len=1, max_len=200)),
        leaf("shutdown", EMPTY),
        C("vrf", leaf("forwarding", NAME)),
        C("ip", _access_group(),
          C("address", C("primary", leaf("address", IPV4), leaf("mask", IPV4)))),
        C("crypto", C("map", leaf("tag", NAME)), ns=CRYPTO_NS),
    )


NATIVE = _inherit(
    C(
        "native",
        leaf("hostname", String(r"[A-Za-z0-9][A-Za-z0-9._-]*", max_len=63)),
        C(
            "vrf",
            L(
                "definition",
                ("name",),
                leaf("name", NAME),
                leaf("description", String(min_len=1, max_len=244)),
                leaf("rd", String(r"[0-9.:]+:[0-9]+")),
                C("address-family", P("ipv4")),
            ),
        ),
        C("ip", C("access-list", STANDARD_ACL, EXTENDED_ACL)),
        C(
            "interface",
            _interface("GigabitEthernet", String(r"[0-9]+(/[0-9]+)*(\.[0-9]+)?")),
            _interface("Loopback", UINT32),
            _interface("Tunnel", UINT32),
        ),
        CRYPTO,
    ),
    NATIVE_NS,
)
