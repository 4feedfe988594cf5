"""Runs the routers of a lab (or a single router) in one asyncio process."""

from __future__ import annotations

import asyncio
import logging
import signal
from dataclasses import dataclass, field

from ..dataplane.ipsec import attach_ipsec
from ..dataplane.links import LinkPort
from ..dataplane.node import DataPlane
from ..state.identity import Identity
from ..state.router import Router
from ..transports.netconf.server import NetconfServer
from ..transports.ssh.server import RouterSSHServer
from .boot import BootableRouter
from .capture import forget_links, write_links
from .labfile import Lab, RouterSpec
from .netns import NetnsLink, record_created
from .records import write_boot_errors
from .wiring import wire, wire_endpoints

log = logging.getLogger(__name__)


@dataclass
class RouterProcess:
    spec: RouterSpec
    router: Router
    ssh: RouterSSHServer
    netconf: RouterSSHServer | None = None


@dataclass
class LabRuntime:
    lab: Lab
    routers: dict[str, RouterProcess] = field(default_factory=dict)
    link_ports: list[LinkPort] = field(default_factory=list)
    netns_links: list[NetnsLink] = field(default_factory=list)

    def build(self) -> None:
        for name, spec in self.lab.routers.items():
            router = BootableRouter(
                name=name,
                state_dir=self.lab.router_dir(name),
                credentials=self.lab.credentials,
                identity=Identity(version=spec.version),
                time_scale=self.lab.time_scale,
            )
            router.management = spec.management
            router.dataplane = DataPlane(router)
            router.on_boot.append(attach_ipsec)
            router.boot(spec.startup_config)
            for error in router.boot_errors:
                log.warning("%s: startup-config line rejected: %s", name, error)
            write_boot_errors(self.lab.router_dir(name), router.boot_errors)
            self.routers[name] = RouterProcess(spec, router, RouterSSHServer(router, spec.ssh_port, self.lab.listen))
            if spec.netconf_port:
                netconf = self.routers[name].netconf = RouterSSHServer(router, spec.netconf_port, self.lab.listen)
                netconf.subsystems["netconf"] = NetconfServer(router).handle

    async def start(self) -> None:
        if not self.routers:
            self.build()
        planes = {name: proc.router.dataplane for name, proc in self.routers.items()
                  if isinstance(proc.router.dataplane, DataPlane)}
        others: dict[tuple[str, str], LinkPort] = {}
        self.link_ports = await wire(self.lab.links, planes, others=others)
        await self._open_namespaces(others)
        self.link_ports += await wire_endpoints(self.lab.endpoints, planes, self.lab.listen)
        write_links(self.lab, {f"{router}:{port.interface}": port.bind[1] for router, plane in planes.items()
                               for port in plane.ports.values()})
        for proc in self.routers.values():
            await proc.ssh.start()
            log.info("%s: SSH on %s:%d", proc.spec.name, self.lab.listen, proc.spec.ssh_port)
            if proc.netconf is not None:
                await proc.netconf.start()
                log.info("%s: NETCONF on %s:%d", proc.spec.name, self.lab.listen, proc.netconf.port)

    async def _open_namespaces(self, ports: dict[tuple[str, str], LinkPort]) -> None:
        for endpoint, spec in self.lab.namespaces.items():
            link = NetnsLink(spec, ports[endpoint])
            self.netns_links.append(link)
            try:
                link.open()
            finally:
                record_created(self.lab.state_dir, [n.spec.netns for n in self.netns_links if n.created_netns])
            log.info("netns %s: %s %s linked", spec.netns, spec.interface, spec.address)

    async def stop(self) -> None:
        for proc in self.routers.values():
            await proc.ssh.stop()
            if proc.netconf is not None:
                await proc.netconf.stop()
        for port in self.link_ports:
            port.close()
        forget_links(self.lab)
        for link in self.netns_links:
            link.close()
        if self.netns_links:
            record_created(self.lab.state_dir, [])

    async def serve_until_signal(self) -> None:
        await self.start()
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        await stop.wait()
        await self.stop()
