/*
 * The evidence record of an escalation (督办记录): fixed when the item is
 * escalated, with later entries about the escalation appended; never
 * rewritten (the store refuses UPDATE and DELETE on it).
 */
#ifndef DUBAN_EVIDENCE_H
#define DUBAN_EVIDENCE_H

#include "duban/store.h"

struct config;

/*
 * Record what the escalation rests on, now, inside the caller's transaction;
 * the rule's counting is explained from conf.
 */
STORE_MUST int evidence_snapshot(struct store *s, const struct config *conf, int64_t escalation_id,
    instant_t now);
/* Append one timeline line to an escalation's record. */
STORE_MUST int evidence_append(struct store *s, int64_t escalation_id, instant_t at, const char *who,
    const char *what, const char *detail);
/* Append a line to the record of each escalation of the action's cycle (none: nothing). */
STORE_MUST int evidence_append_action(struct store *s, const struct config *conf,
    const struct action *a, instant_t at, const char *who, const char *what, const char *detail);
/* Append a line to the record of the escalation a notice belongs to, if any. */
STORE_MUST int evidence_append_notice(struct store *s, int64_t notice_id, instant_t at, const char *what,
    const char *detail);
/*
 * The record as stored (to free); for an escalation made before records were
 * kept, rendered from the live data, with *live set. NULL if there is none.
 */
char *evidence_text(struct store *s, int64_t escalation_id, int *live);

#endif
