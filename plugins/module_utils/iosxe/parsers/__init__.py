# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Show-output parsers for IOS XE IPsec/IKE commands (stdlib only).

Entry point: :func:`.registry.parse` (``parse(command, text) -> ParseResult(data, warnings)``).
One module per command family; the naming and value rules shared by all are in :mod:`.common`.
"""
