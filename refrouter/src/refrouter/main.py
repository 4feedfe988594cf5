"""Console script `refrouter`: `serve` one router, or `lab up|down|status|inventory|run`."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from pathlib import Path

from .lab import capture, containerlab
from .lab.backends import BACKENDS
from .lab.labfile import Lab, LabError, RouterSpec, load_lab
from .lab.runtime import LabRuntime
from .lab.wiring import parse_link_endpoint
from .state.identity import Credentials


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="refrouter", description="IOS XE reference router")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run one router in the foreground")
    serve.add_argument("--hostname", required=True)
    serve.add_argument("--ssh-port", type=int, required=True)
    serve.add_argument("--netconf-port", type=int)
    serve.add_argument("--state-dir", type=Path)
    serve.add_argument("--startup-config", type=Path, help="seed config used while the state dir has none")
    serve.add_argument("--version", default="17.9.4a", dest="ios_version")
    serve.add_argument("--username", default=os.environ.get("REFROUTER_USERNAME", "admin"))
    serve.add_argument("--password", default=os.environ.get("REFROUTER_PASSWORD", "admin"))
    serve.add_argument("--enable-secret", default=os.environ.get("REFROUTER_ENABLE_SECRET", "admin"))
    serve.add_argument("--listen", default="127.0.0.1", help="address to serve on (0.0.0.0 inside a container)")
    serve.add_argument("--time-scale", type=float, default=1.0)
    serve.add_argument("--link", action="append", default=[], metavar="IFACE:PORT=HOST:PORT[,HOST:PORT...]",
                       help="a link to routers in other processes (repeatable; see docs/containers.md)")
    lab = sub.add_parser("lab", help="manage a lab of routers")
    lab.add_argument("action", choices=["up", "down", "status", "inventory", "run", "export", "capture"])
    lab.add_argument("lab_file", type=Path)
    lab.add_argument("capture_args", nargs="*", metavar="ROUTER:INTERFACE FILE.pcap",
                     help="capture: the interface and the pcap file to write")
    lab.add_argument("--seconds", type=float, help="capture: stop after this many seconds")
    lab.add_argument("--state-dir", type=Path)
    lab.add_argument("--runtime", choices=["process", "podman"], default="process", help="one process or containers")
    lab.add_argument("--containerlab", action="store_true", help="export: write a containerlab topology")
    lab.add_argument("--output", type=Path, help="export: the topology file (default <lab>.clab.yml beside the lab)")
    return parser


def _single_router_lab(args: argparse.Namespace) -> Lab:
    state_dir = (args.state_dir or Path(f".refrouter/{args.hostname}")).resolve()
    seed = args.startup_config.read_text(encoding="utf-8") if args.startup_config else None
    spec = RouterSpec(args.hostname, args.ssh_port, args.netconf_port, args.ios_version, seed)
    creds = Credentials(args.username, args.password, args.enable_secret)
    endpoints = {args.hostname: [parse_link_endpoint(text) for text in args.link]}
    return Lab(state_dir, creds, args.time_scale, {args.hostname: spec}, [], state_dir, flat=True,
               listen=args.listen, endpoints=endpoints)


def _capture(lab: Lab, args: argparse.Namespace) -> int:
    if len(args.capture_args) != 2:
        print("error: usage: refrouter lab capture LAB.yml ROUTER:INTERFACE FILE.pcap [--seconds N]", file=sys.stderr)
        return 2
    try:
        return capture.capture(lab, args.capture_args[0], Path(args.capture_args[1]), args.seconds)
    except LabError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("asyncssh").setLevel(logging.WARNING)
    try:
        if args.command == "serve":
            asyncio.run(LabRuntime(_single_router_lab(args)).serve_until_signal())
            return 0
        lab = load_lab(args.lab_file, args.state_dir)
    except LabError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.action == "run":
        lab.state_dir.mkdir(parents=True, exist_ok=True)
        lab.pid_file.write_text(str(os.getpid()))
        try:
            asyncio.run(LabRuntime(lab).serve_until_signal())
        finally:
            lab.pid_file.unlink(missing_ok=True)
        return 0
    if args.action == "capture":
        return _capture(lab, args)
    if lab.namespaces and (args.runtime == "podman" or args.action == "export"):
        print("error: links to network namespaces need the process runtime (not podman or containerlab)",
              file=sys.stderr)
        return 2
    if args.action == "export":
        return containerlab.export(lab, args.output) if args.containerlab else containerlab.usage_error()
    return BACKENDS[args.runtime](args.action, lab)
