"""Two or more IkeEngines wired back to back through an in-process list "network" (no sockets)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from refrouter.ike.context import Datagram, EngineSettings, StartRequest
from refrouter.ike.engine import IkeEngine
from refrouter.ike.mapping import initiator_entry
from refrouter.state.config.lookup import interface_for
from refrouter.state.config.model import (
    AccessList,
    AclEntry,
    CryptoMap,
    CryptoMapEntry,
    Interface,
    IsakmpKey,
    IsakmpPolicy,
    RunningConfig,
    TransformSet,
)
from refrouter.state.config.selectors import selectors_for_packet
from refrouter.state.oper.clock import Clock, ManualClock
from refrouter.state.oper.state import OperState

MAX_DELIVERIES = 500


@dataclass
class Node:
    name: str
    config: RunningConfig
    oper: OperState
    engine: IkeEngine

    def messages(self) -> list[str]:
        return self.oper.syslog.messages()

    def count(self, mnemonic: str) -> int:
        return sum(entry.mnemonic == mnemonic for entry in self.oper.syslog.entries())

    def ike_sa(self):
        sas = self.oper.ike_sa_list()
        assert len(sas) == 1, sas
        return sas[0]


@dataclass
class Network:
    clock: Clock = field(default_factory=ManualClock)
    nodes: dict[str, Node] = field(default_factory=dict)
    down: set[str] = field(default_factory=set)  # addresses whose packets vanish
    sent: list[Datagram] = field(default_factory=list)
    loss: random.Random | None = None  # with loss_rate: drop datagrams at random
    loss_rate: float = 0.0

    def add(self, config: RunningConfig, version: str = "17.9.4a", seed: int = 1, **settings: object) -> Node:
        oper = OperState(self.clock)
        engine = IkeEngine(lambda: config, oper, self.clock, random.Random(seed),
                           EngineSettings(version=version, **settings))  # type: ignore[arg-type]
        node = Node(config.hostname, config, oper, engine)
        self.nodes[config.hostname] = node
        return node

    def owner(self, address: str) -> Node | None:
        return next((n for n in self.nodes.values() if interface_for(n.config, address)), None)

    def deliver(self, datagrams: list[Datagram]) -> None:
        queue = list(datagrams)
        for _ in range(MAX_DELIVERIES):
            if not queue:
                return
            datagram = queue.pop(0)
            self.sent.append(datagram)
            node = self.owner(datagram.dst)
            if node is None or datagram.dst in self.down or datagram.src in self.down or self._lost():
                continue
            if datagram.protocol == "udp":
                queue += node.engine.receive(datagram)
            else:
                queue += node.engine.unprotect(datagram).out
        raise AssertionError("network did not settle")

    def _lost(self) -> bool:
        return self.loss is not None and self.loss.random() < self.loss_rate

    def run(self, seconds: float, step: float = 1.0) -> None:
        """Advance a ManualClock in steps, running every router's timers after each step."""
        assert isinstance(self.clock, ManualClock)
        for _ in range(int(seconds / step)):
            self.clock.advance(step)
            for node in list(self.nodes.values()):
                self.deliver(node.engine.tick())

    def trigger(self, node: Node, map_name: str, seq: int, src: str, dst: str) -> None:
        """What the data plane does for a packet src->dst that matched `map_name seq` and has no SA."""
        entry = initiator_entry(node.config, map_name, seq)
        assert entry is not None and entry.match_address is not None
        selectors = selectors_for_packet(node.config.access_lists[entry.match_address], src, dst)
        assert selectors is not None
        interface = next(i for i in node.config.interfaces.values() if i.crypto_map == map_name)
        request = StartRequest(interface.address, entry.peers[0], map_name, seq, *selectors, interface.name)
        self.deliver(node.engine.start(request))

    def send_data(self, node: Node, map_name: str, src: str, dst: str, payload: bytes) -> bytes | None:
        """Protect a packet on `node` and deliver it; returns what the far end decrypted."""
        tunnel = node.engine.find_outbound(map_name, src, dst)
        assert tunnel is not None
        protected, *extra = node.engine.protect(tunnel, payload)
        peer = self.owner(protected.dst)
        assert peer is not None
        result = peer.engine.unprotect(protected)
        self.deliver(list(extra) + result.out)
        return result.payload


def router(name: str, address: str, peer_keys: dict[str, str], **fields: object) -> RunningConfig:
    """A router with GigabitEthernet1 = `address`/24 and `crypto isakmp key` entries."""
    config = RunningConfig.factory_default(name)
    config.interfaces["GigabitEthernet1"] = Interface("GigabitEthernet1", address=address, mask="255.255.255.0")
    config.isakmp_keys = [IsakmpKey(key, peer) for peer, key in peer_keys.items()]
    for key, value in fields.items():
        setattr(config, key, value)
    return config


def static_map(config: RunningConfig, peer: str, acl_lines: list[str], transform_sets: list[str] | None = None,
               name: str = "testmap", seq: int = 10, **entry_fields: object) -> CryptoMapEntry:
    """`crypto map NAME SEQ ipsec-isakmp` with `set peer`, `match address 101`, applied to Gi1."""
    config.access_lists["101"] = AccessList(
        "101", "extended", False, [AclEntry(10 * (i + 1), "permit", line) for i, line in enumerate(acl_lines)]
    )
    entry = CryptoMapEntry(seq, peers=[peer], match_address="101", transform_sets=transform_sets or [],
                           **entry_fields)  # type: ignore[arg-type]
    config.crypto_maps.setdefault(name, CryptoMap(name)).entries[seq] = entry
    config.interfaces["GigabitEthernet1"].crypto_map = name
    return entry


def dynamic_map(config: RunningConfig, transform_sets: list[str] | None = None, name: str = "testmap",
                template: str = "dyn_testmap", **entry_fields: object) -> CryptoMapEntry:
    """`crypto dynamic-map TEMPLATE 10` + `crypto map NAME 10 ipsec-isakmp dynamic TEMPLATE`, applied to Gi1."""
    entry = CryptoMapEntry(10, transform_sets=transform_sets or [], **entry_fields)  # type: ignore[arg-type]
    config.dynamic_maps[template] = CryptoMap(template, {10: entry})
    config.crypto_maps[name] = CryptoMap(name, {10: CryptoMapEntry(10, dynamic_template=template)})
    config.interfaces["GigabitEthernet1"].crypto_map = name
    return entry


def transform_set(config: RunningConfig, name: str, *transforms: str, mode: str = "tunnel",
                  key_size: int | None = None) -> None:
    config.transform_sets[name] = TransformSet(name, list(transforms), key_size=key_size, mode=mode)


def isakmp_policy(config: RunningConfig, priority: int, **fields: object) -> None:
    config.isakmp_policies[priority] = IsakmpPolicy(priority, **fields)  # type: ignore[arg-type]


A_ADDR, B_ADDR = "10.0.0.1", "10.0.0.2"
A_HOST, B_HOST = "10.1.1.5", "10.2.2.5"


def site_to_site(key_a: str | None = "cisco123", key_b: str | None = "cisco123", version: str = "17.9.4a",
                 clock: Clock | None = None, **settings: object) -> tuple[Network, Node, Node]:
    """RouterA 10.0.0.1 (LAN 10.1.1.0/24) <-> RouterB 10.0.0.2 (LAN 10.2.2.0/24), static maps both ways,
    default ISAKMP policies and default transform sets; tests edit `node.config` to vary it."""
    net = Network(clock) if clock else Network()
    a = router("RouterA", A_ADDR, {B_ADDR: key_a} if key_a else {})
    static_map(a, B_ADDR, ["ip 10.1.1.0 0.0.0.255 10.2.2.0 0.0.0.255"])
    b = router("RouterB", B_ADDR, {A_ADDR: key_b} if key_b else {})
    static_map(b, A_ADDR, ["ip 10.2.2.0 0.0.0.255 10.1.1.0 0.0.0.255"])
    return net, net.add(a, version, seed=1, **settings), net.add(b, version, seed=2, **settings)


def connect(net: Network, a: Node) -> None:
    net.trigger(a, "testmap", 10, A_HOST, B_HOST)
