"""How IOS prints an accepted input line back in `show running-config` (the rules the realcfg test relies on).

IOS abbreviates some keywords, drops default key sizes, completes masks, and does not print a value that
restates the default. `ios_form` rewrites an input line into the form IOS prints; `restates_default` says
when IOS prints nothing for it; `kept_elsewhere` when the command's result is not configuration text.
"""

from __future__ import annotations

import re

REWRITES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("crypto isakmp policy", re.compile(r"^encryption (\S+)"), r"encr \1"),
    ("crypto isakmp policy", re.compile(r"^encr aes 128$"), "encr aes"),
    ("crypto ipsec transform-set", re.compile(r"\b(esp-aes|esp-gcm|esp-gmac) 128\b"), r"\1"),
    ("crypto isakmp profile", re.compile(r"^(match identity address \S+)$"), r"\1 255.255.255.255"),
    ("crypto isakmp profile", re.compile(r"^(match identity address \S+) (?![\d.]+$)(\S+)$"), r"\1 255.255.255.255 \2"),
    ("crypto ikev2 profile", re.compile(r"^(match identity remote address [\d.]+)$"), r"\1 255.255.255.255"),
    ("crypto map", re.compile(r"^(crypto map \S+ \d+)$"), r"\1 ipsec-isakmp"),
    ("crypto isakmp keepalive", re.compile(r"^(crypto isakmp keepalive \d+)$"), r"\1 2"),
)

# (block header prefix, line) pairs that restate an IOS default, which IOS does not print.
DEFAULTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "crypto isakmp policy",
        re.compile(r"^(encr(yption)? des|hash sha|authentication rsa-sig|group 1|lifetime 86400)$"),
    ),
    ("crypto ipsec transform-set", re.compile(r"^mode tunnel$")),
    ("crypto ipsec security-association lifetime seconds 3600", re.compile(r".*")),
    ("crypto ipsec security-association lifetime kilobytes 4608000", re.compile(r".*")),
    ("crypto ipsec security-association replay window-size 64", re.compile(r".*")),
    ("crypto ipsec df-bit copy", re.compile(r".*")),
    ("crypto ipsec fragmentation before-encryption", re.compile(r".*")),
    ("crypto ipsec nat-transparency udp-encapsulation", re.compile(r".*")),
    ("crypto isakmp identity address", re.compile(r".*")),
)


# Commands whose result IOS keeps outside the running config: RSA key pairs live in private NVRAM.
KEPT_ELSEWHERE = re.compile(r"^crypto key generate rsa\b")


def words(line: str) -> str:
    return " ".join(line.split())


def ios_form(header: str, line: str) -> str:
    """The line as IOS prints it (whitespace collapsed), given the header of its block."""
    text = words(line)
    context = words(header)
    for prefix, pattern, replacement in REWRITES:
        if context.startswith(prefix):
            text = pattern.sub(replacement, text)
    if text.startswith("crypto ipsec transform-set "):
        text = _transforms_in_order(text)
    return text


def _transforms_in_order(header: str) -> str:
    """IOS prints AH, the ESP cipher (with its key size), ESP integrity, compression."""
    head = header.split()[:4]
    groups: list[list[str]] = []
    for word in header.split()[4:]:
        if word.isdigit() and groups:
            groups[-1].append(word)
        else:
            groups.append([word])

    def rank(group: list[str]) -> int:
        name = group[0]
        if name.startswith("ah-"):
            return 0
        if name.startswith("esp-") and name.endswith("-hmac"):
            return 2
        return 1 if name.startswith("esp-") else 3

    return " ".join(head + [w for g in sorted(groups, key=rank) for w in g])


def kept_elsewhere(line: str) -> bool:
    return KEPT_ELSEWHERE.match(words(line)) is not None


def restates_default(header: str, line: str) -> bool:
    context = words(header)
    text = words(line)
    return any(context.startswith(prefix) and pattern.fullmatch(text) for prefix, pattern in DEFAULTS)


# Settings that hold one value: a later line of the same block replaces an earlier one.
SINGLE_VALUED = ("set pfs", "mode", "set transform-set", "set isakmp-profile", "set ikev2-profile", "encr",
                 "encryption", "hash", "group", "lifetime", "authentication", "match address", "local-address")


def setting_of(line: str) -> str | None:
    text = words(line)
    return next((s for s in SINGLE_VALUED if text == s or text.startswith(s + " ")), None)
