"""Session fixtures of the package tests: the tarball built once, and installed once (collection_package)."""

from __future__ import annotations

import pytest
from collection_package import Built, Installed, build_collection, install_collection, require_toolchain


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    require_toolchain()
    return build_collection(tmp_path_factory.mktemp("checkout"), tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="session")
def installed(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    return install_collection(
        built, tmp_path_factory.mktemp("collections"), tmp_path_factory.mktemp("site-packages")
    )
