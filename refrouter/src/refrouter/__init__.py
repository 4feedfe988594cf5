"""refrouter: a Python reference router that behaves like Cisco IOS XE for IPsec automation tests."""
