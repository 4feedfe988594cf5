# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Pre-shared keys out of NETCONF text, and `rpc-error` replies turned into one readable message.

A PSK is the list key of `key-address-host`, so it shows up as the `<key>` child of that element and in
error paths (`key-address-host[key='...']`). Both are replaced by MASK wherever the collection shows or
raises XML: payloads in `commands`, rpc-error text from the netconf plugin, and device messages.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.mask import MASK

# (pattern, replacement) pairs; group 1 is kept.
SECRET_PATTERNS = (
    # <key-address-host ...> <key>PSK</key>, with any prefix and whitespace in between
    (
        re.compile(r"(<(?:[\w.-]+:)?key-address-host\b[^>]*>\s*<(?:[\w.-]+:)?key\b[^>]*>)[^<]*"),
        r"\g<1>" + MASK,
    ),
    # IKEv2 keyring peers: <pre-shared-key|local-option|remote-option> [<encryption>..</encryption>] <key>PSK,
    # and the symmetric <key> after a closing </local-option> or </remote-option>
    (
        re.compile(
            r"(<(?:[\w.-]+:)?(?:pre-shared-key|local-option|remote-option)\b[^>]*>\s*"
            r"(?:<(?:[\w.-]+:)?encryption\b[^>]*>[^<]*</[^>]*>\s*)?<(?:[\w.-]+:)?key(?=[\s>/])[^>]*>)[^<]+"
        ),
        r"\g<1>" + MASK,
    ),
    (
        re.compile(
            r"(</(?:[\w.-]+:)?(?:local-option|remote-option)>\s*<(?:[\w.-]+:)?key(?=[\s>/])[^>]*>)[^<]+"
        ),
        r"\g<1>" + MASK,
    ),
    # key-address-host[key='PSK'] or [ios-crypto:key="PSK"] in error paths
    (re.compile(r"(key-address-host\[(?:[\w.-]+:)?key=)(['\"]).*?\2(?=\])"), r"\g<1>\g<2>" + MASK + r"\g<2>"),
)
# What a failed operation means for the task, by error-tag (RFC 6241 Appendix A).
TAG_HINTS = {
    "lock-denied": "another NETCONF session holds the lock on the running datastore",
    "in-use": "another NETCONF session holds the lock on the running datastore",
    "operation-not-supported": "the device does not support this operation",
}


def mask_xml(text: str) -> str:
    for pattern, replacement in SECRET_PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def describe(text: str) -> str:
    """`rpc-error <tag>: <message> (path ..., session-id N); <hint>` for each rpc-error in `text`; text that
    is not rpc-error XML is returned masked as it is."""
    try:
        root = ET.fromstring(text.strip())
    except ET.ParseError:
        return mask_xml(text)
    errors = [el for el in root.iter() if _local(el.tag) == "rpc-error"]
    if not errors:
        return mask_xml(text)
    return mask_xml("; ".join(_describe_one(error) for error in errors))


def _describe_one(error: ET.Element) -> str:
    fields = {_local(child.tag): (child.text or "").strip() for child in error}
    info = next((child for child in error if _local(child.tag) == "error-info"), None)
    details = [f"path {fields['error-path']}"] if fields.get("error-path") else []
    details += [
        f"{_local(item.tag)} {(item.text or '').strip()}" for item in (info if info is not None else [])
    ]
    message = f"rpc-error {fields.get('error-tag', 'unknown')}"
    if fields.get("error-message"):
        message += f": {fields['error-message']}"
    if details:
        message += f" ({', '.join(details)})"
    hint = TAG_HINTS.get(fields.get("error-tag", ""))
    return f"{message}; {hint}" if hint else message
