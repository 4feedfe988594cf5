import pytest

from refrouter.ike import keys
from refrouter.ike.cipher import DecryptError, exchange_iv, initial_iv, phase1_cipher
from refrouter.ike.esp import EspError, ReplayWindow, SaCrypto, keymat_length, open_packet, seal
from refrouter.ike.groups import (
    GROUP_BITS,
    MODP_PRIMES,
    SUPPORTED_GROUPS,
    KeyExchangeError,
    generate,
    public_value_length,
)

NONCE_I, NONCE_R = b"\x11" * 20, b"\x22" * 20
CKY_I, CKY_R = b"\x01" * 8, b"\x02" * 8


@pytest.mark.parametrize("group", SUPPORTED_GROUPS)
def test_both_sides_derive_the_same_secret(group):
    a, b = generate(group), generate(group)
    assert len(a.public) == public_value_length(group)
    secret = a.shared(b.public)
    assert secret == b.shared(a.public)
    assert len(secret) * 8 >= GROUP_BITS[group]


@pytest.mark.parametrize("group", [2, 19])
def test_invalid_public_values_are_refused(group):
    pair = generate(group)
    for bad in (b"\x00" * public_value_length(group), b"\x01" * (public_value_length(group) + 1)):
        with pytest.raises(KeyExchangeError):
            pair.shared(bad)


def test_modp_primes_are_the_rfc_primes():
    # every MODP prime is 2^n - 2^(n-64) - 1 + 2^64 * (...): top and bottom 64 bits are all ones
    for group, prime in MODP_PRIMES.items():
        assert prime.bit_length() == GROUP_BITS[group]
        assert prime >> (GROUP_BITS[group] - 64) == 2**64 - 1 and prime & (2**64 - 1) == 2**64 - 1
    assert hex(MODP_PRIMES[2]).startswith("0xffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd1")


def phase1(psk: bytes, hash_name: str = "sha") -> keys.Phase1Keys:
    return keys.derive_phase1(hash_name, psk, NONCE_I, NONCE_R, b"\x33" * 192, CKY_I, CKY_R)


@pytest.mark.parametrize("hash_name", sorted(keys.HASHES))
def test_a_different_psk_gives_a_different_proof_of_identity(hash_name):
    good, bad = phase1(b"identity", hash_name), phase1(b"wrong", hash_name)
    proof = keys.hash_i(hash_name, good.skeyid, b"gxi", b"gxr", CKY_I, CKY_R, b"sa", b"id")
    assert proof == keys.hash_i(hash_name, phase1(b"identity", hash_name).skeyid, b"gxi", b"gxr", CKY_I, CKY_R,
                                b"sa", b"id")
    assert proof != keys.hash_i(hash_name, bad.skeyid, b"gxi", b"gxr", CKY_I, CKY_R, b"sa", b"id")
    assert proof != keys.hash_r(hash_name, good.skeyid, b"gxi", b"gxr", CKY_I, CKY_R, b"sa", b"id")


def test_skeyid_chain_matches_rfc_2409_definitions():
    derived = phase1(b"identity")
    skeyid = keys.prf("sha", b"identity", NONCE_I + NONCE_R)
    skeyid_d = keys.prf("sha", skeyid, b"\x33" * 192 + CKY_I + CKY_R + b"\0")
    assert (derived.skeyid, derived.skeyid_d) == (skeyid, skeyid_d)
    assert derived.skeyid_e == keys.prf("sha", skeyid, derived.skeyid_a + b"\x33" * 192 + CKY_I + CKY_R + b"\2")


def test_key_expansion_follows_appendix_b():
    short = b"\x44" * 20
    k1 = keys.prf("sha", short, b"\0")
    assert keys.expand("sha", short, 24) == (k1 + keys.prf("sha", short, k1))[:24]
    assert keys.expand("sha", b"\x55" * 32, 16) == b"\x55" * 16


def test_keymat_differs_per_spi_and_pfs_and_has_the_asked_length():
    base = keys.keymat("sha", b"d" * 20, "esp", 0x1000, NONCE_I, NONCE_R, 36)
    assert len(base) == 36
    assert base != keys.keymat("sha", b"d" * 20, "esp", 0x1001, NONCE_I, NONCE_R, 36)
    assert base != keys.keymat("sha", b"d" * 20, "esp", 0x1000, NONCE_I, NONCE_R, 36, pfs_secret=b"x")


@pytest.mark.parametrize("encryption,key_size", [("des", None), ("3des", None), ("aes", 128), ("aes", 192),
                                                 ("aes", 256)])
def test_phase1_cipher_round_trip_and_iv_chaining(encryption, key_size):
    cipher = phase1_cipher(encryption, key_size)
    key = keys.expand("sha", b"\x66" * 20, cipher.key_length)
    iv = initial_iv("sha", cipher, b"gxi", b"gxr")
    sealed = cipher.encrypt(key, iv, b"payload block")
    assert len(sealed) % cipher.block_size == 0
    assert cipher.decrypt(key, iv, sealed).rstrip(b"\0") == b"payload block"
    assert exchange_iv("sha", cipher, cipher.last_block(sealed), 7) != exchange_iv("sha", cipher,
                                                                                  cipher.last_block(sealed), 8)
    with pytest.raises(DecryptError):
        cipher.decrypt(key, iv, sealed[:-1])


TRANSFORM_SETS = [
    (("esp-aes", "esp-sha-hmac"), 128), (("esp-aes", "esp-sha256-hmac"), 256), (("esp-3des", "esp-md5-hmac"), None),
    (("esp-des", "esp-sha512-hmac"), None), (("esp-gcm",), 256), (("esp-gmac",), 128),
    (("esp-null", "esp-sha384-hmac"), None), (("esp-seal", "esp-sha-hmac"), None),
]


def pair(protocol: str, transforms: tuple[str, ...], key_size: int | None) -> tuple[SaCrypto, SaCrypto]:
    material = bytes(range(256))[:keymat_length(transforms, key_size)]
    return (SaCrypto(protocol, 0x1234, transforms, key_size, material),
            SaCrypto(protocol, 0x1234, transforms, key_size, material))


@pytest.mark.parametrize("transforms,key_size", TRANSFORM_SETS)
def test_esp_round_trip_and_tamper_detection(transforms, key_size):
    sender, receiver = pair("esp", transforms, key_size)
    packet = seal(sender, b"ping payload 0123456789", b"\x07" * 16)
    assert open_packet(receiver, packet) == b"ping payload 0123456789"
    hidden = "esp-null" in transforms or "esp-gmac" in transforms
    assert (b"ping payload" in packet) == hidden
    tampered = packet[:-1] + bytes([packet[-1] ^ 1])
    with pytest.raises(EspError) as error:
        open_packet(pair("esp", transforms, key_size)[1], tampered)
    assert error.value.kind == "auth"


def test_esp_replay_is_detected_and_window_slides():
    sender, receiver = pair("esp", ("esp-aes", "esp-sha-hmac"), 128)
    first, second = seal(sender, b"one", bytes(16)), seal(sender, b"two", bytes(16))
    assert open_packet(receiver, second) == b"two"
    assert open_packet(receiver, first) == b"one"  # out of order but inside the window
    with pytest.raises(EspError) as error:
        open_packet(receiver, first)
    assert error.value.kind == "replay"


def test_esp_bad_icv_is_an_auth_failure():
    sender, receiver = pair("esp", ("esp-aes", "esp-sha-hmac"), 128)
    packet = bytearray(seal(sender, b"data", bytes(16)))
    packet[20] ^= 0xFF
    with pytest.raises(EspError) as error:
        open_packet(receiver, bytes(packet))
    assert error.value.kind == "auth"


def test_ah_protects_integrity_only():
    sender, receiver = pair("ah", ("ah-sha-hmac",), None)
    packet = seal(sender, b"visible", b"")
    assert b"visible" in packet and open_packet(receiver, packet) == b"visible"
    with pytest.raises(EspError):
        open_packet(receiver, packet.replace(b"visible", b"VISIBLE"))


def test_replay_window_bounds():
    window = ReplayWindow(size=4)
    assert not window.check(0)
    for seq in (1, 2, 10):
        assert window.check(seq)
        window.update(seq)
    assert not window.check(2)  # fell out of the window
    assert window.check(9) and not window.check(10)
