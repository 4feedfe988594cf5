#!/usr/bin/env bash
# `make setup`: bring .venv, the collections tree and ansible-test's offline bootstrap up to date.
# Idempotent and fast when nothing changed: each step is skipped while its stamp (keyed on the hash of
# the files it installs from) is present. See docs/dev/toolchain.md.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3.11}
VENV=.venv
STAMPS=.cache/stamps
ANSIBLE_TEST_HOME=.cache/ansible-test-home
ANSIBLE_TEST_PIP_VERSION=24.2   # the pip that ansible-test 2.19 bootstraps into its sanity venvs

log() { printf 'setup: %s\n' "$*"; }

files_hash() { cat "$@" | sha256sum | cut -c1-16; }

# Run "$@" unless stamp $1 exists; then replace every older stamp of the same kind with it.
stamped() {
    local stamp=$STAMPS/$1
    shift
    [[ -e $stamp ]] && return 0
    "$@"
    rm -f "${stamp%-*}"-*
    touch "$stamp"
}

ensure_venv() {
    if [[ ! -x $VENV/bin/python ]]; then
        log "creating $VENV with $PYTHON"
        "$PYTHON" -m venv "$VENV"
        rm -rf "$STAMPS"   # stamps describe the venv that is gone
    fi
    if ! "$VENV/bin/python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
        echo "setup: $VENV is not Python 3.11 (ansible-core 2.19 pins need it); remove $VENV and rerun" >&2
        exit 1
    fi
    mkdir -p "$STAMPS"
}

install_requirements() {
    log "installing requirements-dev.txt and requirements-genie.txt into $VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check -r requirements-dev.txt
    # Only the Genie packages that parsing imports; see the header of requirements-genie.txt.
    "$VENV/bin/pip" install --quiet --disable-pip-version-check --no-deps -r requirements-genie.txt
    "$VENV/bin/python" -W ignore -c 'import genie.libs.parser.utils, genie.conf.base'
    # NAPALM with its dependency pins set aside; see the header of requirements-napalm.txt.
    "$VENV/bin/pip" install --quiet --disable-pip-version-check --no-deps -r requirements-napalm.txt
    "$VENV/bin/python" -W ignore -c 'from napalm import get_network_driver; get_network_driver("ios")'
}

install_refrouter() {
    log "installing refrouter (editable) into $VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check -e refrouter
}

# scrapli-cfg imports scrapli 1.x; .venv pins scrapli 2.x, so it gets a venv of its own (docs/dev/toolchain.md).
SCRAPLI_CFG_VENV=.cache/venv-scrapli-cfg
install_scrapli_cfg() {
    log "installing requirements-scrapli-cfg.txt into $SCRAPLI_CFG_VENV"
    [[ -x $SCRAPLI_CFG_VENV/bin/python ]] || "$PYTHON" -m venv "$SCRAPLI_CFG_VENV"
    "$SCRAPLI_CFG_VENV/bin/pip" install --quiet --disable-pip-version-check -r requirements-scrapli-cfg.txt
}

prepare_ansible_test() {
    local cache=$ANSIBLE_TEST_HOME/.ansible/test/cache
    local wheel=$cache/pip-$ANSIBLE_TEST_PIP_VERSION-py3-none-any.whl
    mkdir -p "$cache"
    if [[ ! -e $wheel ]]; then
        log "caching pip $ANSIBLE_TEST_PIP_VERSION for ansible-test's offline bootstrap"
        "$VENV/bin/pip" download --quiet --disable-pip-version-check --no-deps \
            --dest "$cache" "pip==$ANSIBLE_TEST_PIP_VERSION"
    fi
    cp -f scripts/ansible_test_get_pip.py "$cache/get_pip_${ANSIBLE_TEST_PIP_VERSION//./_}.py"
}

# System tools the tests call: yanglint validates NETCONF payloads against the IOS XE YANG; unicon spawns
# the `ssh` client. Installed when missing and we may (root with apt); otherwise those tests say why they skip.
ensure_system_tools() {
    local missing=()
    command -v yanglint >/dev/null 2>&1 || missing+=(libyang-tools)
    command -v ssh >/dev/null 2>&1 || missing+=(openssh-client)
    (( ${#missing[@]} == 0 )) && return 0
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
        log "installing ${missing[*]}"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
            || log "could not install ${missing[*]}; the tests that need them will skip"
    fi
}

ensure_system_tools
ensure_venv
stamped "requirements-$(files_hash requirements.txt requirements-dev.txt requirements-genie.txt requirements-napalm.txt)" \
    install_requirements
if [[ -f refrouter/pyproject.toml ]]; then
    stamped "refrouter-$(files_hash refrouter/pyproject.toml)" install_refrouter
fi
[[ -x $SCRAPLI_CFG_VENV/bin/python ]] || rm -f "$STAMPS"/scrapli-cfg-*
stamped "scrapli-cfg-$(files_hash requirements-scrapli-cfg.txt)" install_scrapli_cfg
"$VENV/bin/python" scripts/install_collections.py
prepare_ansible_test
