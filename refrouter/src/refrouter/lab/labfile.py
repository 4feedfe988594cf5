"""Lab file (YAML) schema: credentials, time scale, routers, links; validated with clear errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..state.identity import Credentials
from .netns import NetnsSpec

if TYPE_CHECKING:
    from .wiring import LinkEndpoint

ROUTER_KEYS = {"ssh_port", "netconf_port", "version", "startup_config", "banner", "link_port"}


class LabError(Exception):
    pass


@dataclass
class RouterSpec:
    name: str
    ssh_port: int
    netconf_port: int | None = None
    version: str = "17.9.4a"
    startup_config: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class LinkSpec:
    a_router: str
    a_interface: str
    b_router: str
    b_interface: str


@dataclass
class Lab:
    path: Path
    credentials: Credentials
    time_scale: float
    routers: dict[str, RouterSpec]
    links: list[LinkSpec]
    state_dir: Path
    flat: bool = False  # a single `refrouter serve` router keeps its files directly in state_dir
    listen: str = "127.0.0.1"  # address of the SSH/NETCONF servers and link ports (0.0.0.0 in a container)
    endpoints: dict[str, list[LinkEndpoint]] = field(default_factory=dict)  # links to other processes
    namespaces: dict[tuple[str, str], NetnsSpec] = field(default_factory=dict)  # link ends in a netns

    @property
    def pid_file(self) -> Path:
        return self.state_dir / "lab.pid"

    @property
    def log_file(self) -> Path:
        return self.state_dir / "lab.log"

    def router_dir(self, name: str) -> Path:
        return self.state_dir if self.flat else self.state_dir / name


def _port(value: Any, where: str) -> int:
    if not isinstance(value, int) or not 1 <= value <= 65535:
        raise LabError(f"{where}: expected a TCP port number 1-65535, got {value!r}")
    return value


def _endpoint(text: Any, where: str, routers: dict[str, RouterSpec]) -> tuple[str, str]:
    from ..state.interfaces import canonical_interface

    if not isinstance(text, str) or ":" not in text:
        raise LabError(f"{where}: expected 'Router:Interface', got {text!r}")
    router, iface = text.split(":", 1)
    if router not in routers:
        raise LabError(f"{where}: unknown router {router!r}")
    name = canonical_interface(iface)
    if name is None:
        raise LabError(f"{where}: unknown interface {iface!r}")
    return router, name


def _netns_endpoint(value: dict[str, Any], where: str) -> NetnsSpec:
    import ipaddress

    if set(value) != {"netns", "interface", "address"}:
        raise LabError(f"{where}: a namespace end needs exactly netns, interface and address")
    name, interface = str(value["netns"]), str(value["interface"])
    if not name.replace("-", "").replace("_", "").isalnum() or not 0 < len(interface) < 16:
        raise LabError(f"{where}: bad namespace {name!r} or interface {interface!r}")
    try:
        address = ipaddress.IPv4Interface(str(value["address"]))
    except ValueError:
        raise LabError(f"{where}: address must be an IPv4 address with prefix length, like 198.51.100.2/24") from None
    if address.network.prefixlen == 32:
        raise LabError(f"{where}: address needs a prefix length shorter than /32")
    return NetnsSpec(name, interface, address)


def _link_end(value: Any, where: str, routers: dict[str, RouterSpec],
              namespaces: dict[tuple[str, str], NetnsSpec]) -> tuple[str, str]:
    if isinstance(value, dict):
        spec = _netns_endpoint(value, where)
        namespaces[spec.endpoint] = spec
        return spec.endpoint
    return _endpoint(value, where, routers)


def load_lab(path: str | Path, state_dir: str | Path | None = None) -> Lab:
    path = Path(path).resolve()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise LabError(f"{path}: {exc}") from exc
    if not isinstance(data, dict):
        raise LabError(f"{path}: the lab file must be a mapping")
    creds = data.get("credentials") or {}
    credentials = Credentials(
        username=str(creds.get("username", "admin")),
        password=str(creds.get("password", "admin")),
        enable_secret=str(creds.get("enable_secret", "admin")),
    )
    time_scale = data.get("time_scale", 1)
    if not isinstance(time_scale, (int, float)) or time_scale <= 0:
        raise LabError(f"{path}: time_scale must be a positive number")
    routers: dict[str, RouterSpec] = {}
    for name, spec in (data.get("routers") or {}).items():
        spec = spec or {}
        where = f"{path.name}: routers.{name}"
        if "ssh_port" not in spec:
            raise LabError(f"{where}: ssh_port is required")
        routers[str(name)] = RouterSpec(
            name=str(name),
            ssh_port=_port(spec["ssh_port"], f"{where}.ssh_port"),
            netconf_port=_port(spec["netconf_port"], f"{where}.netconf_port") if "netconf_port" in spec else None,
            version=str(spec.get("version", "17.9.4a")),
            startup_config=spec.get("startup_config"),
            extra={k: v for k, v in spec.items() if k not in ROUTER_KEYS},
        )
    if not routers:
        raise LabError(f"{path}: no routers defined")
    ports = [p for r in routers.values() for p in (r.ssh_port, r.netconf_port) if p]
    if len(ports) != len(set(ports)):
        raise LabError(f"{path}: two routers share a port")
    links = []
    namespaces: dict[tuple[str, str], NetnsSpec] = {}
    for index, link in enumerate(data.get("links") or []):
        where = f"{path.name}: links[{index}]"
        if not isinstance(link, dict):
            raise LabError(f"{where}: expected a mapping with a and b")
        a = _link_end(link.get("a"), f"{where}.a", routers, namespaces)
        b = _link_end(link.get("b"), f"{where}.b", routers, namespaces)
        links.append(LinkSpec(a[0], a[1], b[0], b[1]))
    default_state = path.parent / ".refrouter" / path.stem
    return Lab(path, credentials, float(time_scale), routers, links, Path(state_dir or default_state).resolve(),
               namespaces=namespaces)
