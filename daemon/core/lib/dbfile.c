/* Permissions and the daemon's lock, checked before SQLite sees the file. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <libgen.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "duban/dbfile.h"
#include "duban/xmalloc.h"

static const char *
group_name(gid_t gid, char *buf, size_t len)
{
	struct group *g = getgrgid(gid);

	if (g != NULL)
		snprintf(buf, len, "%s", g->gr_name);
	else
		snprintf(buf, len, "%u", (unsigned)gid);
	return buf;
}

static int
in_group(gid_t gid)
{
	gid_t groups[256];
	int i, n;

	if (getegid() == gid || geteuid() == 0)
		return 1;
	n = getgroups((int)(sizeof(groups) / sizeof(groups[0])), groups);
	for (i = 0; i < n; i++)
		if (groups[i] == gid)
			return 1;
	return 0;
}

const char *
dbfile_group_hint(const char *path, char *buf, size_t len)
{
	struct passwd *pw = getpwuid(getuid());
	struct stat sb;
	char *copy = xstrdup(path), *p = copy, g[64];

	buf[0] = '\0';
	/*
	 * The path, or the first directory above it that can be looked at
	 * (/etc/duban, 0750, hides duban.conf itself): its group would let the
	 * caller in where the others are kept out.
	 */
	for (;;) {
		if (stat(p, &sb) == 0) {
			if (!in_group(sb.st_gid) && (sb.st_mode & 0040) && (sb.st_mode & 0004) == 0)
				snprintf(buf, len, "you are not in group %s, which %s belongs to: ask "
				    "the administrator to run 'usermod -aG %s %s', then log in again",
				    group_name(sb.st_gid, g, sizeof(g)), p, g,
				    pw ? pw->pw_name : "USER");
			break;
		}
		if (strcmp(p, "/") == 0 || strcmp(p, ".") == 0)
			break;
		p = dirname(p);
	}
	free(copy);
	return buf;
}

/* If the caller is kept out of path by its group: *cause says so, 1; else 0. */
static int
group_denied(const char *path, char **cause)
{
	char hint[512];

	if (dbfile_group_hint(path, hint, sizeof(hint))[0] == '\0')
		return 0;
	xasprintf(cause, "%s: permission denied: %s", path, hint);
	return 1;
}

/* The directory the database lives in (path resolved if it exists). */
static char *
db_dir(const char *path)
{
	char *copy = xstrdup(path), *dir = xstrdup(dirname(copy));

	free(copy);
	return dir;
}

/* One of the database's files is usable by the caller and by the group that shares it. */
static int
check_file(const char *f, const struct stat *dsb, char **cause)
{
	struct stat sb;
	char g[64], dg[64];

	if (stat(f, &sb) != 0)
		return errno == ENOENT ? 0 : (xasprintf(cause, "%s: %s", f, strerror(errno)), -1);
	if (access(f, R_OK | W_OK) != 0) {
		if (!group_denied(f, cause))
			xasprintf(cause, "%s: not writable by you (owner %u, group %s, mode %04o); "
			    "fix it with: chgrp %s %s && chmod 0660 %s", f, (unsigned)sb.st_uid,
			    group_name(sb.st_gid, g, sizeof(g)), (unsigned)(sb.st_mode & 07777),
			    group_name(dsb->st_gid, dg, sizeof(dg)), f, f);
		return -1;
	}
	if (!(dsb->st_mode & S_ISGID))
		return 0;	/* a private directory: nobody else shares the file */
	if (sb.st_gid != dsb->st_gid) {
		xasprintf(cause, "%s belongs to group %s, not %s like its directory, so the others "
		    "sharing the database cannot write it; fix it with: chgrp %s %s && chmod 0660 %s",
		    f, group_name(sb.st_gid, g, sizeof(g)), group_name(dsb->st_gid, dg, sizeof(dg)),
		    dg, f, f);
		return -1;
	}
	if ((sb.st_mode & 0060) != 0060) {
		xasprintf(cause, "%s is mode %04o: its group cannot write it; fix it with: "
		    "chmod 0660 %s", f, (unsigned)(sb.st_mode & 07777), f);
		return -1;
	}
	return 0;
}

int
dbfile_one_name(const char *path, char **cause)
{
	struct stat sb;

	if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_nlink <= 1)
		return 0;
	xasprintf(cause, "%s has %lu names (hard links): SQLite keeps the journal (-wal, -shm) "
	    "beside the name it is opened by, so a change made through one name is not seen "
	    "through another; keep one name ('find / -xdev -samefile %s' lists them, remove the "
	    "others) and give others a symlink", path, (unsigned long)sb.st_nlink, path);
	return -1;
}

int
dbfile_check(const char *path, char **cause)
{
	static const char *const suffix[] = { "", "-wal", "-shm" };
	struct stat dsb;
	char *dir, *f, g[64];
	size_t i;
	int rc = 0;

	*cause = NULL;
	if (strcmp(path, ":memory:") == 0)
		return 0;
	dir = db_dir(path);
	if (stat(dir, &dsb) != 0) {
		xasprintf(cause, "%s: the database's directory: %s", dir, strerror(errno));
		free(dir);
		return -1;
	}
	if (access(dir, W_OK | X_OK) != 0) {
		if (!group_denied(dir, cause))
			xasprintf(cause, "%s: the database's directory is not writable by you "
			    "(SQLite creates the database's -wal and -shm files in it); make it the "
			    "group's with: chgrp %s %s && chmod 2770 %s", dir,
			    group_name(dsb.st_gid, g, sizeof(g)), dir, dir);
		free(dir);
		return -1;
	}
	if ((rc = dbfile_one_name(path, cause)) != 0) {
		free(dir);
		return rc;
	}
	for (i = 0; i < sizeof(suffix) / sizeof(suffix[0]) && rc == 0; i++) {
		xasprintf(&f, "%s%s", path, suffix[i]);
		rc = check_file(f, &dsb, cause);
		free(f);
	}
	free(dir);
	return rc;
}

int
dbfile_create(const char *path, char **cause)
{
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0660);

	if (fd == -1) {
		xasprintf(cause, "%s: cannot create it: %s", path, strerror(errno));
		return -1;
	}
	close(fd);
	return 0;
}

int
dbfile_lock(const char *path, char **cause)
{
	int fd;

	*cause = NULL;
	/*
	 * flock() on the database file itself: the lock belongs to the inode, so
	 * every path to it (a symlink, a bind mount, a relative name) meets it.
	 * SQLite locks with fcntl(), which flock() does not touch; the
	 * descriptor stays open until the store is closed, since closing any
	 * descriptor of the file would drop SQLite's fcntl() locks.
	 */
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd == -1) {
		xasprintf(cause, "%s: %s%s", path, strerror(errno),
		    errno == ENOENT ? " (create it with 'dubanctl init')" : "");
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		if (errno == EWOULDBLOCK)
			xasprintf(cause, "%s: another duband is running on this database", path);
		else
			xasprintf(cause, "%s: lock: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}
