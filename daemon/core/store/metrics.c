/* What /metrics reads: actions by department and state, the queue, the outbox's oldest. */
#include <string.h>

#include "internal.h"

int
store_metrics_actions(struct store *s, instant_t now, const char *waiting,
    void (*fn)(const char *dept, const char *state, int64_t n, void *arg), void *arg)
{
	dbst *st = db_stmt(s, Q_METRICS_ACTIONS);
	int rc;

	db_bind_int64(st, 1, now);
	db_bind_text(st, 2, waiting ? waiting : "[]");
	while ((rc = db_next(s, st)) == 1)
		fn(db_text(st, 0), db_text(st, 1), db_int64(st, 2), arg);
	db_reset(st);
	return rc < 0 ? -1 : 0;
}

int
store_metrics_escalations(struct store *s, int64_t n[3])
{
	dbst *st = db_stmt(s, Q_METRICS_ESCALATIONS);
	int rc, k;

	memset(n, 0, 3 * sizeof(n[0]));
	while ((rc = db_next(s, st)) == 1)
		if ((k = db_int(st, 0)) >= 0 && k < 3)
			n[k] = db_int64(st, 1);
	db_reset(st);
	return rc < 0 ? -1 : 0;
}

instant_t
store_oldest_queued(struct store *s)
{
	return db_min_instant(s, Q_METRICS_OLDEST);
}
