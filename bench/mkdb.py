#!/usr/bin/python3
"""Fill a duban database with N open actions spread over the coming months.

Usage: mkdb.py DATABASE N [RULE]
The database must have been created by dubanctl init. 21 departments, one
case per 10 actions, actions notified in the last two days under RULE
(default department-response), with their deadline and first event as
dubanctl would compute them for a one-week rule.
"""
import random
import sqlite3
import sys
import time

db, n = sys.argv[1], int(sys.argv[2])
rule = sys.argv[3] if len(sys.argv) > 3 else "department-response"
c = sqlite3.connect(db)
c.execute("PRAGMA journal_mode = WAL")
c.execute("PRAGMA synchronous = OFF")
now = int(time.time() * 1000)
day = 86400000
rnd = random.Random(42)
c.executemany("INSERT INTO departments (code, name, head, email) VALUES (?, ?, ?, ?)",
              [("d%02d" % i, "部门%d" % i, "负责人%d" % i, "d%02d@example.gov.cn" % i)
               for i in range(21)])
ncases = max(1, n // 10)
c.executemany("INSERT INTO cases (number, title, category, received_at) VALUES (?, ?, ?, ?)",
              (("B%07d" % i, "案件%d" % i, 1 + i % 9, now) for i in range(ncases)))


def rows():
    for i in range(n):
        notified = now - rnd.randrange(2 * day)
        due = notified + 7 * day
        yield (1 + i % ncases, 1 + i % 21, "handling", notified, rule, due,
               due - 2 * day, now)


c.executemany("INSERT INTO actions (case_id, dept_id, step, notified_at, rule, due_at,"
              " next_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows())
c.commit()
