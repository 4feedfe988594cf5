"""Lab file (YAML) schema: credentials, time scale, routers, links; validated with clear errors."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..state.identity import Credentials
from ..state.interfaces import canonical_interface
from ..state.management import ManagementAccess
from .labkeys import LabError, check_keys, mapping
from .netns import NetnsSpec
from .releases import TRAINS, closest_release, is_known_release

# libyaml's safe loader where PyYAML has it: a 2,000-router lab file took 1-2 s of pure-Python parsing
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

if TYPE_CHECKING:
    from .wiring import LinkEndpoint

TOP_KEYS = ("credentials", "time_scale", "routers", "links")
CREDENTIAL_KEYS = ("username", "password", "enable_secret")
ROUTER_KEYS = (
    "ssh_port",
    "netconf_port",
    "version",
    "startup_config",
    "management_interface",
    "management_source",
)
LINK_KEYS = ("a", "b")
NETNS_KEYS = ("netns", "interface", "address")  # a link end in a network namespace
__all__ = ["Lab", "LabError", "LinkSpec", "RouterSpec", "load_lab"]


@dataclass
class RouterSpec:
    name: str
    ssh_port: int
    netconf_port: int | None = None
    version: str = "17.9.4a"
    startup_config: str | None = None
    management: ManagementAccess | None = None  # `management_interface` + `management_source`


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
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 65535:
        raise LabError(f"{where}: expected a TCP port number 1-65535, got {value!r}")
    return value


def _version(value: Any, where: str) -> str:
    if isinstance(value, float):
        raise LabError(f"{where}: YAML read {value!r} as a number; quote the release, e.g. \"17.9.4a\"")
    if not isinstance(value, str) or not is_known_release(value):
        raise LabError(f"{where}: unknown IOS XE release {value!r}; did you mean {closest_release(str(value))!r}? "
                       f"(known: 17.3 to 17.{max(TRAINS)} releases, written like 17.9.4a)")
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


def _credentials(data: dict[str, Any], where: str) -> Credentials:
    creds = mapping(data.get("credentials"), f"{where}: credentials")
    check_keys(creds, CREDENTIAL_KEYS, f"{where}: credentials")
    return Credentials(
        username=str(creds.get("username", "admin")),
        password=str(creds.get("password", "admin")),
        enable_secret=str(creds.get("enable_secret", "admin")),
    )


def _router(name: str, value: Any, where: str) -> RouterSpec:
    spec = mapping(value, where)
    check_keys(spec, ROUTER_KEYS, where)
    if "ssh_port" not in spec:
        raise LabError(f"{where}: ssh_port is required")
    seed = spec.get("startup_config")
    if seed is not None and not isinstance(seed, str):
        raise LabError(f"{where}.startup_config: expected configuration text, got {type(seed).__name__}")
    return RouterSpec(
        name=name,
        ssh_port=_port(spec["ssh_port"], f"{where}.ssh_port"),
        netconf_port=_port(spec["netconf_port"], f"{where}.netconf_port") if "netconf_port" in spec else None,
        version=_version(spec["version"], f"{where}.version") if "version" in spec else "17.9.4a",
        startup_config=seed,
        management=_management(spec, where),
    )


def _check_ports(routers: dict[str, RouterSpec], where: str) -> None:
    """Every SSH and NETCONF port of a lab is distinct; a clash names both settings."""
    owners: dict[int, str] = {}
    for spec in routers.values():
        for key, port in (("ssh_port", spec.ssh_port), ("netconf_port", spec.netconf_port)):
            if port is None:
                continue
            setting = f"routers.{spec.name}.{key}"
            if port in owners:
                raise LabError(f"{where}: {owners[port]} and {setting} both use port {port}")
            owners[port] = setting


def _link(
    value: Any, where: str, routers: dict[str, RouterSpec], namespaces: dict[tuple[str, str], NetnsSpec]
) -> LinkSpec:
    link = mapping(value, where)
    check_keys(link, LINK_KEYS, where)
    a = _link_end(link.get("a"), f"{where}.a", routers, namespaces)
    b = _link_end(link.get("b"), f"{where}.b", routers, namespaces)
    return LinkSpec(a[0], a[1], b[0], b[1])


def _link_end(
    value: Any, where: str, routers: dict[str, RouterSpec], namespaces: dict[tuple[str, str], NetnsSpec]
) -> tuple[str, str]:
    """`Router:Interface`, or a mapping for an end in a network namespace (lab/netns.py)."""
    if isinstance(value, dict):
        spec = _netns_endpoint(value, where)
        namespaces[spec.endpoint] = spec
        return spec.endpoint
    return _endpoint(value, where, routers)


def _netns_endpoint(value: dict[Any, Any], where: str) -> NetnsSpec:
    check_keys(value, NETNS_KEYS, where)
    missing = [key for key in NETNS_KEYS if key not in value]
    if missing:
        raise LabError(f"{where}: a namespace end needs {', '.join(NETNS_KEYS)} (missing: {', '.join(missing)})")
    name, interface = str(value["netns"]), str(value["interface"])
    if not name.replace("-", "").replace("_", "").isalnum():
        raise LabError(f"{where}.netns: expected a namespace name of letters, digits, - and _, got {name!r}")
    if not 0 < len(interface) < 16 or not interface.replace("-", "").replace("_", "").isalnum():
        raise LabError(f"{where}.interface: expected a Linux interface name of 1-15 letters, digits, - and _, "
                       f"got {interface!r}")
    try:
        address = ipaddress.IPv4Interface(str(value["address"]))
    except ValueError:
        raise LabError(f"{where}.address: expected an IPv4 address with prefix length, like 198.51.100.2/24, "
                       f"got {value['address']!r}") from None
    if address.network.prefixlen == 32:
        raise LabError(f"{where}.address: needs a prefix length shorter than /32")
    return NetnsSpec(name, interface, address)


def _management(spec: dict[str, Any], where: str) -> ManagementAccess | None:
    """`management_interface` and `management_source` come together (docs/lab-file.md)."""
    iface, source = spec.get("management_interface"), spec.get("management_source")
    if iface is None and source is None:
        return None
    if iface is None or source is None:
        raise LabError(f"{where}: management_interface and management_source go together")
    name = canonical_interface(str(iface))
    if name is None:
        raise LabError(f"{where}.management_interface: unknown interface {iface!r}")
    try:
        address = ipaddress.IPv4Address(str(source))
    except ValueError as exc:
        raise LabError(f"{where}.management_source: expected an IPv4 address, got {source!r}") from exc
    return ManagementAccess(name, str(address))


def load_lab(path: str | Path, state_dir: str | Path | None = None) -> Lab:
    """Read and validate a lab file; every mistake is a LabError naming the file and the setting."""
    path = Path(path).resolve()
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise LabError(f"{path}: {exc}") from exc
    if not isinstance(data, dict):
        raise LabError(f"{path}: the lab file must be a mapping")
    check_keys(data, TOP_KEYS, path.name)
    credentials = _credentials(data, path.name)
    time_scale = data.get("time_scale", 1)
    if isinstance(time_scale, bool) or not isinstance(time_scale, (int, float)) or time_scale <= 0:
        raise LabError(f"{path.name}: time_scale must be a positive number")
    routers = {str(name): _router(str(name), spec, f"{path.name}: routers.{name}")
               for name, spec in mapping(data.get("routers"), f"{path.name}: routers").items()}
    if not routers:
        raise LabError(f"{path}: no routers defined")
    _check_ports(routers, path.name)
    link_list = data.get("links") or []
    if not isinstance(link_list, list):
        raise LabError(f"{path.name}: links: expected a list, got {type(link_list).__name__}")
    namespaces: dict[tuple[str, str], NetnsSpec] = {}
    links = [_link(link, f"{path.name}: links[{index}]", routers, namespaces) for index, link in enumerate(link_list)]
    default_state = path.parent / ".refrouter" / path.stem
    return Lab(path, credentials, float(time_scale), routers, links, Path(state_dir or default_state).resolve(),
               namespaces=namespaces)
