"""``orgnet match``: needs-resources matching (maximum total)."""

from __future__ import annotations

import sys

from .._format import json_default, number
from .._format import name_lookup
from ..cobuild import SCOPES
from ..errors import Error
from . import _common as common


def register(sub) -> None:
    """Adds the command's parser to ``sub``."""
    p = sub.add_parser("match", help="needs-resources matching (maximum total)")
    common.add_dataset(p)
    p.add_argument("--scope", choices=SCOPES, default="either",
                   help="who may serve whom: linked orgs, the same street, or either (default)")
    p.add_argument("--on", type=common.link_date, help="links active on this date count as linked (YYYY-MM-DD; "
                   "default: the dataset's as_of; 'all': every link)")
    p.add_argument("--kind", action="append", help="only links of this kind count (repeatable)")
    common.add_format(p)
    p.add_argument("--limit", type=common.count, help="allocation rows to show in the table (default 20)")
    p.set_defaults(run=run)


def run(args) -> int:
    """Needs–resources matching: the allocation, totals and unmet needs."""
    import json
    from ..cobuild import links, match
    net = common.open_dataset(args.dataset, args.view, args.mapping)
    if net is None:
        return 1
    try:
        m = match(net, scope=args.scope, on=args.on, kinds=args.kind)
        with links(net, on=args.on, kinds=args.kind) as resolved:
            common.say_date_used("match", net, args.on, "links active on", resolved.on)
            args.on_resolved = resolved.on
    except Error as e:
        print(str(e), file=sys.stderr)
        return 2
    with net, m:
        rows = m.allocations()
        org_name = name_lookup(net.orgs)
        total, needed, offered = m.total, m.needed, m.offered
        if args.format == "json":
            json.dump({"scope": args.scope, "total": total, "needed": needed, "offered": offered,
                       "allocations": [a.__dict__ for a in rows],
                       "unmet_needs": [{"need": n, "missing": k} for n, k in m.unmet_needs()],
                       "unused_resources": [{"resource": r, "left": k}
                                            for r, k in m.unused_resources()]},
                      sys.stdout, ensure_ascii=False, default=json_default, indent=1)
            sys.stdout.write("\n")
            return 0
        headers = ["need", "need_org", "need_org_name", "resource", "resource_org",
                   "resource_org_name", "category", "amount"]
        out = [(a.need, a.need_org, org_name(a.need_org), a.resource, a.resource_org,
                org_name(a.resource_org), a.category, a.amount) for a in rows]
        if args.format == "csv":
            common.emit(out, headers, [7], "csv")
            return 0
        print("needs-resources matching (scope %s; links: %s)" % (args.scope, common.link_scope(args)))
        print("  matched %s of %s needed (%.1f%%); %s offered; %s allocation rows" % (
            number(total), number(needed), 100 * total / needed if needed else 0,
            number(offered), number(len(rows))))
        limit = args.limit if args.limit is not None else 20
        print()
        common.emit([(a.need, org_name(a.need_org), a.resource, org_name(a.resource_org), a.category,
                a.amount) for a in rows[:limit]],
              ["need", "needed by", "resource", "offered by", "category", "amount"], [5],
              "table")
        if len(rows) > limit:
            print("  ... %s more (--limit N, or --format csv for all)" % number(len(rows) - limit))
        unmet = {}
        category = net.needs.column("category")
        for need, missing in m.unmet_needs():
            key = category[net.needs.index(need)]
            unmet[key] = unmet.get(key, 0) + missing
        if unmet:
            print()
            print("unmet by category:")
            common.emit(sorted(unmet.items(), key=lambda kv: -kv[1]), ["category", "missing"], [1],
                  "table")
    return 0
