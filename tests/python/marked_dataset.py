"""A dataset whose every row's own text names the row: every name, every centre's functions
and an extra text column ``note`` of every table with ids carry ``⟦table:id⟧``. A scan for
markers then finds any text of a row in any output (the leak tests of scoped views). Kinds,
levels, categories and roles stay as they are: shared vocabularies, not a row's own text."""

import csv
import os
import re

ID_TABLES = ("orgs", "grids", "units", "members", "staff", "needs", "resources", "centres",
             "events")
#: A marker in any text: groups (table, id).
MARKER = re.compile("⟦([a-z]+):([^⟧]*)⟧")


def mark(value, table, ident):
    return "%s⟦%s:%s⟧" % (value, table, ident)


def marked_copy(source, folder, personal=None):
    """Copies the dataset folder ``source`` to ``folder`` with every row's text marked; with
    ``personal``, the manifest's ``personal`` key set to it."""
    os.makedirs(folder)
    for name in sorted(os.listdir(source)):
        if not name.endswith(".csv"):
            continue
        with open(os.path.join(source, name), encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        table = name[:-4]
        header = rows[0]
        if table == "manifest" and personal:
            rows = [r for r in rows if r[0] != "personal"] + [["personal", personal]]
        elif table in ID_TABLES:
            header.append("note")
            for row in rows[1:]:
                ident = row[0]
                row.append(mark("note", table, ident))
                if "name" in header:
                    i = header.index("name")
                    row[i] = mark(row[i], table, ident)
                if table == "centres":
                    i = header.index("functions")
                    row[i] = "%s;%s" % (row[i], mark("function", table, ident))
        with open(os.path.join(folder, name), "w", encoding="utf-8", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows(rows)
    return folder


def outside_markers(text, view_ids):
    """The markers in ``text`` of rows that ``view_ids`` (table -> set of ids) lacks."""
    return sorted({"%s:%s" % (t, i) for t, i in MARKER.findall(text)
                   if i not in view_ids.get(t, ())})
