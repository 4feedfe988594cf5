"""`show hosts`: the name-resolution settings. The router models no `ip domain name` or name servers."""

from __future__ import annotations

HOSTS = """Default domain is not set
Name/address lookup uses domain service
Name servers are 255.255.255.255

Codes: UN - unknown, EX - expired, OK - OK, ?? - revalidate
       temp - temporary, perm - permanent
       NA - Not Applicable None - Not defined

Host                      Port  Flags      Age Type   Address(es)
"""


def hosts() -> str:
    return HOSTS
