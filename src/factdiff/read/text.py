"""Bytes to text, and plain-text reports to drafts.

Decoding order: a byte-order mark decides (UTF-8, UTF-16); otherwise strict UTF-8; otherwise a
legacy non-Latin code page when the bytes look like one (charset-normalizer guesses which);
otherwise Windows-1252, the encoding of most non-UTF-8 text on the web (latin-1 where cp1252 has
holes).
Whatever mojibake survives is repaired later by ftfy in normalisation.
"""

from __future__ import annotations

import codecs

from factdiff.errors import Skipped
from factdiff.normalise import Draft, split_header

__all__ = ["binary_reason", "decode", "detect_encoding", "read_text"]

#: How much of a file is looked at to tell text from binary and to choose an encoding.
SNIFF_BYTES = 64 * 1024
#: Share of control characters above which a file is binary. Text has next to none; 10 percent
#: leaves room for a few stray form feeds or escape codes in scraped text.
MAX_CONTROL_SHARE = 0.10
#: Share of letters written as high bytes above which 8-bit text is taken to be in a non-Latin
#: script: a few percent in French or German, most of them in Russian, Greek or Chinese.
NON_LATIN_HIGH_SHARE = 0.3
_CONTROLS = bytes(b for b in range(32) if b not in b"\t\n\r\f\b\x1b")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def binary_reason(head: bytes) -> str | None:
    """'binary' when the first bytes of a file are not text, else None."""
    if head.startswith(_UTF16_BOMS):
        return None
    if b"\x00" in head:
        return "binary"
    sample = head[:SNIFF_BYTES]
    controls = len(sample) - len(sample.translate(None, _CONTROLS))
    if sample and controls / len(sample) > MAX_CONTROL_SHARE:
        return "binary"
    return None


def detect_encoding(head: bytes) -> str:
    """The codec to read a file with, judged from its first bytes."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith(_UTF16_BOMS):
        return "utf-16"
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=False)  # a character cut at the end of the sample is not an error
    except UnicodeDecodeError:
        return _legacy_non_latin(head) or "cp1252"
    return "utf-8"


def decode(data: bytes) -> str:
    """The text of ``data``: BOM, else strict UTF-8, else Windows-1252, else latin-1."""
    encoding = detect_encoding(data[:SNIFF_BYTES])
    if encoding == "utf-8":
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:  # valid at the head, broken further on
            encoding = "cp1252"
    if encoding == "cp1252":
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:  # bytes cp1252 leaves undefined (0x81, 0x8D, ...)
            return data.decode("latin-1")
    return data.decode(encoding, errors="replace")


def _legacy_non_latin(data: bytes) -> str | None:
    """The encoding of text in a legacy non-Latin code page (KOI8-R, cp1251, GBK, Shift JIS), if it is one.

    In Western European text most letters are ASCII and accented ones are few, so a sample whose
    letters are mostly high bytes is in another script. Only then is charset-normalizer asked:
    on Western text it often prefers a wrong cousin of cp1252 (cp775, cp1250).
    """
    sample = data[:SNIFF_BYTES]
    letters = sum(1 for byte in sample if byte >= 0x80 or chr(byte).isalpha())
    high = sum(1 for byte in sample if byte >= 0x80)
    if not letters or high / letters < NON_LATIN_HIGH_SHARE:
        return None
    import charset_normalizer

    # Rank by coherence (how much the decoded text looks like a language) less chaos: the
    # library's own best() can prefer a chaos-free but meaningless decoding (cp932 for KOI8-R).
    guesses = list(charset_normalizer.from_bytes(sample))
    if not guesses:
        return None
    return str(max(guesses, key=lambda g: g.coherence - g.chaos).encoding)


def read_text(text: str, label: str, file: str | None) -> Draft | Skipped:
    """A plain-text report: title line, optional Source:/Published: header, body."""
    if not text.strip():
        return Skipped(label, "empty", "no text in it")
    header, body = split_header(text)
    return Draft(
        body=body,
        input=label,
        title=header.title,
        file=file,
        url=header.url,
        outlet=header.outlet,
        domain=header.domain,
        published=header.published,
        language=header.extra.get("language") or None,
        kind=header.extra.get("kind") or "news",
    )
