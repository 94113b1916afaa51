"""Encrypted files (backups): AES-256-GCM in 1 MiB chunks, with ``cryptography``.

The STREAM construction that age and Tink use, so a file of any size is encrypted and
checked without holding it in memory:

    file    = header | chunk 0 | chunk 1 | …
    header  = MAGIC (8 bytes) | key id (8) | salt (16)
    chunk i = AES-256-GCM(file key, nonce = i as 11 bytes | 1 for the last chunk else 0,
                          at most CHUNK bytes, associated data = header | the file's name)

The file key is HKDF-SHA256 of the master key with the file's random salt, so no nonce
is ever used twice with one key. The counter and the last-chunk flag make a reordered,
dropped or truncated chunk fail to decrypt, and the name in the associated data makes a
file swapped for another one of the same backup fail. The key id (also derived from the
master key) tells "encrypted with another key" from "damaged or changed".

The master key is 32 random bytes in URL-safe base64 (``generate_key()``; a Fernet key
has the same form).
"""

import base64
import binascii
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = b"CUSENC\x00\x01"
KEY_BYTES = 32
KEY_ID_BYTES = 8
SALT_BYTES = 16
HEADER_BYTES = len(MAGIC) + KEY_ID_BYTES + SALT_BYTES
CHUNK = 1024 * 1024
TAG_BYTES = 16


class WrongKeyError(Exception):
    """The file was encrypted with another key."""


class DamagedFileError(Exception):
    """The file is not one of ours, or was changed, truncated or damaged."""


def generate_key():
    """A new master key: 32 random bytes in URL-safe base64 (44 characters)."""
    return base64.urlsafe_b64encode(os.urandom(KEY_BYTES)).decode("ascii")


def parse_key(text):
    """The 32 bytes of a key in URL-safe base64; ValueError for anything else."""
    try:
        key = base64.b64decode(text.strip().encode("ascii"), altchars=b"-_", validate=True)
    except (binascii.Error, UnicodeEncodeError):
        key = b""
    if len(key) != KEY_BYTES:
        raise ValueError("a key is 32 random bytes in URL-safe base64 (44 characters)")
    return key


def _derive(key, info, length, salt=None):
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=info).derive(key)


def key_id(key):
    return _derive(key, b"cus-encryption key id", KEY_ID_BYTES)


def _nonce(counter, last):
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


class EncryptingWriter:
    """Writes the encryption of what it is given to the binary file ``out``; ``close()`` ends it."""

    def __init__(self, key, name, out):
        salt = os.urandom(SALT_BYTES)
        header = MAGIC + key_id(key) + salt
        self._cipher = AESGCM(_derive(key, b"cus-encryption file", KEY_BYTES, salt))
        self._associated = header + name.encode("utf-8")
        self._out = out
        self._counter = 0
        self._pending = bytearray()
        out.write(header)

    def write(self, data):
        self._pending += data
        # Strictly more than a chunk: the last chunk (even an empty one) is sealed by close().
        while len(self._pending) > CHUNK:
            self._seal(bytes(self._pending[:CHUNK]), last=False)
            del self._pending[:CHUNK]

    def close(self):
        self._seal(bytes(self._pending), last=True)
        self._pending.clear()

    def _seal(self, chunk, last):
        nonce = _nonce(self._counter, last)
        self._out.write(self._cipher.encrypt(nonce, chunk, self._associated))
        self._counter += 1


def decrypted_chunks(key, name, source):
    """Yield the plain content of the encrypted binary file ``source``, chunk by chunk.

    Raises WrongKeyError or DamagedFileError; a chunk is yielded only once it is proven
    intact, but a file is proven whole only when the generator ends.
    """
    header = source.read(HEADER_BYTES)
    if len(header) != HEADER_BYTES or not header.startswith(MAGIC):
        raise DamagedFileError(name)
    if header[len(MAGIC) : len(MAGIC) + KEY_ID_BYTES] != key_id(key):
        raise WrongKeyError(name)
    cipher = AESGCM(_derive(key, b"cus-encryption file", KEY_BYTES, header[-SALT_BYTES:]))
    associated = header + name.encode("utf-8")
    counter = 0
    sealed = source.read(CHUNK + TAG_BYTES)
    while True:
        following = source.read(CHUNK + TAG_BYTES)
        last = not following
        try:
            plain = cipher.decrypt(_nonce(counter, last), sealed, associated)
        except InvalidTag as error:
            raise DamagedFileError(name) from error
        yield plain
        if last:
            return
        sealed, counter = following, counter + 1
