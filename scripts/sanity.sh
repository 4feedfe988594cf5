#!/usr/bin/env bash
# `make sanity`: ansible-test sanity for the collection, offline, on the Python we have.
#
# ansible-test must run from .../ansible_collections/ipsecux/iosxe with the dependency collections in the
# same ansible_collections tree (it ignores ANSIBLE_COLLECTIONS_PATH). The repository is linked in there;
# Python's getcwd() resolves symlinks, so ANSIBLE_TEST_CONTENT_ROOT names the linked path explicitly.
# Only collection content is tested: refrouter/, bench/, scripts/ ... are separate Python projects that
# ruff and pytest cover. See docs/dev/toolchain.md.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
COLLECTION=$REPO/.collections/ansible_collections/ipsecux/iosxe
COLLECTION_DIRS=(plugins roles playbooks meta tests extensions changelogs)

targets=()
for dir in "${COLLECTION_DIRS[@]}"; do
    if [[ -n $(find "$dir" -type f -not -path '*/__pycache__/*' -print -quit 2>/dev/null) ]]; then
        targets+=("$dir/")
    fi
done
targets+=(galaxy.yml)

cd "$COLLECTION"
# HOME holds ansible-test's cache (the offline pip bootstrap that `make setup` prepared, sanity venvs).
exec env HOME="$REPO/.cache/ansible-test-home" ANSIBLE_TEST_CONTENT_ROOT="$COLLECTION" \
    "$REPO/.venv/bin/ansible-test" sanity --python 3.11 --color no "$@" "${targets[@]}"
