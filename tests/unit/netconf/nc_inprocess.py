"""The reference router's NETCONF datastore in-process, and yanglint over the 17.18.1 modules.

RouterDatastore is a NetconfDevice without the transport: get-config is refrouter's own rendering of its
running config, edit-config is refrouter's own all-or-nothing edit engine (the code `refrouter serve` runs),
and errors come back as rpc-error XML, as the netconf plugin raises them. The integration tests cover the
SSH transport, ansible.netcommon.netconf and the plugin.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from ansible.module_utils.connection import ConnectionError as DeviceError
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.dialect import XML_DIALECT
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.rpc_errors import describe
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.xml_tree import NATIVE
from lxml import etree
from sharedref import SHARED

from refrouter.lab.boot import BootableRouter as Router
from refrouter.netconf import datastore as refrouter_datastore
from refrouter.netconf.errors import RpcError
from refrouter.netconf.xml import parse_xml

REPO = Path(__file__).resolve().parents[3]
REFERENCE_YANG = SHARED / "reference" / "yang"
EXTRA_YANG = REPO / "refrouter" / "tests" / "netconf" / "yang"
NC = "urn:ietf:params:xml:ns:netconf:base:1.0"


class RouterDatastore:
    """A device double for the runner that speaks the XML dialect against a booted reference router."""

    dialect = XML_DIALECT

    def __init__(self, startup: str = "") -> None:
        self.router = Router("RouterA")
        self.router.boot(startup)
        assert self.router.boot_errors == [], self.router.boot_errors
        self.edits: list[str] = []

    def running_config(self) -> str:
        data = etree.Element(f"{{{NC}}}data")
        data.append(refrouter_datastore.running_tree(self.router))
        return etree.tostring(data, encoding="unicode")

    def configure(self, payloads: list[str]) -> list[str]:
        for payload in payloads:
            self.edits.append(payload)
            try:
                refrouter_datastore.edit_running(self.router, parse_xml(payload.encode()), "merge")
            except RpcError as exc:
                reply = etree.tostring(exc.to_xml(), encoding="unicode")
                raise DeviceError(f"edit-config failed: {describe(reply)}") from None
        return []

    def cli_text(self) -> str:
        return self.router.running_config_text()


def native_of(payload: str) -> bytes:
    """The `<native>` element of an edit-config `<config>` (what yanglint validates)."""
    native = ET.fromstring(payload).find(f"{{{NATIVE}}}native")
    assert native is not None, payload
    return ET.tostring(native)


def require_yanglint() -> str:
    binary = shutil.which("yanglint")
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("yanglint is required: apt-get install libyang-tools")
        pytest.skip("yanglint (Debian libyang-tools) is not installed")
    if not (REFERENCE_YANG / "Cisco-IOS-XE-crypto.yang").exists():
        pytest.skip(f"the reference YANG modules are not in {REFERENCE_YANG}")
    return binary


def yanglint(documents: dict[str, bytes], data_type: str, workdir: Path) -> str:
    """Validate each document (one yanglint run); return the error lines, '' when all are valid."""
    binary = require_yanglint()
    files = []
    for name, data in documents.items():
        path = workdir / f"{name}.xml"
        path.write_bytes(data)
        files.append(str(path))
    modules = [
        REFERENCE_YANG / "validation-set-17181" / "Cisco-IOS-XE-native.yang",
        REFERENCE_YANG / "Cisco-IOS-XE-crypto.yang",
        EXTRA_YANG / "ietf-netconf.yang",
    ]
    search = [
        "-p",
        str(REFERENCE_YANG / "validation-set-17181"),
        "-p",
        str(REFERENCE_YANG),
        "-p",
        str(EXTRA_YANG),
    ]
    done = subprocess.run(
        [binary, *search, "-F", "Cisco-IOS-XE-features:crypto", "-t", data_type, "-f", "xml", *files]
        + [str(module) for module in modules],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    errors = [line for line in done.stderr.splitlines() if not line.startswith("libyang warn")]
    if done.returncode != 0 and not errors:
        errors = [f"yanglint exited {done.returncode}"]
    return "\n".join(errors)
