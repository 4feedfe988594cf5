"""Sans-I/O IKEv1 (main mode + quick mode, pre-shared keys) and IPsec SA handling for the reference router."""
