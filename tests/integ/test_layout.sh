#!/bin/bash
# The code's rooms: no file in daemon/ over about 600 lines; the include
# graph has no cycle, nor the calls between files (scripts/circles, over
# nm); nothing in daemon/core includes from daemon/ or daemon/ctl (the
# shared code knows neither program); libev is used in loop.c only and SQL
# is written in daemon/core/store only, where alone the engine is known;
# every store and office function
# that can fail is declared so that ignoring its result does not build;
# dubanctl links no thread code.
. "$(dirname "$0")/lib.sh"

cd "$TOP" || exit 1
$PY - <<'PY' || fail "the layout"
import glob, os, re, sys
errors = []
files = glob.glob("daemon/**/*.[ch]", recursive=True) + glob.glob("include/duban/*.h")
for f in files:
    n = sum(1 for _ in open(f, encoding="utf-8"))
    if f.startswith("daemon/") and n > 620:
        errors.append("%s: %d lines" % (f, n))
def resolve(src, name):
    for d in (os.path.dirname(src), "include", "daemon"):
        p = os.path.normpath(os.path.join(d, name))
        if os.path.exists(p):
            return p
    return None
graph = {}
for f in files:
    text = open(f, encoding="utf-8").read()
    graph[f] = [resolve(f, m) for m in re.findall(r'^#include "([^"]+)"', text, re.M)]
    if None in graph[f]:
        errors.append("%s: an include that does not resolve" % f)
    if f.startswith("daemon/core/"):
        for dep in graph[f]:
            if dep and dep.startswith("daemon/") and not dep.startswith("daemon/core/"):
                errors.append("%s includes %s, outside the shared code" % (f, dep))
    if "<ev.h>" in text and f != "daemon/loop.c":
        errors.append("%s uses libev (loop.c only)" % f)
    if re.search(r'"(SELECT|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM) ', text) and \
            not f.startswith("daemon/core/store/"):
        errors.append("%s writes SQL (daemon/core/store only)" % f)
    # which engine it is, and the engines' own calls, are the store's business
    if not f.startswith("daemon/core/store/") and \
            re.search(r'store_path_is_pg|store_is_pg|\bsqlite3_\w+\(|\bPQ\w+\(|<sqlite3\.h>|<libpq-fe\.h>|"PRAGMA ', text):
        errors.append("%s asks which engine the store is, or speaks to one (daemon/core/store only)" % f)
# cycles among headers
state = {}
def visit(h, path):
    if state.get(h) == 1:
        errors.append("include cycle: " + " -> ".join(path + [h]))
        return
    if state.get(h) == 2:
        return
    state[h] = 1
    for d in graph.get(h, []):
        if d and d.endswith(".h"):
            visit(d, path + [h])
    state[h] = 2
for h in graph:
    if h.endswith(".h"):
        visit(h, [])
# a result that says it failed cannot be dropped (warn_unused_result, an error in CI)
for f, must in (("include/duban/store.h", "STORE_MUST"), ("include/duban/office.h", "OFFICE_MUST"),
                ("include/duban/evidence.h", "STORE_MUST")):
    for n, line in enumerate(open(f, encoding="utf-8"), 1):
        m = re.match(r'^(?:(\w+) )?(int|int64_t|enum office_refusal) \*?((store|office|evidence)_\w+)\(', line)
        if m and m.group(1) != must:
            errors.append("%s:%d: %s returns a result without %s" % (f, n, m.group(3), must))
if errors:
    print("\n".join(errors), file=sys.stderr)
    sys.exit(1)
PY
out=$(scripts/circles "$BUILD") || fail "calls between files run in a circle: $out"
out=$(scripts/circles --folders "$BUILD") || fail "calls between the shared code's folders run in a circle: $out"
# the mailer's thread is duband's: dubanctl sends on its own thread and links no thread code
nm "$BUILD/dubanctl" | grep -q " U pthread_create" && fail "dubanctl links thread code"
exit 0
