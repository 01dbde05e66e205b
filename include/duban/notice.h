/*
 * Notices: the text of each reminder, overdue notice and escalation from
 * the templates, when it may be sent (office hours, the digest window), the
 * digest that merges one recipient's notices, and the report to the office
 * of a notice the server refused.
 */
#ifndef DUBAN_NOTICE_H
#define DUBAN_NOTICE_H

#include <stdbool.h>

#include "duban/conf.h"
#include "duban/rules.h"
#include "duban/store.h"

/*
 * Queue the notice of event e about action a for one recipient, inside the
 * caller's transaction. 0, or -1 if the database failed.
 */
int notice_queue(struct store *st, const struct config *conf, const struct action *a,
    const struct event *e, const char *to_name, const char *to_addr,
    const struct target *t, instant_t now);
/*
 * The first instant at or after t at which mail may go out: inside office
 * hours on a working day, and (unless at_once) at the end of the digest
 * window that t falls in.
 */
instant_t notice_send_time(const struct config *conf, instant_t t, bool at_once);
/*
 * One message for several queued notices to the same recipient, grouped by
 * urgency; *message_id receives its id. The caller frees both.
 */
char *notice_digest(const struct config *conf, const struct outbox_item *items, int n,
    instant_t now, char **message_id);
/*
 * A notice that cannot be sent (the department has no address): recorded as
 * failed with why, and the office told, inside the caller's transaction.
 */
int notice_unsendable(struct store *st, const struct config *conf, const struct action *a,
    const struct event *e, const char *to_name, const char *why, instant_t now);
/* Queue a report to the office that the server refused a message (its nitems notices) for good. */
int notice_failure_of(struct store *st, const struct config *conf,
    const struct outbox_item *items, int nitems, const char *reply, instant_t now);
/* Queue a report to the office that the server refused a notice for good. */
int notice_failure(struct store *st, const struct config *conf,
    const struct outbox_item *failed, const char *reply, instant_t now);
/* The database's instance id, part of every Message-ID (set after opening the store). */
void notice_instance(const char *id);
/*
 * A message from the office's sender: its Message-ID is duban.TAG@domain
 * (returned in *message_id), its thread duban.THREAD_TAG@domain if given,
 * ref the X-Duban-Action header if given. The caller frees both strings.
 */
char *notice_compose(const struct config *conf, const char *to_name, const char *to_addr,
    const char *subject, const char *body, const char *tag, const char *thread_tag,
    const char *ref, instant_t now, char **message_id);
/*
 * What a notice's text is made of when it is sent: its variables as stored
 * ("name len:value", one after another), and back (names and values in
 * *mem, freed by the caller; -1, *mem NULL, if s is not such a text).
 */
#define NOTICE_VARS_MAX	64
char *notice_vars_encode(const struct tpl_var *v, int n);
int notice_vars_decode(const char *s, struct tpl_var *v, int max, char **mem);
/*
 * The message of a notice read from the outbox, dated now: composed from
 * its format and variables (or, queued before schema 14, its stored text
 * redated). NULL if what is stored cannot compose it. The caller frees it.
 */
char *notice_message(const struct outbox_item *it, instant_t now);
/* "张**": the first character of a name and a star for each of the rest. */
char *notice_mask_name(const char *name);

#endif
