"""Capture files read from disk: which kind each is, within what size, and what went wrong.

Captures come from anywhere and are untrusted. Every way of reading one is bounded: a file larger
than :data:`MAX_FILE_BYTES` is refused before it is read, gzip is inflated in steps and stopped
past :data:`MAX_PAGE_BYTES` (a 10 kB "gzip bomb" can inflate to gigabytes), a WARC record is read
up to the same bound. Whatever cannot be read becomes a :class:`ConversionError` naming the file,
the line where that means something, what is wrong and what to do: never a traceback.

Kinds: a plain-text capture (``.txt``, UTF-8, as a reader's "select all, copy" gives it), a saved
HTML page (``.html``, ``.htm``, either gzipped), or a WARC file (``.warc``, ``.warc.gz``; needs
the optional ``warcio``), whose first HTML response is the page.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from pathlib import Path

#: The largest capture file read at all (a saved news page is rarely over 2 MB).
MAX_FILE_BYTES = 32 * 1024 * 1024
#: The largest page accepted once decompressed.
MAX_PAGE_BYTES = 16 * 1024 * 1024

_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_TEXT_SUFFIXES = (".txt", ".text", "")
_HTML_START = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<!--)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)


class ConversionError(ValueError):
    """The capture cannot be converted; the message says where and why, and what to do."""


@dataclass(frozen=True)
class CaptureFile:
    """A capture as read: the file's bytes (the witness), its kind, and the page's bytes."""

    path: Path
    kind: str  # "text" or "html"
    witness: bytes  # the file exactly as given: what the edition stores
    page: bytes  # the page itself: the same bytes, or inflated, or a WARC record's payload
    url: str | None = None  # from a WARC record's header


def read_capture_file(path: Path) -> CaptureFile:
    """Read a capture of any supported kind, within the size limits."""
    try:
        size = path.stat().st_size
    except OSError as err:
        raise ConversionError(f"{path}: cannot read the capture ({err.strerror}).") from None
    if size > MAX_FILE_BYTES:
        raise ConversionError(
            f"{path}: the file is {size // 2**20} MiB, over the {MAX_FILE_BYTES // 2**20} MiB a "
            "capture may have; save just the article's page."
        )
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ConversionError(f"{path}: cannot read the capture ({err.strerror}).") from None
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    gzipped = data[:2] == b"\x1f\x8b"
    if ".warc" in suffixes:
        page, url = _warc_page(path, data)
        return CaptureFile(path, "html", data, page, url)
    page = inflate(data, path) if gzipped else data
    inner = suffixes[-2] if gzipped and len(suffixes) == 2 else suffixes[-1] if suffixes else ""
    if inner in _HTML_SUFFIXES or (inner not in _TEXT_SUFFIXES[:2] and _HTML_START.match(page)):
        return CaptureFile(path, "html", data, page)
    if inner in _TEXT_SUFFIXES:
        return CaptureFile(path, "text", data, page)
    raise ConversionError(
        f"{path}: a capture is a text file (.txt), a saved page (.html, .html.gz) or a WARC "
        f"file (.warc, .warc.gz); rename the file if it is one of these."
    )


def inflate(data: bytes, source: Path | str, limit: int = MAX_PAGE_BYTES) -> bytes:
    """Inflate gzip data (all members), refusing to grow past ``limit`` bytes."""
    out = bytearray()
    rest = data
    try:
        while rest:
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            chunk = rest
            while chunk and not inflater.eof:
                out += inflater.decompress(chunk, limit + 1 - len(out))
                if len(out) > limit:
                    raise ConversionError(
                        f"{source}: decompresses to more than {limit // 2**20} MiB, more than "
                        "any saved page; it is not a capture this tool reads."
                    )
                chunk = inflater.unconsumed_tail
            if not inflater.eof:
                raise ConversionError(
                    f"{source}: the gzip data is cut short; save or download the page again."
                )
            rest = inflater.unused_data.lstrip(b"\x00")
    except zlib.error as err:
        raise ConversionError(
            f"{source}: not valid gzip data ({err}); save the page again, or give the .html."
        ) from None
    return bytes(out)


def _warc_page(path: Path, data: bytes) -> tuple[bytes, str | None]:
    """The payload of the first HTML response (or resource) record of a WARC file."""
    try:
        import io

        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        raise ConversionError(
            f"{path}: reading WARC files needs the optional package warcio; install it "
            "(pip install warcio) or save the page as .html."
        ) from None
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type not in {"response", "resource"}:
                continue
            headers = record.http_headers
            mime = (headers.get_header("Content-Type") if headers else None) or (
                record.rec_headers.get_header("Content-Type") or ""
            )
            if "html" not in mime.lower():
                continue
            payload = record.content_stream().read(MAX_PAGE_BYTES + 1)
            if len(payload) > MAX_PAGE_BYTES:
                raise ConversionError(
                    f"{path}: the page in the WARC file is over {MAX_PAGE_BYTES // 2**20} MiB; "
                    "it is not a capture this tool reads."
                )
            return payload, record.rec_headers.get_header("WARC-Target-URI")
    except ConversionError:
        raise
    except Exception as err:  # warcio raises many kinds on damaged archives
        raise ConversionError(
            f"{path}: not a readable WARC file ({type(err).__name__}: {err})."
        ) from None
    raise ConversionError(
        f"{path}: the WARC file holds no HTML page (no response record of type text/html)."
    )


def decode_text(data: bytes, source: Path | str) -> str:
    """A text capture's characters: strict UTF-8, the error located by line and byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise ConversionError(
            f"{source}:{line}: byte {err.start} (0x{data[err.start]:02x}) is not valid UTF-8; "
            "save the capture as UTF-8."
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise ConversionError(f"{source}:{line}: contains a NUL byte; is it really a text capture?")
    return text.removeprefix("\ufeff")


def decode_html(data: bytes) -> str:
    """A page's characters: UTF-8 if it is, else the charset its ``<meta>`` names, else
    Windows-1252 (what browsers assume); undecodable bytes become U+FFFD, never an error.

    The rule is fixed so that the witness text can be derived again from the stored witness.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = _META_CHARSET.search(data[:4096])
    if match:
        try:
            return data.decode(match.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    return data.decode("cp1252", errors="replace")
