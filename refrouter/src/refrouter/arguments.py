"""The `refrouter` command line: `serve` one router, or `lab up|down|status|inventory|export|run|capture`."""

from __future__ import annotations

import argparse
import os
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .lab.releases import closest_release, is_known_release

DISTRIBUTION = "ipsecux-refrouter"
DOCS = "docs/lab-file.md and docs/refrouter.md in the ipsecux repository"


def package_version() -> str:
    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown (not installed)"


def ios_release(text: str) -> str:
    if not is_known_release(text):
        raise argparse.ArgumentTypeError(f"unknown IOS XE release {text!r}; did you mean {closest_release(text)!r}?")
    return text


def _serve(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = sub.add_parser("serve", help="run one router in the foreground (no lab file)",
                           description="Run one router in the foreground until SIGINT/SIGTERM.")
    serve.add_argument("--hostname", required=True, help="the router's name (its prompt and `hostname`)")
    serve.add_argument("--ssh-port", type=int, required=True, help="TCP port of the CLI over SSH")
    serve.add_argument("--netconf-port", type=int, help="TCP port of NETCONF over SSH (default: no NETCONF)")
    serve.add_argument("--state-dir", type=Path,
                       help="saved config, host keys (default: .refrouter/HOSTNAME in the current directory)")
    serve.add_argument("--startup-config", type=Path, help="seed config used while the state dir has none")
    serve.add_argument("--version", default="17.9.4a", dest="ios_version", type=ios_release, metavar="RELEASE",
                       help="IOS XE release the router runs, e.g. 17.9.4a (17.11+ blocks weak crypto)")
    serve.add_argument("--username", default=os.environ.get("REFROUTER_USERNAME", "admin"),
                       help="login user (env REFROUTER_USERNAME, default admin)")
    serve.add_argument("--password", default=os.environ.get("REFROUTER_PASSWORD", "admin"),
                       help="login password (env REFROUTER_PASSWORD, default admin)")
    serve.add_argument("--enable-secret", default=os.environ.get("REFROUTER_ENABLE_SECRET", "admin"),
                       help="`enable` secret (env REFROUTER_ENABLE_SECRET, default admin)")
    serve.add_argument("--listen", default="127.0.0.1", help="address to serve on (0.0.0.0 inside a container)")
    serve.add_argument("--time-scale", type=float, default=1.0,
                       help="router seconds per real second (SA lifetimes, uptimes); default 1")
    serve.add_argument("--link", action="append", default=[], metavar="IFACE:PORT=HOST:PORT[,HOST:PORT...]",
                       help="a link to routers in other processes (repeatable; see docs/containers.md)")


def _lab_action(actions: argparse._SubParsersAction[argparse.ArgumentParser], name: str, summary: str,
                runtime: bool = True) -> argparse.ArgumentParser:
    parser = actions.add_parser(name, help=summary, description=summary + ".")
    parser.add_argument("lab_file", type=Path, metavar="LAB.yml", help="the lab file (see docs/lab-file.md)")
    parser.add_argument("--state-dir", type=Path,
                        help="saved configs, host keys, pid file and log (default: .refrouter/<lab> beside the file)")
    if runtime:
        parser.add_argument("--runtime", choices=["process", "podman"],
                            help="one background process, or one container per router; default: the runtime "
                                 "`lab up` recorded in the state dir, else process")
    return parser


def _lab(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    lab = sub.add_parser("lab", help="manage a lab of routers described by a lab file",
                         description="Manage a lab of routers described by a lab file.")
    actions = lab.add_subparsers(dest="action", required=True, metavar="ACTION",
                                 help="what to do with the lab; `refrouter lab ACTION --help` for its options")
    up = _lab_action(actions, "up", "start the lab in the background and wait until every router answers")
    up.add_argument("--strict", action="store_true",
                    help="fail (exit 1, lab stopped) when a router rejects a startup_config line")
    _lab_action(actions, "down", "stop the lab (its state dir stays)")
    _lab_action(actions, "status", "show whether the lab runs and each router's ports (exit 3: not running)")
    _lab_action(actions, "inventory", "print an Ansible YAML inventory of the lab's routers")
    export = _lab_action(actions, "export", "write the lab in another tool's format", runtime=False)
    export.add_argument("--containerlab", action="store_true", help="write a containerlab topology")
    export.add_argument("--output", type=Path, help="the topology file (default <lab>.clab.yml beside the lab)")
    _lab_action(actions, "run", "run the lab in the foreground until SIGINT/SIGTERM (what `lab up` runs "
                "in the background)", runtime=False)
    _capture(actions)


def _capture(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    capture = _lab_action(actions, "capture", "write a pcap of what one interface of the running lab sends and "
                          "receives (root: it reads the loopback device)", runtime=False)
    capture.add_argument("endpoint", metavar="ROUTER:INTERFACE", help="the linked interface, e.g. R1:Gi1")
    capture.add_argument("pcap_file", type=Path, metavar="FILE.pcap",
                         help="the capture file (raw IPv4, written and flushed packet by packet)")
    capture.add_argument("--seconds", type=float, metavar="N",
                         help="stop after N seconds (default: at SIGINT/SIGTERM)")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="refrouter", description="A reference router that behaves like Cisco IOS "
                                  "XE for IPsec automation tests: one router, or a lab of them.",
                                  epilog=f"Documentation: {DOCS}.")
    top.add_argument("--version", action="version", version=f"%(prog)s {package_version()}")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND",
                             help="`refrouter COMMAND --help` for its options")
    _serve(sub)
    _lab(sub)
    return top
