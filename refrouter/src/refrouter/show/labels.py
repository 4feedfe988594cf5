"""Human-readable algorithm names IOS prints in show output (data)."""

ENCRYPTION_TEXT = {
    "des": "DES - Data Encryption Standard (56 bit keys).",
    "3des": "Three key triple DES",
    "aes": "AES - Advanced Encryption Standard ({size} bit keys).",
}
HASH_TEXT = {
    "md5": "Message Digest 5",
    "sha": "Secure Hash Standard",
    "sha256": "Secure Hash Standard 2 (256 bit)",
    "sha384": "Secure Hash Standard 2 (384 bit)",
    "sha512": "Secure Hash Standard 2 (512 bit)",
}
AUTH_TEXT = {
    "pre-share": "Pre-Shared Key",
    "rsa-sig": "Rivest-Shamir-Adleman Signature",
    "rsa-encr": "Rivest-Shamir-Adleman Encryption",
}
DH_GROUP_TEXT = {
    1: "#1 (768 bit)",
    2: "#2 (1024 bit)",
    5: "#5 (1536 bit)",
    14: "#14 (2048 bit)",
    15: "#15 (3072 bit)",
    16: "#16 (4096 bit)",
    19: "#19 (256 bit ecp)",
    20: "#20 (384 bit ecp)",
    21: "#21 (521 bit ecp)",
    24: "#24 (2048 bit, 256 bit subgroup)",
}
# Release train names printed in `show version`, by (major, minor).
RELEASE_TRAINS = {
    (16, 9): "Fuji",
    (16, 12): "Gibraltar",
    (17, 3): "Amsterdam",
    (17, 6): "Bengaluru",
    (17, 9): "Cupertino",
    (17, 12): "Dublin",
}
