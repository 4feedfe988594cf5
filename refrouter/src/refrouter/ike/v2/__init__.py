"""IKEv2 (RFC 7296) negotiation core, sans-I/O: the caller moves datagrams and time."""
