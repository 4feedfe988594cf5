"""Console script `refrouter`: `serve` one router, or `lab up|down|status|inventory|export|run|capture`."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from pathlib import Path

from .arguments import parser
from .lab import capture, containerlab
from .lab.backends import RuntimeClash, choose_runtime, run
from .lab.labfile import Lab, LabError, RouterSpec, load_lab
from .lab.runtime import LabRuntime
from .lab.wiring import parse_link_endpoint
from .state.identity import Credentials
from .state.persistence import private_dir, write_private


def _single_router_lab(args: argparse.Namespace) -> Lab:
    state_dir = (args.state_dir or Path(f".refrouter/{args.hostname}")).resolve()
    seed = args.startup_config.read_text(encoding="utf-8") if args.startup_config else None
    spec = RouterSpec(args.hostname, args.ssh_port, args.netconf_port, args.ios_version, seed)
    creds = Credentials(args.username, args.password, args.enable_secret)
    endpoints = {args.hostname: [parse_link_endpoint(text) for text in args.link]}
    return Lab(state_dir, creds, args.time_scale, {args.hostname: spec}, [], state_dir, flat=True,
               listen=args.listen, endpoints=endpoints)


def _run_in_foreground(lab: Lab) -> int:
    private_dir(lab.state_dir)
    write_private(lab.pid_file, str(os.getpid()))
    try:
        asyncio.run(LabRuntime(lab).serve_until_signal())
    finally:
        lab.pid_file.unlink(missing_ok=True)
    return 0


def _lab_command(args: argparse.Namespace) -> int:
    lab = load_lab(args.lab_file, args.state_dir)
    if args.action == "capture":
        return capture.capture(lab, args.endpoint, args.pcap_file, args.seconds)
    if args.action == "run":
        return _run_in_foreground(lab)
    runtime = "process" if args.action == "export" else choose_runtime(lab, args.runtime, args.action)
    if lab.namespaces and (args.action == "export" or runtime == "podman"):
        raise LabError("links to network namespaces need the process runtime (not podman or containerlab)")
    if args.action == "export":
        return containerlab.export(lab, args.output) if args.containerlab else containerlab.usage_error()
    return run(args.action, lab, runtime, strict=getattr(args, "strict", False))


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("asyncssh").setLevel(logging.WARNING)
    try:
        if args.command == "serve":
            asyncio.run(LabRuntime(_single_router_lab(args)).serve_until_signal())
            return 0
        return _lab_command(args)
    except (LabError, RuntimeClash) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
