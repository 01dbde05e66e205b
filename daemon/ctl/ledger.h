/* The ledger (台账): its columns, shared by import and export. */
#ifndef DUBAN_CTL_LEDGER_H
#define DUBAN_CTL_LEDGER_H

#include <stddef.h>

enum {
	COL_CASE, COL_TITLE, COL_CATEGORY, COL_LEAD, COL_LEADER, COL_KEY, COL_PETITIONER,
	COL_RECEIVED, COL_DEPT, COL_STEP, COL_NOTIFIED, COL_ACKED, COL_DONE, COL_RESULT,
	COL_WHAT, COL_CLOSED, COL_CEASED, COL_AGREED, COL_RESPONSIBLE, COL_TRANSFER_TO,
	COL_TRANSFER_FROM, COL_TRANSFER_BACK, COL_TRANSFER_WHY, NCOLS
};
/* A ledger of the first release: the columns up to 办理结果. */
#define NCOLS_OLD	COL_WHAT

/* The header row's names, in order. */
extern const char *const ledger_columns[NCOLS];
/* Each column's limit in bytes (dubanctl(1), LIMITS). */
extern const size_t ledger_limits[NCOLS];

#endif
