"""Office files are zips of XML parts: a small zip writer that takes parts already compressed.

A .docx carries some 800 KB of styles every document shares; deflating them again for each of
thousands of documents would cost more than the rest of the document. :func:`deflated` compresses
a part once; :func:`zip_bytes` writes parts, compressed or not, as one zip (UTF-8 names, DEFLATE),
which ``zipfile``, Word and LibreOffice read like any other.

>>> import io, zipfile
>>> shared = deflated("word/styles.xml", b"<w:styles/>" * 100)
>>> data = zip_bytes([shared, ("word/document.xml", "<w:document/>".encode())])
>>> z = zipfile.ZipFile(io.BytesIO(data)); z.testzip(), z.read("word/styles.xml")[:11], z.namelist()
(None, b'<w:styles/>', ['word/styles.xml', 'word/document.xml'])
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Deflated", "deflated", "zip_bytes"]

_DOS_DATE = (0, 33)  # 00:00:00 on 1980-01-01, the zip epoch: the same input gives the same bytes
_UTF8 = 0x0800


@dataclass(frozen=True, slots=True)
class Deflated:
    """One part, compressed once: its name, CRC-32, size and raw DEFLATE stream."""

    name: str
    crc: int
    size: int
    data: bytes


def deflated(name: str, data: bytes) -> Deflated:
    """The part ``name`` compressed (raw DEFLATE, level 6 as ``zipfile``)."""
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return Deflated(name, zlib.crc32(data), len(data), c.compress(data) + c.flush())


def zip_bytes(parts: Iterable[Deflated | tuple[str, bytes]]) -> bytes:
    """A zip of the parts, in order; a (name, bytes) part is compressed here."""
    out = bytearray()
    central = bytearray()
    count = 0
    for part in parts:
        if not isinstance(part, Deflated):
            part = deflated(*part)
        name = part.name.encode("utf-8")
        offset = len(out)
        sizes = (part.crc, len(part.data), part.size)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, _UTF8, 8, *_DOS_DATE, *sizes, len(name), 0)
        out += name + part.data
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, _UTF8, 8, *_DOS_DATE, *sizes, len(name), 0, 0, 0, 0, 0, offset
        )
        central += name
        count += 1
    start = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central), start, 0)
    return bytes(out)
