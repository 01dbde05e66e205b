/* The accounts that sign in to duban-web's pages. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static void
user_from_row(dbst *st, struct user *u)
{
	memset(u, 0, sizeof(*u));
	u->id = db_int64(st, 0);
	u->name = db_col_text(st, 1);
	u->role = db_col_text(st, 2);
	u->dept = db_col_text(st, 3);
	u->hash = db_col_text(st, 4);
	u->version = db_int(st, 5);
	u->disabled = db_int(st, 6);
}

void
store_user_clear(struct user *u)
{
	free(u->name);
	free(u->role);
	free(u->dept);
	if (u->hash != NULL)
		explicit_bzero(u->hash, strlen(u->hash));
	free(u->hash);
	memset(u, 0, sizeof(*u));
}

int
store_user_add(struct store *s, const struct user *u, instant_t now)
{
	dbst *st = db_stmt(s, Q_USER_ADD);

	db_bind_text(st, 1, u->name);
	db_bind_text(st, 2, u->role);
	if (u->dept != NULL)
		db_bind_text(st, 3, u->dept);
	db_bind_text(st, 4, u->hash);
	db_bind_int64(st, 5, now);
	return db_step_done(s, st);
}

int
store_user_get(struct store *s, const char *name, int64_t id, struct user *u)
{
	dbst *st = db_stmt(s, name ? Q_USER_BY_NAME : Q_USER_BY_ID);
	int rc;

	if (name)
		db_bind_text(st, 1, name);
	else
		db_bind_int64(st, 1, id);
	if ((rc = db_next(s, st)) == 1)
		user_from_row(st, u);
	db_reset(st);
	return rc == 1 ? 0 : rc == 0 ? STORE_NOT_FOUND : -1;
}

int
store_user_set_hash(struct store *s, const char *name, const char *hash)
{
	dbst *st = db_stmt(s, Q_USER_SET_HASH);

	db_bind_text(st, 1, hash);
	db_bind_text(st, 2, name);
	if (db_step_done(s, st) != 0)
		return -1;
	return db_changes(s) == 1 ? 0 : STORE_NOT_FOUND;
}

int
store_user_set_disabled(struct store *s, const char *name, bool disabled)
{
	dbst *st = db_stmt(s, Q_USER_SET_DISABLED);

	db_bind_int(st, 1, disabled ? 1 : 0);
	db_bind_text(st, 2, name);
	if (db_step_done(s, st) != 0)
		return -1;
	return db_changes(s) == 1 ? 0 : STORE_NOT_FOUND;
}

int
store_user_each(struct store *s, int (*fn)(const struct user *, void *), void *arg)
{
	dbst *st = db_stmt(s, Q_USER_EACH);
	struct user u;
	int rc, stop = 0;

	while (!stop && (rc = db_next(s, st)) == 1) {
		user_from_row(st, &u);
		stop = fn(&u, arg);
		store_user_clear(&u);
	}
	db_reset(st);
	return rc < 0 ? -1 : 0;
}
