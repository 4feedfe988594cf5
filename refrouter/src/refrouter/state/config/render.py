"""`show running-config` text rendered from the typed model, in IOS XE's section order."""

from __future__ import annotations

from collections.abc import Iterator

from .ikev2_render import render_ikev2
from .model import (
    AccessList,
    ArchiveSettings,
    CryptoMap,
    CryptoMapEntry,
    Interface,
    IsakmpPolicy,
    RunningConfig,
    SaLifetime,
    TransformSet,
)
from .pki import render_gdoi, render_pki
from .render_ikev1 import (
    ikev1_block_lines,
    ipsec_global_lines,
    isakmp_global_lines,
    isakmp_key_line,
    render_keyring,
)
from .stored_secret import rendered_secret
from .terminal import render_console_logging, render_line_settings
from .tunnel import render_nhrp, render_tunnel


def render_policy(policy: IsakmpPolicy) -> Iterator[str]:
    yield f"crypto isakmp policy {policy.priority}"
    if policy.encryption != "des":
        size = f" {policy.key_size}" if policy.key_size and policy.key_size != 128 else ""
        yield f" encr {policy.encryption}{size}"
    if policy.hash != "sha":
        yield f" hash {policy.hash}"
    if policy.authentication != "rsa-sig":
        yield f" authentication {policy.authentication}"
    if policy.group != 1:
        yield f" group {policy.group}"
    if policy.lifetime != 86400:
        yield f" lifetime {policy.lifetime}"


def transform_words(ts: TransformSet) -> str:
    words: list[str] = []
    for transform in ts.transforms:
        words.append(transform)
        if transform == ts.esp_encryption and ts.key_size and ts.key_size != 128:
            words.append(str(ts.key_size))
    return " ".join(words)


def render_transform_set(ts: TransformSet) -> Iterator[str]:
    yield f"crypto ipsec transform-set {ts.name} {transform_words(ts)} "
    yield f" mode {ts.mode}"


def _lifetime_lines(lifetime: SaLifetime) -> Iterator[str]:
    if lifetime.seconds is not None:
        yield f" set security-association lifetime seconds {lifetime.seconds}"
    if lifetime.kilobytes_disabled:
        yield " set security-association lifetime kilobytes disable"
    elif lifetime.kilobytes is not None:
        yield f" set security-association lifetime kilobytes {lifetime.kilobytes}"


def _profile_ref_lines(isakmp_profile: str | None, ikev2_profile: str | None) -> Iterator[str]:
    if isakmp_profile:
        yield f" set isakmp-profile {isakmp_profile}"
    if ikev2_profile:
        yield f" set ikev2-profile {ikev2_profile}"


def render_map_entry(header: str, entry: CryptoMapEntry) -> Iterator[str]:
    yield header
    if entry.description:
        yield f" description {entry.description}"
    for peer in entry.peers:
        yield f" set peer {peer}"
    yield from _lifetime_lines(entry.lifetime)
    if entry.transform_sets:
        yield f" set transform-set {' '.join(entry.transform_sets)} "
    if entry.pfs:
        yield f" set pfs {entry.pfs}"
    yield from _profile_ref_lines(entry.isakmp_profile, entry.ikev2_profile)
    if entry.match_address:
        yield f" match address {entry.match_address}"
    if entry.reverse_route is not None:
        yield f" reverse-route {entry.reverse_route}".rstrip()


def render_crypto_map(cmap: CryptoMap) -> Iterator[str]:
    if cmap.redundancy:
        yield f"crypto map {cmap.name} redundancy {cmap.redundancy}"
    for line in cmap.client_lines:
        yield f"crypto map {cmap.name} {line}"
    if cmap.local_address:
        yield f"crypto map {cmap.name} local-address {cmap.local_address}"
    for seq in sorted(cmap.entries):
        entry = cmap.entries[seq]
        if entry.dynamic_template:
            yield f"crypto map {cmap.name} {seq} ipsec-isakmp dynamic {entry.dynamic_template} "
        elif entry.gdoi:
            yield f"crypto map {cmap.name} {seq} gdoi"
            if entry.gdoi_group:
                yield f" set group {entry.gdoi_group}"
            yield "!"
        else:
            yield from render_map_entry(f"crypto map {cmap.name} {seq} ipsec-isakmp ", entry)
            yield "!"


def render_dynamic_map(dmap: CryptoMap) -> Iterator[str]:
    for seq in sorted(dmap.entries):
        yield from render_map_entry(f"crypto dynamic-map {dmap.name} {seq}", dmap.entries[seq])
        yield "!"


def render_interface(iface: Interface) -> Iterator[str]:
    template = iface.name.startswith("Virtual-Template") and iface.tunnel is not None
    yield f"interface {iface.name}" + (" type tunnel" if template else "")
    if iface.description:
        yield f" description {iface.description}"
    if iface.vrf:
        yield f" vrf forwarding {iface.vrf}"
    if iface.address:
        yield f" ip address {iface.address} {iface.mask}"
    elif iface.unnumbered:
        yield f" ip unnumbered {iface.unnumbered}"
    else:
        yield " no ip address"
    if iface.access_group_in:
        yield f" ip access-group {iface.access_group_in} in"
    if iface.access_group_out:
        yield f" ip access-group {iface.access_group_out} out"
    if iface.ip_mtu is not None:
        yield f" ip mtu {iface.ip_mtu}"
    yield from render_nhrp(iface.nhrp)
    if iface.tcp_adjust_mss is not None:
        yield f" ip tcp adjust-mss {iface.tcp_adjust_mss}"
    if iface.shutdown:
        yield " shutdown"
    if iface.tunnel:
        yield from render_tunnel(iface.tunnel)
    if iface.crypto_map:
        yield f" crypto map {iface.crypto_map}"
    if iface.name.startswith("GigabitEthernet"):
        yield " negotiation auto"


def render_acl(acl: AccessList) -> Iterator[str]:
    """IOS XE 17 prints numbered lists as `ip access-list extended 101` with sequence numbers, like named ones."""
    yield f"ip access-list {acl.kind} {acl.name}"
    for entry in acl.entries:
        yield f" {entry.seq} {entry.action} {entry.text}"


def _interface_sort_key(name: str) -> tuple[int, list[int]]:
    order = {"Loopback": 0, "Tunnel": 1, "GigabitEthernet": 2, "Virtual-Template": 3}
    kind = next((k for k in order if name.startswith(k)), "")
    numbers = [int(n) for n in name[len(kind) :].replace(".", "/").split("/") if n.isdigit()]
    return order.get(kind, 9), numbers


def sorted_interfaces(config: RunningConfig) -> list[Interface]:
    return [config.interfaces[n] for n in sorted(config.interfaces, key=_interface_sort_key)]


def _acl_sort_key(acl: AccessList) -> tuple[int, int, str]:
    """Named lists, then numbered ones by number (the numbered section used to follow the named one)."""
    return (0, 0, acl.name) if acl.named else (1, int(acl.name), "")


def render_body(config: RunningConfig, version: str) -> list[str]:
    """All configuration lines between the header and `end`."""
    major_minor = ".".join(version.split(".")[:2])
    out = [
        f"version {major_minor}",
        "service timestamps debug datetime msec",
        "service timestamps log datetime msec",
        *(["service password-encryption"] if config.service_password_encryption else []),
        "platform qfp utilization monitor load 80",
        "platform punt-keepalive disable-kernel-core",
        "platform console virtual",
        "!",
        f"hostname {config.hostname}",
        "!",
        "boot-start-marker",
        "boot-end-marker",
        "!",
        "!",
    ]
    out += render_console_logging(config.terminal)
    if config.enable_secret_hash:
        out.append(f"enable secret 9 {config.enable_secret_hash}")
    if config.file_prompt_quiet:
        out += ["file prompt quiet", "!"]
    out += ["no aaa new-model", "!"]
    for vrf in config.vrfs.values():
        out.append(f"vrf definition {vrf.name}")
        if vrf.rd:
            out.append(f" rd {vrf.rd}")
        out += [" !", " address-family ipv4", " exit-address-family", "!"]
    out += [*_login_lines(config), "login on-success log", "!", "subscriber templating", "!"]
    out += render_pki(config.pki)
    if not config.compliance_shield:
        out += ["crypto engine compliance shield disable", "!"]
    out += ["license udi pid C8000V sn 9ABCDEFGHIJ", *render_archive(config.archive)]
    out += ["memory free low-watermark processor 63709", "!"]
    if config.password_encryption_aes:
        out += ["password encryption aes", "!"]
    for user, secret in config.users.items():
        level = config.user_privileges.get(user, 1)
        privilege = f" privilege {level}" if level != 1 else ""
        out.append(f"username {user}{privilege} secret 9 {secret}")
    out += ["!", "redundancy", "!", "!", "!"]
    out += _crypto_lines(config)
    for iface in sorted_interfaces(config):
        out += list(render_interface(iface))
        out.append("!")
    out += ["ip forward-protocol nd", "ip http server", "ip http secure-server", "!"]
    if config.ip_scp_server:
        out += ["ip scp server enable", "!"]
    for route in config.static_routes:
        vrf_words = f"vrf {route.vrf} " if route.vrf else ""
        target = " ".join(x for x in (route.interface, route.next_hop) if x)
        distance = f" {route.distance}" if route.distance else ""
        out.append(f"ip route {vrf_words}{route.prefix} {route.mask} {target}{distance}")
    for acl in sorted(config.access_lists.values(), key=_acl_sort_key):
        out += list(render_acl(acl))
    out += ["!", "!", "!", "!", "control-plane", "!"]
    for kind, banner in (("login", config.banner_login), ("motd", config.banner_motd)):  # IOS order
        if banner:
            out.append(f"banner {kind} ^C{banner}^C")
    out += ["!", "line con 0", *render_line_settings(config.terminal.line("con")), " stopbits 1"]
    out += ["line vty 0 4", *render_line_settings(config.terminal.line("vty")), " login local", " transport input ssh"]
    out += ["!", "!"]
    return out


def render_archive(archive: ArchiveSettings | None) -> list[str]:
    if archive is None:
        return []
    out = ["archive"]
    if archive.path:
        out.append(f" path {archive.path}")
    if archive.maximum is not None:
        out.append(f" maximum {archive.maximum}")
    if archive.write_memory:
        out.append(" write-memory")
    if archive.time_period is not None:
        out.append(f" time-period {archive.time_period}")
    return out



def _login_lines(config: RunningConfig) -> list[str]:
    out = []
    if config.login_block:
        block = config.login_block
        out.append(f"login block-for {block.block_for} attempts {block.attempts} within {block.within}")
    if config.login_delay is not None:
        out.append(f"login delay {config.login_delay}")
    if config.login_quiet_acl:
        out.append(f"login quiet-mode access-class {config.login_quiet_acl}")
    return out


def _crypto_lines(config: RunningConfig) -> list[str]:
    out: list[str] = render_ikev2(config.ikev2)
    out += [f"crypto logging {what}" for what in config.crypto_logging]
    for keyring in config.ikev1.keyrings.values():
        out += [*render_keyring(keyring, config), "!"]
    policies = [config.isakmp_policies[p] for p in sorted(config.isakmp_policies)]
    for policy in policies:
        out += list(render_policy(policy))
    keys = sorted(config.isakmp_keys, key=lambda k: k.hostname is not None)  # address keys, then hostname keys
    out += [isakmp_key_line(key, rendered_secret(config, key.key)) for key in keys]
    out += list(isakmp_global_lines(config))
    if not config.isakmp_default_policy:
        out.append("no crypto isakmp default policy")
    if out:
        out += ["!", "!"]
    out += list(ikev1_block_lines(config.ikev1))
    globals_lines = list(ipsec_global_lines(config.ipsec_globals))
    out += [*globals_lines, "!"] if globals_lines else []
    for ts in config.transform_sets.values():
        out += list(render_transform_set(ts))
    if not config.ipsec_default_transform_set:
        out.append("no crypto ipsec default transform-set")
    if config.transform_sets or not config.ipsec_default_transform_set:
        out.append("!")
    for profile in config.ipsec_profiles.values():
        out.append(f"crypto ipsec profile {profile.name}")
        out += list(_lifetime_lines(profile.lifetime))
        if profile.transform_sets:
            out.append(f" set transform-set {' '.join(profile.transform_sets)} ")
        if profile.pfs:
            out.append(f" set pfs {profile.pfs}")
        out += list(_profile_ref_lines(profile.isakmp_profile, profile.ikev2_profile))
        out += ["!", "!"]
    out += render_gdoi(config.gdoi_groups)
    for dmap in config.dynamic_maps.values():
        out += list(render_dynamic_map(dmap))
    if config.dynamic_maps:
        out.append("!")
    for cmap in config.crypto_maps.values():
        out += list(render_crypto_map(cmap))
    if config.crypto_maps:
        out += ["!", "!"]
    return out


def render_running_config(config: RunningConfig, version: str) -> str:
    body = "\n".join(render_body(config, version)) + "\nend\n"
    return body
