"""NETCONF (RFC 6241/6242) server for the reference router: an SSH subsystem over the same datastore."""
