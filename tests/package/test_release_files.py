"""Release files: the changelog, version_added, the execution environment and the generated reference."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
import yaml
from collection_package import REPO, VENV_BIN, Installed, run
from docutils.core import publish_string
from packaging.requirements import Requirement
from packaging.version import Version

GALAXY = yaml.safe_load((REPO / "galaxy.yml").read_text())
TOOLS = ("antsibull-changelog", "antsibull-docs", "ansible-builder")


@pytest.fixture(autouse=True)
def release_tools() -> None:
    missing = [tool for tool in TOOLS if not (VENV_BIN / tool).exists()]
    if missing:
        pytest.skip(f"{missing} missing from .venv; run `make setup` (requirements-dev.txt)")


def released_versions() -> set[str]:
    changelog = yaml.safe_load((REPO / "changelogs" / "changelog.yaml").read_text())
    return set(changelog["releases"])


def test_antsibull_changelog_lint_passes() -> None:
    fragments = run([str(VENV_BIN / "antsibull-changelog"), "lint"], REPO)
    assert fragments.returncode == 0 and not fragments.stdout.strip(), fragments.stdout
    changes = run(
        [str(VENV_BIN / "antsibull-changelog"), "lint-changelog-yaml", "changelogs/changelog.yaml"], REPO
    )
    assert changes.returncode == 0 and not changes.stdout.strip(), changes.stdout


def test_changelog_rst_is_what_antsibull_changelog_generates(tmp_path: Path) -> None:
    for name in ("changelogs", "galaxy.yml"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, tmp_path / name)
    done = run([str(VENV_BIN / "antsibull-changelog"), "generate"], tmp_path)
    assert done.returncode == 0, done.stdout
    assert (tmp_path / "CHANGELOG.rst").read_text() == (REPO / "CHANGELOG.rst").read_text(), (
        "CHANGELOG.rst is stale: run `antsibull-changelog generate`"
    )


def test_the_collection_version_is_the_latest_release_or_the_next_one() -> None:
    latest = max(released_versions(), key=Version)
    assert Version(GALAXY["version"]) >= Version(latest), f"galaxy.yml is older than the release {latest}"


def test_every_plugin_was_added_in_a_release_or_the_version_being_built(installed: Installed) -> None:
    """ansible-doc's view (doc fragments merged) of every plugin of the installed collection."""
    done = run(
        [str(VENV_BIN / "ansible-doc"), "--metadata-dump", "--no-fail-on-errors", "ipsecux.iosxe"],
        installed.collections_path,
        **installed.env(ANSIBLE_COLLECTIONS_PATH=str(installed.collections_path)),
    )
    assert done.returncode == 0, done.stdout[-4000:]
    dump = json.loads(done.stdout[done.stdout.index("{") :])
    added = {
        f"{kind} {name}": entry["doc"].get("version_added")
        for kind, plugins in dump["all"].items()
        for name, entry in plugins.items()
        if name.startswith("ipsecux.iosxe.") and entry.get("doc")
    }
    assert any(key.startswith("module ") for key in added), sorted(added)
    allowed = released_versions() | {GALAXY["version"]}
    wrong = {key: version for key, version in added.items() if version not in allowed}
    assert not wrong, (
        f"version_added must be a release of changelogs/changelog.yaml or {GALAXY['version']}: {wrong}"
    )


def test_config_modules_take_the_shared_options_from_the_doc_fragment(installed: Installed) -> None:
    runtime = yaml.safe_load((REPO / "meta" / "runtime.yml").read_text())
    config_modules = [f"ipsecux.iosxe.{name}" for name in runtime["action_groups"]["config"]]
    done = run(
        [str(VENV_BIN / "ansible-doc"), "--json", *config_modules],
        installed.collections_path,
        **installed.env(ANSIBLE_COLLECTIONS_PATH=str(installed.collections_path)),
    )
    assert done.returncode == 0, done.stdout[-4000:]
    docs = json.loads(done.stdout[done.stdout.index("{") :])
    for name in config_modules:
        doc = docs[name]["doc"]
        assert doc["options"]["rendered_format"]["choices"] == ["cli", "xml"], name
        assert "group/ipsecux.iosxe.config" in " ".join(doc["options"]["rendered_format"]["description"]), (
            name
        )
        assert {"running_config", "state"} <= set(doc["options"]), name


def test_ansible_builder_create_writes_the_build_context_offline(tmp_path: Path) -> None:
    context = tmp_path / "context"
    done = run(
        [
            str(VENV_BIN / "ansible-builder"),
            "create",
            "--file",
            str(REPO / "execution-environment.yml"),
            "--context",
            str(context),
            "--output-filename",
            "Containerfile",
        ],
        REPO,
    )
    assert done.returncode == 0, done.stdout
    galaxy = yaml.safe_load((context / "_build" / "requirements.yml").read_text())
    assert [entry["name"] for entry in galaxy["collections"]] == ["ipsecux.iosxe"]
    containerfile = (context / "Containerfile").read_text()
    assert "ansible-galaxy collection install" in containerfile
    assert "ansible-core>=2.16,<2.20" in containerfile


def test_ansible_builder_takes_the_collection_requirements_from_the_installed_collection(
    installed: Installed, tmp_path: Path
) -> None:
    """What `ansible-builder build` would install for ipsecux.iosxe, read from the installed collection."""
    pip, bindep = tmp_path / "pip.txt", tmp_path / "bindep.txt"
    done = run(
        [
            str(VENV_BIN / "ansible-builder"),
            "introspect",
            "--sanitize",
            "--write-pip",
            str(pip),
            "--write-bindep",
            str(bindep),
            str(installed.collections_path),
        ],
        REPO,
    )
    assert done.returncode == 0, done.stdout
    ours = "  # from collection ipsecux.iosxe"
    python = [line.removesuffix(ours) for line in pip.read_text().splitlines() if line.endswith(ours)]
    system = [line.removesuffix(ours) for line in bindep.read_text().splitlines() if line.endswith(ours)]
    assert python == requirement_lines(REPO / "meta" / "ee-requirements.txt")
    assert system == requirement_lines(REPO / "bindep.txt")


def requirement_lines(path: Path) -> list[str]:
    return [line for line in path.read_text().splitlines() if line.strip() and not line.startswith("#")]


def test_development_pins_satisfy_the_collection_requirements() -> None:
    pins = {
        Requirement(line).name: Requirement(line) for line in requirement_lines(REPO / "requirements.txt")
    }
    for line in requirement_lines(REPO / "meta" / "ee-requirements.txt"):
        wanted = Requirement(line)
        pinned = pins.get(wanted.name)
        assert pinned is not None, f"requirements.txt does not pin {wanted.name}"
        version = next(iter(pinned.specifier)).version
        assert wanted.specifier.contains(version), f"requirements.txt pins {pinned}, outside {wanted}"


def test_reference_docs_are_what_antsibull_docs_renders() -> None:
    done = run([sys.executable, str(REPO / "scripts" / "gen_reference.py"), "--check"], REPO)
    assert done.returncode == 0, done.stdout


def test_reference_has_a_page_per_module_and_role() -> None:
    modules = sorted(
        path.stem for path in (REPO / "plugins" / "modules").glob("*.py") if path.stem != "__init__"
    )
    roles = sorted(
        path.name for path in (REPO / "roles").iterdir() if (path / "meta" / "argument_specs.yml").exists()
    )
    pages = {path.name for path in (REPO / "docs" / "reference").glob("*.rst")}
    assert [name for name in modules if f"{name}_module.rst" not in pages] == []
    assert [name for name in roles if f"{name}_role.rst" not in pages] == []


@pytest.mark.parametrize("page", sorted(path.name for path in (REPO / "docs" / "reference").glob("*.rst")))
def test_reference_page_renders_without_docutils_warnings(page: str) -> None:
    text = (REPO / "docs" / "reference" / page).read_text()
    publish_string(
        text,
        writer="html",
        settings_overrides={
            "halt_level": 2,
            "report_level": 2,
            "raw_enabled": True,
            "file_insertion_enabled": False,
        },
    )


def test_config_module_pages_show_the_doc_fragment_options() -> None:
    runtime = yaml.safe_load((REPO / "meta" / "runtime.yml").read_text())
    for name in runtime["action_groups"]["config"]:
        page = (REPO / "docs" / "reference" / f"{name}_module.rst").read_text()
        for option in ("running_config", "rendered_format", "state"):
            assert f'id="parameter-{option}"' in page, f"{name}: {option}"
        assert "ansible.netcommon.network\\_cli" in page, f"{name}: the fragment's notes are missing"


def test_readme_installs_exactly_the_collection_requirements() -> None:
    readme = (REPO / "README.md").read_text()
    for line in requirement_lines(REPO / "meta" / "ee-requirements.txt"):
        assert f"'{line}'" in readme, (
            f"README.md's pip install line lacks {line!r} (meta/ee-requirements.txt)"
        )
