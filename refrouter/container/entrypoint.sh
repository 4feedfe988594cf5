#!/bin/sh
# Container entrypoint: run one reference router configured by REFROUTER_* environment variables.
# Any arguments replace the router (`podman run IMAGE refrouter lab inventory ...`, `... sh`).
set -eu

if [ "$#" -gt 0 ]; then
    exec "$@"
fi

SSH_PORT=${REFROUTER_SSH_PORT:-22}
NETCONF_PORT=${REFROUTER_NETCONF_PORT-830}
STATE_DIR=${REFROUTER_STATE_DIR:-/var/lib/refrouter}
SEED_FILE=${REFROUTER_STARTUP_CONFIG_FILE:-/etc/refrouter/startup-config}
RUN_AS=10000

if [ "$(id -u)" = 0 ]; then
    # Started as root (`--user 0`, e.g. containerlab with a host directory bound on the state dir):
    # hand the state dir to the refrouter user, then serve without privileges.
    mkdir -p "$STATE_DIR"
    chown -R "$RUN_AS:$RUN_AS" "$STATE_DIR"
    exec python3 -c 'import os, sys; os.setgroups([]); os.setgid(int(sys.argv[1])); os.setuid(int(sys.argv[1]));
os.execv(sys.argv[2], sys.argv[2:])' "$RUN_AS" "$0"
fi

lowest_port=$SSH_PORT
if [ -n "$NETCONF_PORT" ] && [ "$NETCONF_PORT" -lt "$lowest_port" ]; then
    lowest_port=$NETCONF_PORT
fi
unprivileged_start=$(cat /proc/sys/net/ipv4/ip_unprivileged_port_start 2>/dev/null || echo 1024)
if [ "$(id -u)" != 0 ] && [ "$lowest_port" -lt "$unprivileged_start" ]; then
    echo "refrouter: port $lowest_port needs --sysctl net.ipv4.ip_unprivileged_port_start=0" \
         "(or REFROUTER_SSH_PORT/REFROUTER_NETCONF_PORT >= $unprivileged_start)" >&2
    exit 64
fi

set -- serve \
    --hostname "${REFROUTER_HOSTNAME:-Router}" \
    --ssh-port "$SSH_PORT" \
    --state-dir "$STATE_DIR" \
    --listen "${REFROUTER_LISTEN:-0.0.0.0}" \
    --version "${REFROUTER_VERSION:-17.9.4a}" \
    --time-scale "${REFROUTER_TIME_SCALE:-1}"
if [ -n "$NETCONF_PORT" ]; then
    set -- "$@" --netconf-port "$NETCONF_PORT"
fi
if [ -n "${REFROUTER_STARTUP_CONFIG:-}" ]; then
    SEED_FILE=$(mktemp /tmp/startup-config.XXXXXX)
    printf '%s\n' "$REFROUTER_STARTUP_CONFIG" >"$SEED_FILE"
fi
if [ -f "$SEED_FILE" ]; then
    set -- "$@" --startup-config "$SEED_FILE"
fi
for link in ${REFROUTER_LINKS:-}; do
    set -- "$@" --link "$link"
done
exec refrouter "$@"
