"""``orgnet diff``: what changed between two datasets: rows, coverage, findings."""

from __future__ import annotations

import sys

from .._format import json_default
from . import _common as common


def register(sub) -> None:
    """Adds the command's parser to ``sub``."""
    p = sub.add_parser("diff", help="what changed between two datasets: rows, coverage, findings")
    common.add_dataset(p, "old", "the earlier dataset (a folder, a snapshot file or a database)")
    common.add_dataset(p, "new", "the later dataset (a folder, a snapshot file or a database)",
                       mapping=False)
    p.add_argument("--format", choices=["table", "csv", "json"], default="table",
                   help="a table for people (default), CSV (one row per fact) or JSON")
    p.add_argument("--limit", type=common.count, default=20,
                   help="rows per list in the table (default 20)")
    p.set_defaults(run=run)


def diff_records(d, cov):
    """The diff as one long table (the CSV form, one row per fact): rows added, removed and
    changed per table; every table's counts; every rate and finding count per district and
    street (before, after, delta: shares as fractions, None over nothing); units that moved."""
    from ..diff import key_text
    records = []
    for t in d.tables():
        for name, value in (("added", len(t.added)), ("removed", len(t.removed)),
                            ("changed", len(t.changed)), ("unchanged", t.unchanged),
                            ("duplicates_before", t.duplicates_before),
                            ("duplicates_after", t.duplicates_after)):
            records.append(("tables", t.table, "", "", "count", "", name, None, value, None))
        for c in t.columns_added:
            records.append(("tables", t.table, "", "", "column_added", c, "", None, None, None))
        for c in t.columns_removed:
            records.append(("tables", t.table, "", "", "column_removed", c, "", None, None, None))
    for t in d.tables():
        for k in t.added:
            records.append(("rows", t.table, key_text(k), "", "added", "", "", None, None, None))
        for k in t.removed:
            records.append(("rows", t.table, key_text(k), "", "removed", "", "", None, None,
                            None))
        for ch in t.changed:
            records.append(("rows", t.table, key_text(ch.key), "", "changed",
                            ";".join(ch.columns), "", None, None, None))
    from ..coverage import RATES, RULES
    for p in cov.places:
        for rate in RATES:
            records.append(("coverage", p.level, p.id, p.name, "rate", "", rate, p.before[rate],
                            p.after[rate], p.delta(rate)))
        for r in RULES:
            records.append(("coverage", p.level, p.id, p.name, "findings", "", r.code,
                            p.findings_before[r.code], p.findings_after[r.code],
                            p.findings_delta(r.code)))
    for r in RULES:
        records.append(("coverage", "network", "", "", "findings", "", r.code,
                        cov.findings_before[r.code], cov.findings_after[r.code],
                        cov.findings_after[r.code] - cov.findings_before[r.code]))
    for m in cov.moved:
        records.append(("units", "units", m.id, "", "covered" if m.covered_now else "uncovered",
                        "", "coverage", m.before, m.after, None))
    return records


DIFF_HEADERS = ["section", "table", "id", "name", "change", "columns", "measure", "before",
                "after", "delta"]


def run(args) -> int:
    """What changed from OLD to NEW: rows per table, coverage per street and district."""
    import json
    from ..diff import diff, key_text
    old = common.open_dataset(args.old, args.view, args.mapping)
    if old is None:
        return 1
    new = common.open_dataset(args.new, args.view, args.mapping)
    if new is None:
        old.close()
        return 1
    with old, new, diff(old, new) as d:
        cov = d.coverage()
        print("orgnet diff: coverage as of %s (old) and %s (new)" % (cov.as_of_before,
                                                                   cov.as_of_after),
              file=sys.stderr)
        if args.format == "csv":
            common.emit(diff_records(d, cov), DIFF_HEADERS, [], "csv")
            return 0
        if args.format == "json":
            document = {
                "old": args.old, "new": args.new,
                "as_of": {"old": str(cov.as_of_before), "new": str(cov.as_of_after)},
                "tables": [{"table": t.table, "added": [key_text(k) for k in t.added],
                            "removed": [key_text(k) for k in t.removed],
                            "changed": [{"id": key_text(c.key), "columns": list(c.columns)}
                                        for c in t.changed],
                            "unchanged": t.unchanged,
                            "duplicates_before": t.duplicates_before,
                            "duplicates_after": t.duplicates_after,
                            "columns_added": list(t.columns_added),
                            "columns_removed": list(t.columns_removed)} for t in d.tables()],
                "places": [{"level": p.level, "id": p.id, "name": p.name,
                            "rates": {r: {"before": p.before[r], "after": p.after[r],
                                          "delta": p.delta(r)} for r in p.before},
                            "findings": {c: {"before": p.findings_before[c],
                                             "after": p.findings_after[c],
                                             "delta": p.findings_delta(c)}
                                         for c in p.findings_before}} for p in cov.places],
                "findings": {c: {"before": cov.findings_before[c], "after": cov.findings_after[c],
                                 "delta": cov.findings_after[c] - cov.findings_before[c]}
                             for c in cov.findings_before},
                "units_moved": [{"id": m.id, "before": m.before, "after": m.after}
                                for m in cov.moved]}
            json.dump(document, sys.stdout, ensure_ascii=False, default=json_default, indent=1)
            sys.stdout.write("\n")
            return 0
        print("what changed from %s to %s" % (args.old, args.new))
        print()
        common.emit([(t.table, len(t.added), len(t.removed), len(t.changed), t.unchanged,
                "%d/%d" % (t.duplicates_before, t.duplicates_after),
                ", ".join(["+" + c for c in t.columns_added] + ["-" + c for c in
                                                                 t.columns_removed]))
               for t in d.tables()],
              ["table", "added", "removed", "changed", "unchanged", "duplicates (old/new)",
               "columns"], [1, 2, 3, 4], "table")
        print()
        print("coverage by district and street (old -> new; as of %s and %s):" % (
            cov.as_of_before, cov.as_of_after))
        pct = lambda v: "-" if v is None else "%.1f%%" % (100 * v)
        pp = lambda v: "-" if v is None else ("±0.0 pp" if round(100 * v, 1) == 0
                                               else "%+.1f pp" % (100 * v))
        rows = []
        for p in cov.places:
            found_b = sum(p.findings_before.values())
            found_a = sum(p.findings_after.values())
            rows.append((p.level, p.id, p.name,
                         "%s -> %s" % (pct(p.before["org_coverage_rate"]),
                                       pct(p.after["org_coverage_rate"])),
                         pp(p.delta("org_coverage_rate")),
                         pp(p.delta("work_coverage_rate")),
                         pp(p.delta("member_registration_rate")),
                         "%d -> %d" % (found_b, found_a)))
        common.emit(rows, ["level", "id", "name", "org coverage", "change", "work cover change",
                     "registration change", "findings"], [4, 5, 6], "table")
        changed_rules = [(c, cov.findings_before[c], cov.findings_after[c])
                         for c in cov.findings_before
                         if cov.findings_before[c] != cov.findings_after[c]]
        print()
        print("findings by rule that changed (%d of %d rules):" % (len(changed_rules),
                                                                  len(cov.findings_before)))
        common.emit([(c, b, a, "%+d" % (a - b)) for c, b, a in changed_rules],
              ["rule", "old", "new", "change"], [1, 2, 3], "table")
        print()
        gained = sum(1 for m in cov.moved if m.covered_now)
        print("units that moved: %d became covered, %d lost coverage%s" % (
            gained, len(cov.moved) - gained,
            "" if len(cov.moved) <= args.limit else " (first %d shown; --format csv lists all)"
            % args.limit))
        for m in cov.moved[:args.limit]:
            print("  %s: %s -> %s" % (m.id, m.before, m.after))
        print()
        print("changed rows (first %d per table; --format csv lists all):" % args.limit)
        for t in d.tables():
            for c in t.changed[:args.limit]:
                print("  %s %s: %s" % (t.table, key_text(c.key), ", ".join(c.columns)))
    return 0
