# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Minimal parser for ``show version``.

-> ``{"device": {"version", "hostname", "uptime", "uptime_seconds", "model", "image", "serial", ...}}``
The six named keys are always present (None when not printed); other recognised lines add
``ios_version``, ``image_id``, ``rom``, ``bootldr``, ``control_processor_uptime[_seconds]``,
``returned_to_rom_by``, ``restarted_at``, ``last_reload_reason``, ``config_register``,
``next_config_register``, ``memory_kb``, ``interfaces`` ({kind: count}), ``storage_kb``
({what: size}), ``license_rows`` (rows of the license tables, verbatim) and any other
``Label: value`` line under its snake_case label.

Cisco's fixed legal and licence paragraphs are recognised line by line (see ``BOILERPLATE``) and
skipped; anything else not understood is a warning, as in every parser.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .common import Log, ParseResult, compile_rules, duration_seconds, run_rules, snake_case, typed_fields

BOILERPLATE = (
    r"Copyright \(c\)",
    r"Compiled ",
    r"Cisco IOS-XE software, Copyright",
    r"All rights reserved\.",
    r"licensed under the GNU General Public License",
    r"software code licensed under GPL",
    r"with ABSOLUTELY NO WARRANTY",
    r"GPL code under the terms of GPL",
    r'documentation or "License Notice"',
    r"or the applicable URL provided",
    r"software\.$",
    r"This product contains cryptographic features",
    r"States and local country laws",
    r"use\. Delivery of Cisco cryptographic",
    r"third-party authority to import",
    r"Importers, exporters, distributors",
    r"compliance with U\.S\. and local",
    r"agree to comply with applicable laws",
    r"to comply with U\.S\. and local laws",
    r"A summary of U\.S\. laws governing",
    r"http://www\.cisco\.com/wwl/export/crypto",
    r"If you require further assistance",
    r"export@cisco\.com\.$",
    r"This software is supported for a limited time",
    r"(?:Technology Package|Suite) License Information",
    r"-{3,}[-\s]*$",
    r"(?:Technology|Suite)\s+(?:Type|Technology-package|Suite Current)\b",
    r"Technology-package\s+Technology-package",
    r"Current\s+(?:Type|Next Reboot)",
    r"The current (?:crypto )?throughput level is",
)


class _VersionState:
    def __init__(self) -> None:
        self.device: dict[str, Any] = dict.fromkeys(
            ("version", "hostname", "uptime", "uptime_seconds", "model", "image", "serial")
        )
        self.in_license_table = False
        self.fields = self.device

    def _set(self, **values: Any) -> None:
        self.device.update(values)
        self.in_license_table = False

    def on_boilerplate(self, match: re.Match[str], *_: object) -> None:
        if "License Information" in match.group(0):
            self.in_license_table = True

    def on_xe_version(self, match: re.Match[str], *_: object) -> None:
        self._set(version=match.group(1))

    def on_ios_software(self, match: re.Match[str], *_: object) -> None:
        self._set(image_id=match.group(1), ios_version=match.group(2))
        if self.device["version"] is None:
            self.device["version"] = match.group(2)

    def on_uptime(self, match: re.Match[str], *_: object) -> None:
        self._set(
            hostname=match.group(1), uptime=match.group(2), uptime_seconds=duration_seconds(match.group(2))
        )

    def on_cp_uptime(self, match: re.Match[str], *_: object) -> None:
        self._set(
            control_processor_uptime=match.group(1),
            control_processor_uptime_seconds=duration_seconds(match.group(1)),
        )

    def on_returned(self, match: re.Match[str], *_: object) -> None:
        self._set(returned_to_rom_by=match.group(1))
        if match.group(2):
            self.device["returned_to_rom_at"] = match.group(2)

    def on_restarted(self, match: re.Match[str], *_: object) -> None:
        self._set(restarted_at=match.group(1))

    def on_image(self, match: re.Match[str], *_: object) -> None:
        self._set(image=match.group(1))

    def on_model(self, match: re.Match[str], *_: object) -> None:
        self._set(model=match.group(1), memory_kb=int(match.group(2)))

    def on_serial(self, match: re.Match[str], *_: object) -> None:
        self._set(serial=match.group(1))

    def on_config_register(self, match: re.Match[str], *_: object) -> None:
        self._set(config_register=match.group(1))
        if match.group(2):
            self.device["next_config_register"] = match.group(2)

    def on_interfaces(self, match: re.Match[str], *_: object) -> None:
        self.device.setdefault("interfaces", {})[match.group(2)] = int(match.group(1))

    def on_storage(self, match: re.Match[str], *_: object) -> None:
        self.device.setdefault("storage_kb", {})[" ".join(match.group(2).split())] = int(match.group(1))

    def on_field(self, match: re.Match[str], *_: object) -> None:
        self.in_license_table = False
        self.fields.update(
            typed_fields(match.group(1), match.group(2))
            if match.group(2)
            else {snake_case(match.group(1)): None}
        )

    def on_stack_header(self, *_: object) -> None:
        self.device.setdefault("stack", [])

    def on_stack_row(self, match: re.Match[str], *_: object) -> bool | None:
        if "stack" not in self.device:
            return False
        active, switch, ports, model, sw_version, sw_image, mode = match.groups()
        self.device["stack"].append(
            {
                "switch": int(switch),
                "active": bool(active),
                "ports": int(ports),
                "model": model,
                "sw_version": sw_version,
                "sw_image": sw_image,
                "mode": mode,
            }
        )
        return None

    def on_stack_member(self, match: re.Match[str], *_: object) -> None:
        self.fields = {"switch": int(match.group(1))}
        self.device.setdefault("stack_members", []).append(self.fields)

    def on_other(self, match: re.Match[str], *_: object) -> bool | None:
        if not self.in_license_table:
            return False
        self.device.setdefault("license_rows", []).append(" ".join(match.group(0).split()))
        return None


_RULES = compile_rules(
    ("|".join(rf"\s*{pattern}" for pattern in BOILERPLATE), "on_boilerplate"),
    (r"\s*Cisco IOS XE Software, Version\s+(\S+)\s*$", "on_xe_version"),
    (r"\s*IOS XE Version:\s*(\S+)\s*$", "on_xe_version"),
    (r"\s*Cisco IOS Software.*?\((\S+)\),.*?Version\s+([^,\s]+)", "on_ios_software"),
    (r"\s*Uptime for this control processor is\s+(.+?)\s*$", "on_cp_uptime"),
    (r"\s*(\S+) uptime is\s+(.+?)\s*$", "on_uptime"),
    (r"\s*System returned to ROM by\s+(.+?)(?:\s+at\s+(.+?))?\s*$", "on_returned"),
    (r"\s*System restarted at\s+(.+?)\s*$", "on_restarted"),
    (r'\s*System image file is\s+"([^"]*)"\s*$', "on_image"),
    (r"\s*cisco\s+(\S+)\s.*?with\s+(\d+)K(?:/\d+K)? bytes of memory", "on_model"),
    (r"\s*Processor board ID\s+(\S+)\s*$", "on_serial"),
    (
        r"\s*Configuration register is\s+(\S+)(?:\s+\(will be\s+(\S+) at next reload\))?\s*$",
        "on_config_register",
    ),
    (r"\s*(\d+)\s+(.+?)\s+interfaces?\s*$", "on_interfaces"),
    (r"\s*(\d+)K bytes of\s+(.+?)\.?\s*$", "on_storage"),
    (r"\s*Switch\s+Ports\s+Model\s+SW Version\b.*$", "on_stack_header"),
    (r"\s*(\*)?\s*(\d+)\s+(\d+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s*$", "on_stack_row"),
    (r"\s*Switch\s+(\d+)\s*$", "on_stack_member"),
    (r"\s*([A-Z][\w ./()-]{0,40}?)\s*:\s*(\S.*?)?\s*$", "on_field"),
    (r"\s*[A-Za-z][\w.-]*(?:\s+[\w.-]+)*\s*$", "on_other"),
)


def parse_version(text: str, args: Mapping[str, str] | None = None) -> ParseResult:
    log = Log()
    state = _VersionState()
    run_rules(text, _RULES, state, log)
    return ParseResult({"device": state.device}, log.warnings)
