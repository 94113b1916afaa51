"""cus.encryption: chunked AES-256-GCM files that refuse any change, and their keys."""

import io

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from cus import encryption
from cus import settings as cus_settings

KEY = encryption.parse_key(encryption.generate_key())
# The sizes around the chunk boundaries of a 16-byte chunk.
SIZES = [0, 1, 15, 16, 17, 31, 32, 33, 48, 100]


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(encryption, "CHUNK", 16)
    return 16


def seal(data, name="plik", key=KEY):
    out = io.BytesIO()
    writer = encryption.EncryptingWriter(key, name, out)
    # Written in uneven pieces: chunking does not depend on how the data arrives.
    for start in range(0, len(data), 7):
        writer.write(data[start : start + 7])
    writer.close()
    return out.getvalue()


def unseal(sealed, name="plik", key=KEY):
    return b"".join(encryption.decrypted_chunks(key, name, io.BytesIO(sealed)))


def chunks_of(sealed, size):
    """The header and the sealed chunks of a file written with ``size``-byte chunks."""
    body = sealed[encryption.HEADER_BYTES :]
    step = size + encryption.TAG_BYTES
    return sealed[: encryption.HEADER_BYTES], [
        body[i : i + step] for i in range(0, len(body), step)
    ]


@pytest.mark.parametrize("size", SIZES)
def test_any_size_round_trips(small_chunks, size):
    data = bytes(range(size))
    sealed = seal(data)
    assert sealed.startswith(encryption.MAGIC)
    assert unseal(sealed) == data
    # One sealed chunk per started chunk (an empty file is one empty chunk).
    assert len(chunks_of(sealed, small_chunks)[1]) == max(1, -(-size // small_chunks))


def test_the_same_content_encrypts_differently_every_time():
    assert seal(b"PESEL 44051401359") != seal(b"PESEL 44051401359")
    assert b"44051401359" not in seal(b"PESEL 44051401359")


def test_another_key_is_told_apart_from_damage():
    with pytest.raises(encryption.WrongKeyError):
        unseal(seal(b"dane"), key=encryption.parse_key(encryption.generate_key()))


def test_a_file_read_under_another_name_is_refused():
    with pytest.raises(encryption.DamagedFileError):
        unseal(seal(b"dane", name="media/a.pdf"), name="media/b.pdf")


def _reordered(chunks):
    return [chunks[1], chunks[0], *chunks[2:]]


# Changes to the chunk sequence of a four-chunk file (the last one partial).
CHUNK_CHANGES = {
    "the first chunk dropped": lambda chunks: chunks[1:],
    "a middle chunk dropped": lambda chunks: chunks[:1] + chunks[2:],
    "the last chunk dropped (cut at a chunk boundary)": lambda chunks: chunks[:-1],
    "two chunks swapped": _reordered,
    "a chunk repeated": lambda chunks: chunks[:2] + chunks[1:],
    "the last chunk cut short": lambda chunks: [*chunks[:-1], chunks[-1][:-1]],
}


@pytest.mark.parametrize("change", CHUNK_CHANGES.values(), ids=CHUNK_CHANGES.keys())
def test_every_change_to_the_chunk_sequence_is_refused(small_chunks, change):
    header, chunks = chunks_of(seal(bytes(range(56))), small_chunks)
    assert len(chunks) == 4
    with pytest.raises(encryption.DamagedFileError):
        unseal(header + b"".join(change(chunks)))


def test_every_single_bit_flip_is_refused(small_chunks):
    """Every byte outside the key id (whose change reads as "another key")."""
    sealed = seal(b"Krystyna Zielinska, 44051401359")
    key_id = range(len(encryption.MAGIC), len(encryption.MAGIC) + encryption.KEY_ID_BYTES)
    positions = [i for i in range(len(sealed)) if i not in key_id]
    for position in positions:
        changed = bytearray(sealed)
        changed[position] ^= 0x80
        with pytest.raises(encryption.DamagedFileError):
            unseal(bytes(changed))
    assert len(positions) == len(sealed) - encryption.KEY_ID_BYTES


def test_a_key_is_32_bytes_of_url_safe_base64():
    assert len(encryption.parse_key(encryption.generate_key())) == 32
    assert len(encryption.generate_key()) == 44
    # A Fernet key has the same form.
    assert len(encryption.parse_key(Fernet.generate_key().decode())) == 32


@pytest.mark.parametrize(
    "text",
    ["", "abc", "A" * 43, "A" * 44, "A" * 48, "ąęść" * 11, "=" * 44, "a b" * 15],
    ids=["empty", "short", "43-chars", "33-bytes", "36-bytes", "non-ascii", "padding", "spaces"],
)
def test_anything_else_is_not_a_key(text):
    with pytest.raises(ValueError):
        encryption.parse_key(text)


def test_settings_refuse_a_malformed_backup_key(monkeypatch):
    monkeypatch.setenv("CUS_BACKUP_KEY", "haslo123")
    with pytest.raises(ImproperlyConfigured, match="CUS_BACKUP_KEY must be 32 random bytes"):
        cus_settings.env_key("CUS_BACKUP_KEY")
    monkeypatch.setenv("CUS_BACKUP_KEY", encryption.generate_key())
    assert cus_settings.env_key("CUS_BACKUP_KEY")
    monkeypatch.delenv("CUS_BACKUP_KEY")
    assert cus_settings.env_key("CUS_BACKUP_KEY") == ""
