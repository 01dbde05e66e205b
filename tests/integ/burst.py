#!/usr/bin/python3
"""Fill a database made by dubanctl init with a burst: N actions of one
case, spread over DEPTS departments, all under RULE (their step too), due
OFFSET_MS from now (or spread evenly over the next SPREAD_MS after that),
notified 2 s before. The deadlines are set last, so that a slow insert does
not let them pass before the daemon is up. Prints the first deadline (ms).

Usage: burst.py DATABASE N OFFSET_MS DEPTS RULE [SPREAD_MS]
"""
import sqlite3
import subprocess
import sys
import time

db, n, offset, depts, rule = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), \
    int(sys.argv[4]), sys.argv[5]
spread = int(sys.argv[6]) if len(sys.argv) > 6 else 0
if db.startswith("postgres"):
    # PostgreSQL (a libpq URI): the same rows, written by the server itself
    sql = """
INSERT INTO departments (code, name, head, email)
  SELECT 'd' || i, '部门' || i, '负责人' || i, 'd' || i || '@example.gov.cn'
  FROM generate_series(0, {depts} - 1) i;
INSERT INTO cases (number, title, received_at) VALUES ('C', '压力测试', 0);
INSERT INTO actions (case_id, dept_id, step, notified_at, rule, due_at, next_at, created_at)
  SELECT (SELECT id FROM cases WHERE number = 'C'),
         (SELECT id FROM departments WHERE code = 'd' || (i % {depts})),
         '{rule}', 0, '{rule}', i * {spread} / greatest({n}, 1), 0, 0
  FROM generate_series(0, {n} - 1) i;
""".format(depts=depts, rule=rule.replace("'", "''"), spread=spread, n=n)
    subprocess.run(["psql", "-Xq", "-v", "ON_ERROR_STOP=1", db, "-c", sql], check=True,
                   stdout=subprocess.DEVNULL)
    due = int(time.time() * 1000) + offset
    subprocess.run(["psql", "-Xq", "-v", "ON_ERROR_STOP=1", db, "-c",
                    "UPDATE actions SET due_at = {d} + due_at, next_at = {d} + due_at,"
                    " notified_at = {d} - 2000, created_at = {d} - 2000".format(d=due)],
                   check=True, stdout=subprocess.DEVNULL)
    print(due)
    sys.exit(0)
c = sqlite3.connect(db)
c.executemany("INSERT INTO departments (code, name, head, email) VALUES (?, ?, ?, ?)",
              [("d%d" % i, "部门%d" % i, "负责人%d" % i, "d%d@example.gov.cn" % i)
               for i in range(depts)])
c.execute("INSERT INTO cases (number, title, received_at) VALUES ('C', '压力测试', 0)")
c.executemany("INSERT INTO actions (case_id, dept_id, step, notified_at, rule, due_at, next_at,"
              " created_at) VALUES (1, ?, ?, 0, ?, ?, 0, 0)",
              ((1 + i % depts, rule, rule, i * spread // max(n, 1)) for i in range(n)))
due = int(time.time() * 1000) + offset
c.execute("UPDATE actions SET due_at = ? + due_at, next_at = ? + due_at,"
          " notified_at = ? - 2000, created_at = ? - 2000", (due, due, due, due))
c.commit()
print(due)
