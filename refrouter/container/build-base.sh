#!/bin/sh
# Build a minimal Debian bookworm base image with python3 + venv, for hosts that reach no container registry.
#
#   build-base.sh [IMAGE]        (default localhost/refrouter-base:bookworm)
#
# debootstrap --variant=minbase from the Debian mirror apt already uses, then `podman import` (or
# `docker import`). Skips the work when IMAGE already exists. Needs root (debootstrap chroots).
# Env: ENGINE (podman|docker, default: podman), DEBIAN_MIRROR (default: the first deb.* URI apt uses).
set -eu

IMAGE=${1:-localhost/refrouter-base:bookworm}
ENGINE=${ENGINE:-podman}
PACKAGES=python3,python3-venv,ca-certificates

if "$ENGINE" image inspect "$IMAGE" >/dev/null 2>&1; then
    echo "base image $IMAGE exists; skipping debootstrap"
    exit 0
fi
command -v debootstrap >/dev/null || { echo "error: debootstrap is not installed (apt-get install debootstrap)" >&2; exit 1; }

apt_mirror() {
    # deb822 sources (Debian 12) first, then the one-line format.
    uri=$(sed -n 's/^URIs:[[:space:]]*\([^[:space:]]*\/debian\)\/\{0,1\}$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n1)
    [ -n "$uri" ] || uri=$(sed -n 's/^deb[[:space:]]\{1,\}\(http[^[:space:]]*\/debian\)\/\{0,1\}[[:space:]].*/\1/p' /etc/apt/sources.list 2>/dev/null | head -n1)
    echo "${uri:-http://deb.debian.org/debian}"
}
MIRROR=${DEBIAN_MIRROR:-$(apt_mirror)}

WORK=$(mktemp -d /var/tmp/refrouter-base.XXXXXX)
trap 'rm -rf "$WORK"' EXIT INT TERM
echo "debootstrap bookworm from $MIRROR (+ $PACKAGES)"
debootstrap --variant=minbase --include="$PACKAGES" bookworm "$WORK/rootfs" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 || {
    tail -n 30 "$WORK/debootstrap.log" >&2
    exit 1
}
rm -rf "$WORK/rootfs/var/cache/apt/archives/"*.deb "$WORK/rootfs/var/lib/apt/lists/"*
tar -C "$WORK/rootfs" -c . | "$ENGINE" import --change 'CMD ["/bin/bash"]' - "$IMAGE" >/dev/null
echo "base image $IMAGE imported"
