"""Container HEALTHCHECK: healthy when the router's SSH port answers with an SSH identification string."""

import os
import socket
import sys

TIMEOUT = 3.0


def ssh_banner(port: int) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as sock:
        return sock.recv(64)


def main() -> int:
    port = int(os.environ.get("REFROUTER_SSH_PORT") or 22)
    try:
        banner = ssh_banner(port)
    except OSError as exc:
        print(f"ssh port {port}: {exc}")
        return 1
    if not banner.startswith(b"SSH-2.0-"):
        print(f"ssh port {port}: unexpected greeting {banner[:20]!r}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
