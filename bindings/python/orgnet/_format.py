"""Plain-text tables that line up with Chinese text (wide characters take two columns)."""

from __future__ import annotations

import unicodedata

__all__ = ["width", "pad", "table", "number"]


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
    cells = [[str(h) for h in headers]] + [[number(c) if isinstance(c, (int, float)) or c is None
                                            else str(c) for c in row] for row in rows]
    sizes = [max(width(row[i]) for row in cells) for i in range(len(headers))]
    lines = []
    for n, row in enumerate(cells):
        lines.append(indent + "  ".join(pad(c, sizes[i], i in numeric)
                                        for i, c in enumerate(row)).rstrip())
        if n == 0:
            lines.append(indent + "  ".join("-" * s for s in sizes))
    return "\n".join(lines)
