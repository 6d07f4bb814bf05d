"""Plain-text tables that line up with Chinese text (wide characters take two columns), and
the rules that keep hostile text inert: escaped for people, neutralised for spreadsheets,
escaped or replaced where a file format cannot carry it (docs/output.md, "Hostile text")."""

from __future__ import annotations

import re
import unicodedata

from . import OUTSIDE  # the applications use the binding's public names only

__all__ = ["width", "pad", "table", "number", "cell", "json_value",
           "for_people", "PeopleText", "spreadsheet_text", "SPREADSHEET_TRIGGERS",
           "xlsx_text", "xml_text", "json_default", "name_lookup"]

# Characters a terminal acts on or that reorder what is shown: C0 and C1 controls, DEL, and
# the bidirectional marks, embeddings, overrides and isolates (Trojan Source, CVE-2021-42574).
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROLS_BUT_NEWLINE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escaped(match) -> str:
    c = ord(match.group(0))
    return "\\x%02x" % c if c < 0x100 else "\\u%04x" % c


def for_people(text: str, keep_newlines: bool = False) -> str:
    """``text`` with every control character and bidirectional control written as an escape
    (``\\x1b``, ``\\u202e``), so that no name can move the cursor, set a terminal's title,
    ring, reach its clipboard or reorder a line; ``keep_newlines`` keeps line feeds (for
    whole outputs, whose lines are the output's own)."""
    pattern = _CONTROLS_BUT_NEWLINE if keep_newlines else _CONTROLS
    return pattern.sub(_escaped, text)


class PeopleText:
    """A text stream for people (a terminal, or a file of tables): what is written goes on
    with its control characters escaped (line feeds kept). Everything else is the stream's."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(for_people(text, keep_newlines=True))
        return len(text)

    def __getattr__(self, name):
        return getattr(self._stream, name)


#: First characters that make a spreadsheet evaluate a cell as a formula (OWASP, CSV injection).
SPREADSHEET_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value):
    """A text value for a spreadsheet: text starting with a formula trigger gets a leading
    ``'``, so that the spreadsheet shows it as text; other values are returned as they are."""
    if isinstance(value, str) and value.startswith(SPREADSHEET_TRIGGERS):
        return "'" + value
    return value


# XML 1.0 cannot carry these, not even as character references.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_OOXML_ESCAPE_LOOKALIKE = re.compile("_(x[0-9A-Fa-f]{4}_)")


def xlsx_text(text: str) -> str:
    """Text for an xlsx cell: characters XML cannot carry as OOXML's ``_xHHHH_`` escape, and
    a literal ``_xHHHH_`` with its underscore escaped (``_x005F_``), so that a spreadsheet
    reads back exactly ``text``."""
    text = _OOXML_ESCAPE_LOOKALIKE.sub("_x005F_\\1", text)
    return _XML_ILLEGAL.sub(lambda m: "_x%04X_" % ord(m.group(0)), text)


def xml_text(text: str):
    """(text, replaced): ``text`` with the characters XML 1.0 cannot carry replaced by U+FFFD,
    and how many were replaced."""
    replaced = len(_XML_ILLEGAL.findall(text))
    return (_XML_ILLEGAL.sub("\ufffd", text) if replaced else text), replaced


def width(text: str) -> int:
    """Display width: East Asian wide and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, size: int, right: bool = False) -> str:
    """``text`` padded with spaces to display width ``size``."""
    fill = " " * max(0, size - width(text))
    return fill + text if right else text + fill


def number(value) -> str:
    """1234567 -> '1,234,567'; floats with one decimal; None -> '-'."""
    if value is None:
        return "-"
    if isinstance(value, float):
        return "{:,.1f}".format(value)
    return "{:,}".format(value)


def table(headers, rows, numeric=None, indent: str = "  ") -> str:
    """An aligned table; columns listed in ``numeric`` (indexes) are right-aligned."""
    numeric = set(numeric or ())
    cells = [[for_people(str(h)) for h in headers]] + [
        [number(c) if isinstance(c, (int, float)) or c is None else for_people(str(c))
         for c in row] for row in rows]
    sizes = [max(width(row[i]) for row in cells) for i in range(len(headers))]
    lines = []
    for n, row in enumerate(cells):
        lines.append(indent + "  ".join(pad(c, sizes[i], i in numeric)
                                        for i, c in enumerate(row)).rstrip())
        if n == 0:
            lines.append(indent + "  ".join("-" * s for s in sizes))
    return "\n".join(lines)


def cell(value) -> str:
    """A CSV cell under the share convention (docs/output.md): a float with the shortest digits
    that read back to the same double (``repr``), nothing for None and NaN (a share over
    nothing), booleans as 1 and 0, a row outside a scoped view as "(outside the scope)",
    everything else as ``str``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return "" if value != value else repr(value)
    return str(value)


def json_value(value):
    """A value for JSON or a spreadsheet: NaN (a share over nothing) becomes None (null; json
    would write the invalid NaN), a row outside a scoped view "(outside the scope)", everything
    else stays."""
    if value is OUTSIDE:
        return str(value)
    return None if isinstance(value, float) and value != value else value


def json_default(value):
    """``default=`` for json.dump: a row outside a scoped view as "(outside the scope)", NaN
    cannot reach here (json writes it), anything else is the usual TypeError."""
    if value is OUTSIDE:
        return str(value)
    raise TypeError("Object of type %s is not JSON serializable" % type(value).__name__)


def name_lookup(table, outside: str = ""):
    """A function from a row's id to its name in ``table`` (a Table with a name column): ""
    for an empty name or None, ``outside`` for orgnet.OUTSIDE (a row outside a view)."""
    index, names = table.index, table.column("name")

    def name(ident) -> str:
        if ident is OUTSIDE:
            return outside
        if ident is None:
            return ""
        return names[index(ident)] or ""
    return name
