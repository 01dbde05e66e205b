#!/usr/bin/python3
"""Fill a duban database with N open actions spread over the coming months.

Usage: mkdb.py DATABASE N [RULE]
The database must have been created by dubanctl init. 21 departments, one
case per 10 actions, actions notified in the last two days under RULE
(default department-response), with their deadline and first event as
dubanctl would compute them for a one-week rule. The rows are made by SQLite
itself (a recursive query), so that 10,000,000 take minutes, not hours.
"""
import sqlite3
import sys
import time

db, n = sys.argv[1], int(sys.argv[2])
rule = sys.argv[3] if len(sys.argv) > 3 else "department-response"
c = sqlite3.connect(db)
c.execute("PRAGMA journal_mode = WAL")
c.execute("PRAGMA synchronous = OFF")
c.execute("PRAGMA cache_size = -262144")
now = int(time.time() * 1000)
day = 86400000
c.executemany("INSERT INTO departments (code, name, head, email) VALUES (?, ?, ?, ?)",
              [("d%02d" % i, "部门%d" % i, "负责人%d" % i, "d%02d@example.gov.cn" % i)
               for i in range(21)])
ncases = max(1, n // 10)
c.execute("WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i + 1 < ?)"
          " INSERT INTO cases (number, title, category, received_at)"
          " SELECT printf('B%07d', i), '案件' || i, 1 + i % 9, ? FROM seq", (ncases, now))
# notified at a spread-out moment of the last two days (a multiplicative hash of i)
c.execute("WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i + 1 < ?)"
          " INSERT INTO actions (case_id, dept_id, step, notified_at, rule, due_at, next_at,"
          " created_at)"
          " SELECT 1 + i % ?, 1 + i % 21, 'handling', t, ?, t + 7 * ?, t + 5 * ?, ?"
          " FROM (SELECT i, ? - (i * 2654435761) % (2 * ?) AS t FROM seq)",
          (n, ncases, rule, day, day, now, now, day))
c.commit()
