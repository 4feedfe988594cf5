"""Real IOS / IOS XE crypto configurations (../shared/reference/realcfg) load into the router and come back.

The files are other people's text: they are read where they are (never copied into the repository) and the
tests skip with a visible reason when the directory is absent. The repository's own fixtures (ours/) cover the
same families and always run (test_ours.py).

What is measured (docs/refrouter-realcfg.md): every crypto line (realcfg_lines.py) is accepted or rejected;
the table per file and family is printed (`pytest -s`). Every line counts, the ones IOS too rejects
(EXPECTED_REJECTIONS) included.
Run a subset: `REALCFG_FAMILIES=ikev1,ipsec pytest refrouter/tests/realcfg` (and `REALCFG_FILES=gnj__` for
files whose name contains one of the comma-separated words).
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest
from ios_form import ios_form, kept_elsewhere, restates_default, setting_of, words
from realcfg_lines import FileResult, measure

from refrouter.lab.boot import BootableRouter
from refrouter.netconf import mapping
from refrouter.state.config.private import dump_private
from refrouter.state.config.render import render_running_config
from refrouter.state.persistence import atomic_write

REPO = Path(__file__).resolve().parents[3]
REALCFG = REPO.parent / "shared" / "reference" / "realcfg"
GOAL = 0.98
# Lines IOS itself rejects: they reference objects the file never defines (test data of a parser project, a
# README's excerpt). They stay counted: the goal holds with them (docs/refrouter-realcfg.md).
EXPECTED_REJECTIONS = {
    (
        "batfish__unit-cisco-crypto-ios.cfg",
        ("set transform-set ESP-3DES-MD5-trans ESP-3DES-SHA-TRANS ESP-3DES-MD5 ESP-3DES-SHA"),
    ): 'ERROR: transform set with tag "ESP-3DES-MD5-trans" does not exist.',
    (
        "batfish__unit-cisco-crypto-ios.cfg",
        (
            "set transform-set ESP-3DES-MD5 ESP-AES-128-SHA ESP-AES-128-MD5 "
            "ESP-AES-192-SHA ESP-AES-192-MD5 ESP-AES-256-SHA ESP-AES-256-MD5 ESP-3DES-SHA ESP-DES-SHA ESP-DES-MD5"
        ),
    ): "% Invalid input detected at '^' marker.",
    (
        "batfish__unit-cisco-crypto-ios.cfg",
        "set transform-set ESP-3DES-MD5 ESP-3DES-SHA",
    ): 'ERROR: transform set with tag "ESP-3DES-MD5" does not exist.',
    (
        "batfish__unit-cisco-crypto-ios.cfg",
        "set transform-set hijklmnop",
    ): 'ERROR: transform set with tag "hijklmnop" does not exist.',
    (
        "batfish__unit-cisco-crypto-ios.cfg",
        "set transform-set bleep",
    ): 'ERROR: transform set with tag "bleep" does not exist.',
    (
        "batfish__unit-cisco-crypto-ios.cfg",
        "set transform-set mytransformset",
    ): 'ERROR: transform set with tag "mytransformset" does not exist.',
    (
        "batfish__unit-cisco-crypto-ios.cfg",
        "set isakmp-profile someOtherprofile",
    ): "% ISAKMP profile someOtherprofile does not exist",
    (
        "batfish__unit-cisco-crypto-ios.cfg",
        "set isakmp-profile myisakmpprofile",
    ): "% ISAKMP profile myisakmpprofile does not exist",
    (
        "batfish__unit-cisco-crypto-ios.cfg",
        "keyring VRF:MMS:RMT:UPM:1143",
    ): "% Keyring VRF:MMS:RMT:UPM:1143 does not exist",
    ("batfish__unit-cisco-crypto-ios.cfg", "keyring local somekey"): "% IKEv2 keyring somekey does not exist",
    (
        "batfish__unit-cisco-crypto-ios.cfg",
        "set ikev2-profile someprofile",
    ): "% IKEv2 profile someprofile does not exist",
    # a certificate chain of a trustpoint the file never defines; a key pair without label and no domain name
    (
        "batfish__unit-cisco-crypto-ios.cfg",
        "crypto pki certificate chain TP-self-signed-2698589343",
    ): "% Trustpoint TP-self-signed-2698589343 does not exist",
    (
        "batfish__unit-cisco-crypto-ios.cfg",
        "crypto key generate rsa general-keys modulus 1024",
    ): "% Please define a domain-name first.",
    # the README's tunnels protect with profiles its config section never defines
    (
        "otus-moskovchenko__lab14-r15-hub.cfg",
        "tunnel protection ipsec profile GRE",
    ): "% IPSEC profile GRE does not exist",
    (
        "otus-moskovchenko__lab14-r15-hub.cfg",
        "tunnel protection ipsec profile DMVPN",
    ): "% IPSEC profile DMVPN does not exist",
}


def _selected(env: str) -> list[str] | None:
    value = os.environ.get(env, "").strip()
    return [v.strip() for v in value.split(",") if v.strip()] or None


def families() -> set[str] | None:
    chosen = _selected("REALCFG_FAMILIES")
    return set(chosen) if chosen else None


def counted(result: FileResult) -> list:
    """The lines of the chosen families (all by default)."""
    return result.of(families())


def realcfg_files() -> list[Path]:
    if not REALCFG.is_dir():
        return []
    words_ = _selected("REALCFG_FILES")
    files = sorted(REALCFG.glob("*.cfg"))
    return [f for f in files if words_ is None or any(w in f.name for w in words_)]


needs_realcfg = pytest.mark.skipif(
    not REALCFG.is_dir(), reason=f"the public configurations are not here ({REALCFG.relative_to(REPO.parent)})"
)


@pytest.fixture(scope="module")
def results() -> dict[str, FileResult]:
    return {path.name: measure(path.name, path.read_text(encoding="utf-8")) for path in realcfg_files()}


def table(results: dict[str, FileResult]) -> str:
    fams = sorted({line.family for r in results.values() for line in r.lines})
    rows = [f"{'file':46} " + " ".join(f"{f:>9}" for f in fams) + f" {'counted':>9}"]
    totals: Counter[str] = Counter()
    accepted: Counter[str] = Counter()
    for name, result in results.items():
        cells = []
        for fam in fams:
            lines = result.of([fam])
            ok = sum(line.accepted for line in lines)
            totals[fam] += len(lines)
            accepted[fam] += ok
            cells.append(f"{ok}/{len(lines)}" if lines else "-")
        lines = counted(result)
        cells.append(f"{sum(line.accepted for line in lines)}/{len(lines)}")
        rows.append(f"{name[:46]:46} " + " ".join(f"{c:>9}" for c in cells))
    rows.append(f"{'all':46} " + " ".join(f"{accepted[f]}/{totals[f]:<}".rjust(9) for f in fams))
    return "\n".join(rows)


@needs_realcfg
def test_goal_of_accepted_crypto_lines(results: dict[str, FileResult]) -> None:
    """The issue's goal: 98 percent of all crypto lines of the selection accepted."""
    print("\n" + table(results))
    pairs = [(name, line) for name, result in results.items() for line in counted(result)]
    lines = [line for _name, line in pairs]
    assert lines, "no crypto lines in the selection"
    rejected = [(name, words(line.text)) for name, line in pairs if not line.accepted]
    as_ios = sum(key in EXPECTED_REJECTIONS for key in rejected)
    print(f"{len(rejected)} of {len(lines)} lines rejected, {as_ios} of them as IOS rejects them")
    share = sum(line.accepted for line in lines) / len(lines)
    print(f"all crypto lines accepted: {share:.1%} (goal {GOAL:.0%})")
    assert share >= GOAL


@needs_realcfg
@pytest.mark.parametrize("path", realcfg_files(), ids=lambda p: p.stem)
def test_rejections_are_the_ones_ios_makes(path: Path, results: dict[str, FileResult]) -> None:
    """A counted line is rejected only where IOS rejects it too, with IOS's message."""
    rejected = {
        (path.name, words(line.text)): line.reply.splitlines()[-1]
        for line in counted(results[path.name]) if not line.accepted
    }
    expected = {k: v for k, v in EXPECTED_REJECTIONS.items() if k[0] == path.name and k in rejected}
    assert rejected == expected


@needs_realcfg
@pytest.mark.parametrize("path", realcfg_files(), ids=lambda p: p.stem)
def test_accepted_lines_are_in_the_running_config(path: Path, results: dict[str, FileResult]) -> None:
    """Each accepted line is printed back in IOS's form, unless it restates a default or a later line of its
    block replaced its value."""
    result = results[path.name]
    assert result.router is not None
    shown = {words(line) for line in result.router.running_config_text().splitlines()}
    kept = [line for line in counted(result) if line.accepted]
    final = {(line.header, setting_of(line.text)): line.number for line in kept if setting_of(line.text)}
    missing = [
        f"{line.number}: {line.text.strip()}"
        for line in kept
        if final.get((line.header, setting_of(line.text)), line.number) == line.number
        and not restates_default(line.header, line.text)
        and not kept_elsewhere(line.text)
        and ios_form(line.header, line.text) not in shown
    ]
    assert missing == []


@needs_realcfg
@pytest.mark.parametrize("path", realcfg_files(), ids=lambda p: p.stem)
def test_unchanged_across_write_memory_and_restart(path: Path, results: dict[str, FileResult],
                                                   tmp_path: Path) -> None:
    """The running config saved with `write memory` boots to the same running config (with the RSA key pairs
    the file generated, which IOS keeps in private NVRAM beside it)."""
    loaded = results[path.name].router
    assert loaded is not None
    before = loaded.running_config_text()
    atomic_write(tmp_path / "private-config", dump_private(loaded.running.pki.rsa_keys))
    router = BootableRouter(name="R", state_dir=tmp_path)
    router.boot(before)
    assert router.boot_errors == []
    router.write_startup()
    router.boot()
    assert router.running_config_text() == before


@needs_realcfg
@pytest.mark.parametrize("path", realcfg_files(), ids=lambda p: p.stem)
def test_netconf_tree_reads_back_without_loss(path: Path, results: dict[str, FileResult]) -> None:
    """What get-config serves, written back with edit-config (replace), leaves the running config unchanged."""
    router = results[path.name].router
    assert router is not None
    config = mapping.parse(mapping.render(router.running), router.running)
    assert render_running_config(config, router.identity.version) == router.running_config_text()
