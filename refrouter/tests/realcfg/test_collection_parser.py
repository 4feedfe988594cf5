"""The collection's running-config parser reads the router's `show running-config` of every realcfg file back
with no crypto line lost: each one is in a resource's facts, in a family the collection deliberately ignores,
or reported as a warning (`unparsed`)."""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

import pytest
from ios_form import words
from realcfg_lines import FileResult, measure
from test_realcfg import REPO, needs_realcfg, realcfg_files

COLLECTIONS = REPO / ".collections"  # `make setup` links the collection there
if (COLLECTIONS / "ansible_collections" / "ipsecux" / "iosxe").is_dir() and str(COLLECTIONS) not in sys.path:
    sys.path.insert(0, str(COLLECTIONS))
UTILS = "ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe"


def _module(name: str) -> ModuleType:
    return pytest.importorskip(f"{UTILS}.{name}", reason="the collection is not importable (run `make setup`)")


running = _module("config.running")
RENDERERS = [_module(f"render.{name}") for name in ("isakmp_policies", "isakmp_keys", "transform_sets",
                                                    "crypto_maps", "crypto_defaults")]


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    texts: dict[str, str] = {}
    for path in realcfg_files():
        result: FileResult = measure(path.name, path.read_text(encoding="utf-8"))
        assert result.router is not None
        texts[path.name] = result.router.running_config_text()
    return texts


def crypto_lines(text: str) -> list[tuple[str, str]]:
    """(block header, line) for every crypto line of a rendered config (realcfg_lines' definition)."""
    out: list[tuple[str, str]] = []
    header = ""
    for line in text.splitlines():
        if not line.strip() or line.strip() == "!":
            continue
        if not line[0].isspace():
            header = line
            if line.startswith(("crypto ", "no crypto ")):
                out.append((header, line))
        elif header.startswith(("crypto ", "no crypto ")) or (
            header.startswith("interface ") and line.strip().startswith(("crypto ", "tunnel protection"))
        ):
            out.append((header, line))
    return out


def accounted(config: object) -> set[str]:
    """Every line the parser turned into facts (as the collection renders them) or reported."""
    facts = [config.isakmp_policies, config.isakmp_keys, config.transform_sets, config.crypto_maps,  # type: ignore[attr-defined]
             config.crypto_defaults]  # type: ignore[attr-defined]
    lines = [line for render, fact in zip(RENDERERS, facts, strict=True) for line in render.config_text(fact)]
    lines += [item.line.words for item in config.unparsed]  # type: ignore[attr-defined]
    return {words(line) for line in lines}


@needs_realcfg
@pytest.mark.parametrize("path", realcfg_files(), ids=lambda p: p.stem)
def test_no_crypto_line_lost(path: Path, rendered: dict[str, str]) -> None:
    text = rendered[path.name]
    config = running.parse_running_config(text)
    known = accounted(config)
    skipped_blocks = {item.line.words for item in config.unparsed if item.skipped_children}
    lost = [
        line.strip()
        for header, line in crypto_lines(text)
        if words(line) not in known
        and not running.is_ignored(words(header))
        and not running.is_ignored(words(line))
        and words(header) not in skipped_blocks
        and not words(header).startswith("crypto ipsec profile")  # read for references only (PROFILE_RE)
    ]
    assert lost == []
