"""Fills a database with a dataset folder, as an application's tables would hold it: one table
per dataset table with typed columns (ids and text as text, dates as date, integers as bigint,
coordinates as double precision, flags as boolean), NULL for empty cells, rows in file order.

    python3 tests/database/fill.py DATASET URI [--schema S] [--psql PATH]

The column types come from the library's description of the dataset (Table.column_type);
the rows are copied by psql's \\copy from the CSV files themselves."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

import orgnet

SQL_TYPES = {"id": "text", "text": "text", "ref": "text", "status": "text", "date": "date",
             "integer": "bigint", "real": "double precision", "flag": "boolean"}


def quoted(name: str) -> str:
    return '"%s"' % name.replace('"', '""')


def script(dataset: str, schema: str, keys: bool = False) -> str:
    """The SQL (with psql's \\copy) that creates and fills every present table; ``keys``: a
    primary key on each id column and REPLICA IDENTITY FULL on the tables without one (what a
    follower needs)."""
    lines = ["\\set ON_ERROR_STOP on", "BEGIN;",
             "CREATE SCHEMA IF NOT EXISTS %s;" % quoted(schema)]
    with orgnet.load(dataset) as net:
        for name in orgnet.TABLES:
            table = net.table(name)
            if not table.present:
                continue
            path = os.path.join(dataset, name + ".csv")
            with open(path, encoding="utf-8-sig") as f:
                header = f.readline().rstrip("\r\n").split(",")
            columns = []
            for column in header:
                kind = table.column_type(column) if column in table.columns else "text"
                columns.append("%s %s" % (quoted(column), SQL_TYPES[kind]))
            target = "%s.%s" % (quoted(schema), quoted(name))
            if keys and "id" in header:
                columns[header.index("id")] += " PRIMARY KEY"
            lines.append("CREATE TABLE %s (%s);" % (target, ", ".join(columns)))
            if keys and "id" not in header:
                lines.append("ALTER TABLE %s REPLICA IDENTITY FULL;" % target)
            lines.append("\\copy %s (%s) FROM '%s' WITH (FORMAT csv, HEADER true)" % (
                target, ", ".join(quoted(c) for c in header), path.replace("'", "''")))
        manifest = os.path.join(dataset, "manifest.csv")
        if os.path.exists(manifest):
            target = "%s.manifest" % quoted(schema)
            lines.append("CREATE TABLE %s (key text PRIMARY KEY, value text);" % target)
            lines.append("\\copy %s FROM '%s' WITH (FORMAT csv, HEADER true)" % (
                target, manifest.replace("'", "''")))
    lines.append("COMMIT;")
    return "\n".join(lines) + "\n"


def fill(dataset: str, uri: str, schema: str = "public", psql: str = "psql",
         keys: bool = False) -> None:
    subprocess.run([psql, "-q", "-X", uri], input=script(dataset, schema, keys), text=True,
                   check=True, capture_output=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dataset")
    parser.add_argument("uri")
    parser.add_argument("--schema", default="public")
    parser.add_argument("--keys", action="store_true",
                        help="primary keys on the id columns, REPLICA IDENTITY FULL elsewhere")
    parser.add_argument("--psql", default=os.environ.get("ORGNET_TEST_PSQL", "psql"))
    args = parser.parse_args()
    try:
        fill(args.dataset, args.uri, args.schema, args.psql, args.keys)
    except subprocess.CalledProcessError as e:
        print("fill.py: psql failed: %s" % e.stderr.strip(), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
