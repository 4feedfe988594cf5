#!/bin/sh
# Image build step: a venv in /opt/refrouter with refrouter installed, and the non-root `refrouter` user.
#
# Offline first: when the build context carries a wheelhouse (container/wheels/, made on the host by
# build-image.sh) pip never touches the network. Without one, pip installs the copied source tree from the
# package index; mount the host CA bundle at /run/host-ca.crt when an intercepting proxy is in the way
# (`podman build -v /etc/ssl/certs/ca-certificates.crt:/run/host-ca.crt:ro ...`). Nothing is kept.
set -eu

BUILD=/tmp/refrouter-build
VENV=/opt/refrouter
UID_GID=10000

python3 -m venv "$VENV"
if ls "$BUILD"/container/wheels/*.whl >/dev/null 2>&1; then
    "$VENV/bin/pip" install --no-cache-dir --no-index --find-links "$BUILD/container/wheels" ipsecux-refrouter
else
    if [ -f /run/host-ca.crt ]; then
        export PIP_CERT=/run/host-ca.crt
    fi
    "$VENV/bin/pip" install --no-cache-dir "$BUILD"
fi
"$VENV/bin/refrouter" --help >/dev/null

groupadd --gid "$UID_GID" refrouter
useradd --uid "$UID_GID" --gid "$UID_GID" --home-dir /var/lib/refrouter --no-create-home --shell /usr/sbin/nologin refrouter
install -d -o refrouter -g refrouter -m 0700 /var/lib/refrouter
install -d -m 0755 /etc/refrouter
rm -rf "$BUILD"
