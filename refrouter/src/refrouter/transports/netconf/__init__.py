"""NETCONF messages layer (RFC 6241 section 1.2): RFC 6242 framing, hello, rpc/rpc-reply, the session registry."""
