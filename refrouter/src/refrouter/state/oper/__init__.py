"""Operational state of one reference router: SAs, flow-MIB tables, syslog buffer, clock."""
