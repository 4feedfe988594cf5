"""The built tarball holds exactly the collection content, its README stands on its own, and the installed
collection passes ansible-test sanity."""

from __future__ import annotations

import re
import shutil
from pathlib import Path, PurePosixPath

import pytest
from collection_package import (
    DEPENDENCIES,
    GENERATED_IN_CHECKOUT,
    REPO,
    VENV_BIN,
    Built,
    Installed,
    run,
)

pytestmark = pytest.mark.package

# Collection content: every file of the repository under these paths goes into the tarball, nothing else.
CONTENT_DIRS = ("plugins/", "roles/", "playbooks/", "meta/", "docs/", "changelogs/", "tests/sanity/")
CONTENT_FILES = {
    "README.md",
    "COPYING",
    "CHANGELOG.rst",
    "bindep.txt",
    "execution-environment.yml",
    "tests/config.yml",
}
# ... except these: developer documentation.
DEVELOPER_ONLY = ("docs/dev/",)
WRITTEN_BY_GALAXY = {"MANIFEST.json", "FILES.json"}
MARKDOWN_LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def expected_members(source_files: list[str]) -> set[str]:
    content = {
        name
        for name in source_files
        if (name in CONTENT_FILES or name.startswith(CONTENT_DIRS)) and not name.startswith(DEVELOPER_ONLY)
    }
    return content | WRITTEN_BY_GALAXY


def test_tarball_holds_exactly_the_collection_content(built: Built) -> None:
    expected = expected_members(built.source_files)
    leaked = sorted(built.members - expected)
    missing = sorted(expected - built.members)
    assert not leaked, f"galaxy.yml build_ignore lets these into the tarball: {leaked}"
    assert not missing, f"collection content missing from the tarball: {missing}"


def test_tarball_has_no_file_that_users_generate(built: Built) -> None:
    generated = set(GENERATED_IN_CHECKOUT) & built.members
    assert not generated
    assert not [name for name in built.members if ".refrouter" in PurePosixPath(name).parts]


def test_tarball_has_no_empty_directory(built: Built) -> None:
    empty = [
        name
        for name in built.directories
        if not any(member.startswith(f"{name}/") for member in built.members)
    ]
    assert not empty, f"build_ignore leaves these directories empty; exclude them whole: {sorted(empty)}"


def test_tarball_has_the_release_files(built: Built) -> None:
    for name in (
        "meta/runtime.yml",
        "meta/execution-environment.yml",
        "meta/ee-requirements.txt",
        "bindep.txt",
        "CHANGELOG.rst",
        "changelogs/changelog.yaml",
        "plugins/doc_fragments/config_resource.py",
        "docs/reference/README.rst",
        "docs/installing.md",
    ):
        assert name in built.members, name


def test_readme_links_resolve_inside_the_tarball(built: Built, installed: Installed) -> None:
    readme = (installed.collection / "README.md").read_text()
    relative = [link for link in MARKDOWN_LINK.findall(readme) if "://" not in link]
    assert relative, "README.md links no page of the collection"
    broken = [
        link
        for link in relative
        if str(PurePosixPath(link)) not in built.members and not (installed.collection / link).is_dir()
    ]
    assert not broken, f"README.md links files that are not in the tarball: {broken}"


def test_readme_does_not_send_users_to_developer_targets(installed: Installed) -> None:
    readme = (installed.collection / "README.md").read_text()
    assert not re.search(r"\bmake (demo|test|setup|bench)\b", readme)
    assert ".venv/bin" not in readme


def test_install_without_the_dependency_fails_offline(built: Built, tmp_path: Path) -> None:
    """galaxy.yml's dependency is real: with no ansible.netcommon to satisfy it, --offline cannot install."""
    done = run(
        [
            str(VENV_BIN / "ansible-galaxy"),
            "collection",
            "install",
            "--offline",
            str(built.tarball),
            "-p",
            str(tmp_path),
        ],
        tmp_path,  # no other collections path may offer ansible.netcommon
        ANSIBLE_COLLECTIONS_PATH=str(tmp_path),
        ANSIBLE_COLLECTIONS_SCAN_SYS_PATH="false",
    )
    assert done.returncode != 0
    assert "ansible.netcommon" in done.stdout


def test_ansible_finds_the_collection_where_it_was_installed_and_the_dependencies_in_site_packages(
    installed: Installed,
) -> None:
    probe = (
        "from ansible.plugins.loader import init_plugin_loader, module_loader\n"
        "init_plugin_loader()\n"
        "for name in ('ipsecux.iosxe.isakmp_keys', 'ansible.netcommon.cli_command'):\n"
        "    print(module_loader.find_plugin_with_context(name).plugin_resolved_path)\n"
    )
    done = run(
        [str(VENV_BIN / "python"), "-c", probe],
        installed.collections_path,
        **installed.env(ANSIBLE_COLLECTIONS_PATH=str(installed.collections_path)),
    )
    assert done.returncode == 0, done.stdout
    ours, netcommon = done.stdout.split()
    assert Path(ours) == installed.collection / "plugins" / "modules" / "isakmp_keys.py"
    assert Path(netcommon).is_relative_to(installed.site_packages), netcommon


@pytest.mark.timeout(900)
def test_ansible_test_sanity_passes_on_the_installed_collection(installed: Installed, tmp_path: Path) -> None:
    """Sanity where users get the collection: no git checkout, only the tarball's files.

    HOME is the repository's ansible-test home, which holds the offline pip bootstrap `make setup` prepared
    and the sanity venvs `make sanity` already built.
    """
    tree = tmp_path / "ansible_collections"
    shutil.copytree(installed.collection, tree / "ipsecux" / "iosxe")
    for name in DEPENDENCIES:  # ansible-test wants the dependencies in the collection's own tree
        shutil.copytree(installed.site_packages / "ansible_collections" / name, tree / name)
    home = REPO / ".cache" / "ansible-test-home"
    done = run(
        [str(VENV_BIN / "ansible-test"), "sanity", "--python", "3.11", "--color", "no"],
        tree / "ipsecux" / "iosxe",
        HOME=str(home),
    )
    assert done.returncode == 0, done.stdout[-8000:]
    assert 'Running sanity test "validate-modules"' in done.stdout
    assert 'Running sanity test "changelog"' in done.stdout
