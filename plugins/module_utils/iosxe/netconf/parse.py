# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parse get-config XML (IOS XE 17.18.1 native model) into the facts the running-config parser produces.

The result is the same RunningConfig: the resources in the shapes of their CLI parsers, the transform sets
each IPsec profile uses, and an `unparsed` warning for every element inside a managed object that the facts
cannot carry (it is left unchanged, as unparsed CLI lines are). An edit-config payload parses too
(`rendered_format: xml` output): nodes it deletes or removes are left out. Each resource's `netconf.py`
reads the paths it registers in READERS; this module walks `<native>` and dispatches to them.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.states import ResourceError
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.xml_read import (
    XmlElement,
    local,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.registry import RESOURCES
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.resource import XmlReader
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.blocks import Line
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import (
    RunningConfig,
    Unparsed,
)

OPERATION = "{urn:ietf:params:xml:ns:netconf:base:1.0}operation"


@dataclass(frozen=True)
class XmlUnparsed(Unparsed):
    """An element the facts cannot carry; `line.text` holds its path."""

    def warning(self) -> str:
        return f"get-config element {self.line.text} was not understood and is left unchanged"


class Reader:
    """The facts being read, and the warnings about what cannot be read."""

    def __init__(self, config: RunningConfig) -> None:
        self.config = config

    def skip(self, path: str, owner: str | None) -> None:
        self.config.unparsed.append(XmlUnparsed(Line(0, path), None, owner))


READERS: dict[tuple[str, ...], XmlReader] = {
    **{path: read for resource in RESOURCES.values() for path, read in resource.netconf.READERS.items()},
}


def parse_config_xml(document: str) -> RunningConfig:
    """Facts of every `<native>` in a get-config reply, a `<data>` element or a bare `<native>`."""
    try:
        root = ET.fromstring(document)
    except ET.ParseError as exc:
        raise ResourceError(f"the configuration is not well-formed XML: {exc}") from None
    _drop_removals(root)
    config = RunningConfig()
    for name, resource in RESOURCES.items():
        if resource.unconfigured_xml is not None:
            config.facts[name] = resource.unconfigured_xml()
    reader = Reader(config)
    for native in [el for el in root.iter() if local(el) == "native"]:
        _walk(reader, sorted(native, key=lambda child: local(child) == "interface"), ())
    return config


def _walk(reader: Reader, children: Iterable[XmlElement], path: tuple[str, ...]) -> None:
    """Hand each registered path to its reader; descend only into containers that lead to one.
    Interfaces are read last, so a binding follows the entries of the map it names (as in the CLI)."""
    for child in children:
        here = (*path, local(child))
        read = READERS.get(here)
        if read is not None:
            read(reader, child)
        elif any(known[: len(here)] == here for known in READERS):
            _walk(reader, child, here)


def _drop_removals(element: XmlElement) -> None:
    """An edit-config payload (parsed state) may remove nodes: those are absent, not configuration."""
    for child in list(element):
        if child.get(OPERATION) in ("delete", "remove"):
            element.remove(child)
        else:
            _drop_removals(child)
