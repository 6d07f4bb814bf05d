"""``orgnet coverage``: coverage figures rolled up along either tree."""

from __future__ import annotations

from . import _common as common


def register(sub) -> None:
    """Adds the command's parser to ``sub``."""
    p = sub.add_parser("coverage", help="coverage figures rolled up along either tree")
    common.add_dataset(p)
    p.add_argument("--by", choices=common.ROLLUPS_WIDEST_FIRST, default="street",
                   help="the roll-up level (default street)")
    p.add_argument("--as-of", type=common.date_text, help="the date the date rules count from (default: as_of)")
    common.add_format(p)
    p.set_defaults(run=run)


def run(args) -> int:
    """Coverage figures per grid, community, street, district or organization subtree."""
    from ..coverage import COUNTERS, RATES, coverage
    net = common.open_dataset(args.dataset, args.view, args.mapping)
    if net is None:
        return 1
    with net, coverage(net, as_of=common.as_of(args.as_of)) as cov:
        common.say_date_used("coverage", net, args.as_of, "date rules counted as of", cov.as_of)
        cols = cov.columns(args.by)
        headers = (["id", "name"] + list(COUNTERS) + list(RATES)) if args.format != "table" \
            else common.COVERAGE_COLUMNS
        rows = list(zip(*(cols[h] for h in headers)))
        if args.format == "table":
            print("coverage by %s, as of %s (%d rows; rates over counted units: %s)" % (
                args.by, cov.as_of, len(rows), ", ".join(cov.rules.counted_unit_kinds)))
        common.emit(rows, headers, set(range(2, len(headers))), args.format)
    return 0
