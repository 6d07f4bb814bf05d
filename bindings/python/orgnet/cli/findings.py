"""``orgnet findings``: the findings of the coverage rules."""

from __future__ import annotations

import sys

from ..errors import Error
from . import _common as common


def register(sub) -> None:
    """Adds the command's parser to ``sub``."""
    p = sub.add_parser("findings", help="the findings of the coverage rules")
    common.add_dataset(p)
    p.add_argument("--rule", help="only this rule's findings (a rule code)")
    p.add_argument("--as-of", type=common.date_text, help="the date the date rules count from (default: as_of)")
    common.add_format(p)
    p.add_argument("--limit", type=common.count, help="at most this many findings")
    p.set_defaults(run=run)


def run(args) -> int:
    """The findings of the coverage rules, one per line (or CSV / JSON)."""
    from ..coverage import RULES, coverage
    net = common.open_dataset(args.dataset, args.view, args.mapping)
    if net is None:
        return 1
    with net, coverage(net, as_of=common.as_of(args.as_of)) as cov:
        common.say_date_used("findings", net, args.as_of, "date rules counted as of", cov.as_of)
        try:
            found = cov.findings(args.rule)
        except Error as e:
            print("%s; rules: %s" % (e, ", ".join(r.code for r in RULES)), file=sys.stderr)
            return 2
        if args.limit is not None:
            found = found[:args.limit]
        headers = ["rule", "table", "id", "value", "limit", "message"]
        rows = [(f.rule, f.table, f.id, f.value, f.limit, f.message) for f in found]
        if args.format == "table":
            counts = cov.finding_counts()
            print("findings as of %s:" % cov.as_of)
            common.emit([(r.code, counts[r.code] if cov.ran(r.code) else "not run",
                    cov.skipped(r.code) or "", r.source) for r in RULES
                   if args.rule in (None, r.code)],
                  ["rule", "findings", "skipped (no date)", "source"], [1, 2], "table")
            print()
            for f in found:
                print("  [%s] %s" % (f.rule, f.message))
        else:
            common.emit(rows, headers, [3, 4], args.format)
    return 0
