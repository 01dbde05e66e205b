/*
 * The database file as a file: who may write it, and the one daemon that
 * may run on it. An office shares one database among the daemon (user
 * duban) and its clerks (group duban) in a setgid directory, mode 2770;
 * these checks turn SQLite's "attempt to write a readonly database" and
 * "unable to open database file" into errors that name the path and the
 * command that fixes it.
 */
#ifndef DUBAN_DBFILE_H
#define DUBAN_DBFILE_H

#include <sys/types.h>

/* The umask both programs set before they create anything: group rw, others nothing. */
#define DBFILE_UMASK	0007

/*
 * Can the caller create and write the database at path and its -wal and
 * -shm beside it, so that the others sharing it can as well, and is the
 * file known by one name (dbfile_one_name)? 0, or -1 with *cause (to free).
 * A missing database is not an error here.
 */
int dbfile_check(const char *path, char **cause);
/*
 * Is the database file known by one name? A second hard link would give it
 * a second journal (SQLite names -wal and -shm after the path it opens):
 * 0, or -1 with *cause (to free). A symlink or a bind mount is one name.
 */
int dbfile_one_name(const char *path, char **cause);
/*
 * Create an empty database file, mode 0660 less the umask (SQLite gives its
 * -wal and -shm the database's mode). 0, or -1 with *cause (to free).
 */
int dbfile_create(const char *path, char **cause);
/*
 * Why the caller cannot read or write path, if it is a matter of groups:
 * "you are not in group G ..." into buf; an empty string otherwise.
 */
const char *dbfile_group_hint(const char *path, char *buf, size_t len);
/*
 * Lock the database for one daemon: an exclusive flock() on the database
 * file itself, so that a symlink, a bind mount or a relative path cannot
 * start a second daemon on the same database. The descriptor (close it only
 * after the store), or -1 with *cause (to free).
 */
int dbfile_lock(const char *path, char **cause);

#endif
