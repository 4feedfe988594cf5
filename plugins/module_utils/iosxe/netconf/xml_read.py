# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reading get-config XML by local name, so replies with or without namespace prefixes read the same."""

from __future__ import annotations

import xml.etree.ElementTree as ET

XmlElement = ET.Element


def local(element: XmlElement) -> str:
    return element.tag.rsplit("}", 1)[-1]


def kids(element: XmlElement | None, name: str) -> list[XmlElement]:
    return [kid for kid in element if local(kid) == name] if element is not None else []


def text(element: XmlElement | None, name: str) -> str | None:
    found = kids(element, name)
    return (found[0].text or "").strip() if found else None


def first(element: XmlElement | None, name: str) -> XmlElement | None:
    found = kids(element, name)
    return found[0] if found else None
