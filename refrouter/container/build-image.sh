#!/bin/sh
# `make image`: build the reference router image from this tree, offline-friendly.
#
#   build-image.sh [IMAGE]        (default localhost/refrouter:latest)
#
# 1. Engine: $ENGINE, else podman when `podman info` works, else docker when `docker info` works.
# 2. Base: $BASE_IMAGE, else docker.io/library/python:3.11-slim when present or pullable, else a local
#    Debian base built once by build-base.sh (cached: skipped while the image exists).
# 3. Context: a staged copy of pyproject.toml, src/ and container/, plus a wheelhouse made on the host
#    (refrouter's wheel + its dependencies for CPython 3.11), so the build itself needs no network.
# Podman runs with per-command flags (runc, capped ulimits); no global containers.conf is touched.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
TREE=$(dirname "$HERE")
IMAGE=${1:-${REFROUTER_IMAGE:-localhost/refrouter:latest}}
VENV_PYTHON="$(dirname "$TREE")/.venv/bin/python"
[ -x "$VENV_PYTHON" ] || VENV_PYTHON=python3
PYTHON=${PYTHON:-$VENV_PYTHON}  # only runs pip on the host to make the wheelhouse
PY_VERSION=3.11
REGISTRY_BASE=docker.io/library/python:3.11-slim
LOCAL_BASE=localhost/refrouter-base:bookworm

pick_engine() {
    if [ -n "${ENGINE:-}" ]; then echo "$ENGINE"; return; fi
    if command -v podman >/dev/null && podman info >/dev/null 2>&1; then echo podman; return; fi
    if command -v docker >/dev/null && docker info >/dev/null 2>&1; then echo docker; return; fi
    echo "error: neither podman nor a working docker engine found; see docs/containers.md" >&2
    exit 1
}
ENGINE=$(pick_engine)

# Per-command podman flags for hosts like the CI VMs (see docs/containers.md "Podman on Debian 12").
ENGINE_FLAGS=""
BUILD_FLAGS=""
if [ "$ENGINE" = podman ]; then
    if command -v runc >/dev/null; then ENGINE_FLAGS="--runtime ${PODMAN_OCI_RUNTIME:-runc}"; fi
    nofile=$(ulimit -Hn)
    [ "$nofile" = unlimited ] || [ "$nofile" -gt 65536 ] && nofile=65536
    BUILD_FLAGS="--format docker --ulimit nofile=$nofile:$nofile --ulimit nproc=32768:32768"
fi

pick_base() {
    if [ -n "${BASE_IMAGE:-}" ]; then echo "$BASE_IMAGE"; return; fi
    if $ENGINE image inspect "$REGISTRY_BASE" >/dev/null 2>&1 || $ENGINE pull -q "$REGISTRY_BASE" >/dev/null 2>&1; then
        echo "$REGISTRY_BASE"
        return
    fi
    echo "no registry reachable; using the local Debian base $LOCAL_BASE" >&2
    ENGINE=$ENGINE "$HERE/build-base.sh" "$LOCAL_BASE" >&2
    echo "$LOCAL_BASE"
}

wheel_platforms() {
    arch=$(uname -m)
    for tag in manylinux_2_36 manylinux_2_28 manylinux_2_17 manylinux2014; do
        printf -- '--platform %s_%s ' "$tag" "$arch"
    done
}

stage_context() {
    ctx=$1
    tar -C "$TREE" --exclude=__pycache__ --exclude='*.egg-info' --exclude=wheels \
        -cf - pyproject.toml README.md COPYING Containerfile src container | tar -C "$ctx" -xf -
    "$PYTHON" -m pip wheel -q --no-deps --wheel-dir "$ctx/container/wheels" "$ctx" >/dev/null
    rm -rf "$ctx/build" "$ctx/src/"*.egg-info
    # shellcheck disable=SC2046
    "$PYTHON" -m pip download -q --dest "$ctx/container/wheels" --only-binary=:all: \
        --python-version "$PY_VERSION" --implementation cp $(wheel_platforms) "$ctx"/container/wheels/ipsecux_refrouter-*.whl
}

BASE=$(pick_base)
CTX=$(mktemp -d /var/tmp/refrouter-image.XXXXXX)
trap 'rm -rf "$CTX"' EXIT INT TERM
stage_context "$CTX"
PREVIOUS=$($ENGINE image inspect --format '{{.Id}}' "$IMAGE" 2>/dev/null || true)
echo "building $IMAGE with $ENGINE from $BASE"
# shellcheck disable=SC2086
$ENGINE $ENGINE_FLAGS build $BUILD_FLAGS --build-arg BASE_IMAGE="$BASE" --label "org.opencontainers.image.title=ipsecux-refrouter" \
    -t "$IMAGE" -f "$CTX/Containerfile" "$CTX"
# The image this build replaced is left untagged; drop it unless a container still uses it.
if [ -n "$PREVIOUS" ] && [ "$PREVIOUS" != "$($ENGINE image inspect --format '{{.Id}}' "$IMAGE")" ]; then
    $ENGINE rmi "$PREVIOUS" >/dev/null 2>&1 || true
fi
