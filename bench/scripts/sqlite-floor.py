#!/usr/bin/env python3
"""What SQLite alone can do with Earshot's schema: the floor under `earshot import`.

Copies the posts of an imported database into an empty, migrated one with INSERT ... SELECT, one transaction per
batch, so no parsing, binding or managed code is involved: only SQLite's B-trees, the WAL and the disk.

    python3 bench/scripts/sqlite-floor.py SOURCE.db EMPTY.db [--batch 5000] [--cache-mib 128] [--drop INDEX,...]

SOURCE.db: a database after `import` (e.g. `import-one FILE SOURCE.db earshot`); EMPTY.db: a freshly migrated
database, copied first so it is left as it was. Prints the seconds spent on authors and on posts.
"""
import argparse
import os
import shutil
import sqlite3
import tempfile
import time

parser = argparse.ArgumentParser()
parser.add_argument("source")
parser.add_argument("empty")
parser.add_argument("--batch", type=int, default=5000)
parser.add_argument("--cache-mib", type=int, default=128)
parser.add_argument("--drop", default="", help="indexes to drop first, comma-separated")
args = parser.parse_args()

target = os.path.join(tempfile.mkdtemp(prefix="earshot-floor-"), "floor.db")
shutil.copy(args.empty, target)
db = sqlite3.connect(target, isolation_level=None)
for pragma in ("journal_mode=WAL", "synchronous=NORMAL", f"cache_size=-{args.cache_mib * 1024}", "wal_autocheckpoint=100000"):
    db.execute("PRAGMA " + pragma)
for index in filter(None, args.drop.split(",")):
    db.execute("DROP INDEX " + index)
db.execute("ATTACH ? AS source", (args.source,))
for table in ("workspaces", "channels"):
    db.execute(f"INSERT OR IGNORE INTO main.{table} SELECT * FROM source.{table}")

started = time.monotonic()
db.execute("BEGIN IMMEDIATE")
db.execute("INSERT OR IGNORE INTO main.authors SELECT * FROM source.authors")
db.execute("COMMIT")
authors = time.monotonic() - started

last = db.execute("SELECT max(rowid) FROM source.posts").fetchone()[0] or 0
started = time.monotonic()
for low in range(0, last + 1, args.batch):
    db.execute("BEGIN IMMEDIATE")
    db.execute("INSERT OR IGNORE INTO main.posts SELECT * FROM source.posts WHERE rowid > ? AND rowid <= ?", (low, low + args.batch))
    db.execute("COMMIT")
posts = time.monotonic() - started
count = db.execute("SELECT count(*) FROM main.posts").fetchone()[0]
print(f"batch {args.batch}, dropped [{args.drop}]: authors {authors:.1f} s, {count:,} posts {posts:.1f} s ({count / posts:,.0f} posts/s)")
db.close()
shutil.rmtree(os.path.dirname(target))
