# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one table of IOS XE device messages: which response lines are errors, which are notices.

IOS answers a command it refuses with a line that starts with `%` (`% Invalid input detected ...`,
`%Inconsistent address and mask`) or with `ERROR:`. Three kinds of `%` line are not errors:
- syslog messages, `%FACILITY-SEVERITY-MNEMONIC: text` (they can interleave with any output);
- notices, which IOS prints while the command takes effect (NOTICE_PHRASES: `% NOTE: ...`,
  `% Warning: ...`, `% Interface X IPv4 disabled and address(es) removed due to enabling VRF Y`, and
  `crypto key generate rsa`'s `% The key modulus size is N bits` / `% Generating N bit RSA keys, ...`);
- anything in a show command's output that does not match ERROR_PHRASES (a banner line in
  `show running-config` may start with `%`).

Two rules use the table (docs/modules/config_modules.md, "Device errors"):
- every response (exec and configuration) is an error when a line matches ERROR_PHRASES or starts with
  an ERROR_LINE_PREFIXES entry; the terminal plugin builds its error patterns from these;
- in a configuration response every `%` line that is neither syslog nor a notice is an error, known phrase
  or not (config_error_lines), so a message this table has never seen still fails the push.
"""

from __future__ import annotations

import re

# After `%` and an optional space: `%SYS-5-CONFIG_I:`, `%CRYPTO-4-RECVD_PKT_INV_SPI:`.
SYSLOG = r"[A-Z0-9_]+-[0-7]-[A-Z0-9_]+:"

# Informational `%` lines: the command took effect. Matched after `%` and an optional space.
NOTICE_PHRASES: tuple[str, ...] = (
    r"NOTE\b",
    r"Warning\b",
    r"WARNING\b",
    r"Interface \S+ IPv4 disabled and address\(es\) removed due to enabling VRF ",
    r"The key modulus size is \d+ bits",
    r"Generating \d+ bit RSA keys\b",
)

VERDICTS: tuple[str, ...] = (
    "not found",
    "does not exist",
    "not configured",
    "not permitted",
    "not a peer of",
    "not applied",
    "overlaps with",
    "not available",
    "already exists",
    "not allowed",
    "not supported",
    "cannot",
    "can't",
    "failed",
    "in use",
    "must be at least",
    "must be at most",
)
# Known error messages, matched after `%` and an optional space. The last entry catches the many IOS
# messages that name an object and end in a verdict (`% transform set X does not exist`,
# `% 192.0.2.9 is not a peer of this crypto map`, `% 10.0.0.0/24 overlaps with GigabitEthernet2`).
ERROR_PHRASES: tuple[str, ...] = (
    r"Invalid\b",
    r"Incomplete command",
    r"Ambiguous command",
    r"Unknown command",
    r"Error\b",
    r"Internal error",
    r"Bad (?:mask|secret|password)",
    r"Inconsistent\b",
    r"No such\b",
    r"No matching\b",
    r"Maximum number of\b",
    r"Duplicate\b",
    r"Removal of\b",
    r"Access denied",
    r"Hostname contains\b",
    r"Authorization failed",
    r"Configuration (?:mode )?(?:is )?locked",
    r"Please turn config archive on",
    r"Archive path is not specified",
    r"No Rollback Confirmed Change pending",
    r"Rollback Confirmed Change is already pending",
    r"Please define\b",
    rf"[^\r\n]*\b(?:{'|'.join(VERDICTS)})\b",
)

# Error lines that do not start with `%`.
ERROR_LINE_PREFIXES: tuple[str, ...] = ("ERROR: ", "Command authorization failed", "Command rejected:")

# Placed right after `%`, before the optional space, so backtracking over that space cannot skip it.
NOT_SYSLOG_OR_NOTICE = rf"(?! ?{SYSLOG})(?! ?(?:{'|'.join(NOTICE_PHRASES)}))"
KNOWN_ERROR_RE = re.compile(
    rf"^(?:%{NOT_SYSLOG_OR_NOTICE} ?(?:{'|'.join(ERROR_PHRASES)})"
    rf"|(?:{'|'.join(re.escape(prefix) for prefix in ERROR_LINE_PREFIXES)}))"
)
CONFIG_ERROR_RE = re.compile(
    rf"^(?:%{NOT_SYSLOG_OR_NOTICE} ?\S|(?:{'|'.join(re.escape(prefix) for prefix in ERROR_LINE_PREFIXES)}))"
)
NOTICE_RE = re.compile(rf"^% ?(?:{'|'.join(NOTICE_PHRASES)})")
SYSLOG_RE = re.compile(rf"^% ?{SYSLOG}")


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.replace("\r", "").split("\n")]


def is_syslog(line: str) -> bool:
    return SYSLOG_RE.match(line.lstrip()) is not None


def is_known_error(line: str) -> bool:
    """True for a line that any response (exec or configuration) treats as an error."""
    return KNOWN_ERROR_RE.match(line) is not None


def config_error_lines(text: str) -> list[str]:
    """The error lines of a configuration command's response: every `%` line that is neither syslog nor a
    notice, and every ERROR_LINE_PREFIXES line."""
    return [line for line in _lines(text) if CONFIG_ERROR_RE.match(line)]


def warning_lines(text: str) -> list[str]:
    """The `% Warning` notices of a response (the ones a module repeats as warnings)."""
    return [line for line in notice_lines(text) if line.lstrip("% ").lower().startswith("warning")]


def notice_lines(text: str) -> list[str]:
    """The notices (`% NOTE`, `% Warning`, ...) of a response, without their continuation lines."""
    return [line for line in _lines(text) if NOTICE_RE.match(line)]
