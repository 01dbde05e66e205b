/*
 * What a person records survives a power cut once dubanctl has returned:
 * a SQLite VFS of the test's own stands between the store and the disk,
 * keeps what each file held at its last sync, and at the "cut" puts every
 * file back as it was then (what was written and not synced is lost, as
 * on a machine that loses power). The office's done, committed through a
 * store opened as dubanctl opens it, is still there afterwards; the
 * daemon's own writes (opened without STORE_OPEN_DURABLE) may be lost, and
 * the test shows that they would be, so that it can fail.
 */
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "duban/office.h"

#define MAXFILES	8

/* A file as it was at its last sync: its bytes, and whether it existed. */
struct synced {
	char		 path[512];
	unsigned char	*data;
	size_t		 len;
};
static struct synced synced[MAXFILES];
static int nsynced;
static int dead;		/* after the cut: nothing reaches the disk */

struct cfile {
	sqlite3_file	 base;
	sqlite3_file	*real;
	struct synced	*sy;
};

static sqlite3_vfs *unix_vfs;
static sqlite3_vfs crash_vfs;
static struct sqlite3_io_methods crash_io;

static unsigned char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	unsigned char *d = NULL;
	size_t cap = 0, n;

	*len = 0;
	if (fp == NULL)
		return NULL;
	for (;;) {
		if (*len == cap)
			d = realloc(d, cap = cap ? cap * 2 : 65536);
		if ((n = fread(d + *len, 1, cap - *len, fp)) == 0)
			break;
		*len += n;
	}
	fclose(fp);
	return d;
}

/* Remember a file as it is on disk now: its durable state. */
static void
remember(struct synced *sy)
{
	free(sy->data);
	sy->data = slurp(sy->path, &sy->len);
}

static int
c_close(sqlite3_file *f)
{
	struct cfile *c = (struct cfile *)f;
	int rc = c->real->pMethods->xClose(c->real);

	sqlite3_free(c->real);
	return rc;
}

static int
c_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
	struct cfile *c = (struct cfile *)f;

	return c->real->pMethods->xRead(c->real, buf, n, off);
}

static int
c_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
	struct cfile *c = (struct cfile *)f;

	if (dead)
		return SQLITE_OK;
	return c->real->pMethods->xWrite(c->real, buf, n, off);
}

static int
c_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	struct cfile *c = (struct cfile *)f;

	if (dead)
		return SQLITE_OK;
	return c->real->pMethods->xTruncate(c->real, size);
}

static int
c_sync(sqlite3_file *f, int flags)
{
	struct cfile *c = (struct cfile *)f;
	int rc;

	if (dead)
		return SQLITE_OK;
	if ((rc = c->real->pMethods->xSync(c->real, flags)) == SQLITE_OK && c->sy != NULL)
		remember(c->sy);
	return rc;
}

static int
c_size(sqlite3_file *f, sqlite3_int64 *size)
{
	struct cfile *c = (struct cfile *)f;

	return c->real->pMethods->xFileSize(c->real, size);
}

static int
c_lock(sqlite3_file *f, int l)
{
	struct cfile *c = (struct cfile *)f;

	return c->real->pMethods->xLock(c->real, l);
}

static int
c_unlock(sqlite3_file *f, int l)
{
	struct cfile *c = (struct cfile *)f;

	return c->real->pMethods->xUnlock(c->real, l);
}

static int
c_reserved(sqlite3_file *f, int *out)
{
	struct cfile *c = (struct cfile *)f;

	return c->real->pMethods->xCheckReservedLock(c->real, out);
}

static int
c_control(sqlite3_file *f, int op, void *arg)
{
	struct cfile *c = (struct cfile *)f;

	return c->real->pMethods->xFileControl(c->real, op, arg);
}

static int
c_sector(sqlite3_file *f)
{
	struct cfile *c = (struct cfile *)f;

	return c->real->pMethods->xSectorSize(c->real);
}

static int
c_caps(sqlite3_file *f)
{
	struct cfile *c = (struct cfile *)f;

	return c->real->pMethods->xDeviceCharacteristics(c->real);
}

/* The -shm file is memory, rebuilt after a crash: passed through (no mmap of the database). */
static int
c_shm_map(sqlite3_file *f, int pg, int sz, int extend, void volatile **p)
{
	struct cfile *c = (struct cfile *)f;

	return c->real->pMethods->xShmMap(c->real, pg, sz, extend, p);
}

static int
c_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
	struct cfile *c = (struct cfile *)f;

	return c->real->pMethods->xShmLock(c->real, off, n, flags);
}

static void
c_shm_barrier(sqlite3_file *f)
{
	struct cfile *c = (struct cfile *)f;

	c->real->pMethods->xShmBarrier(c->real);
}

static int
c_shm_unmap(sqlite3_file *f, int del)
{
	struct cfile *c = (struct cfile *)f;

	return c->real->pMethods->xShmUnmap(c->real, del);
}

static int
v_open(sqlite3_vfs *v, const char *name, sqlite3_file *f, int flags, int *out)
{
	struct cfile *c = (struct cfile *)f;
	int i, rc;

	(void)v;
	c->real = sqlite3_malloc(unix_vfs->szOsFile);
	memset(c->real, 0, (size_t)unix_vfs->szOsFile);
	if ((rc = unix_vfs->xOpen(unix_vfs, name, c->real, flags, out)) != SQLITE_OK) {
		sqlite3_free(c->real);
		return rc;
	}
	c->base.pMethods = &crash_io;
	c->sy = NULL;
	if (name != NULL && (flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL))) {
		for (i = 0; i < nsynced; i++)
			if (strcmp(synced[i].path, name) == 0)
				c->sy = &synced[i];
		if (c->sy == NULL && nsynced < MAXFILES) {
			c->sy = &synced[nsynced++];
			snprintf(c->sy->path, sizeof(c->sy->path), "%s", name);
			remember(c->sy);
		}
	}
	return SQLITE_OK;
}

static int
v_delete(sqlite3_vfs *v, const char *name, int sync)
{
	(void)v;
	if (dead)
		return SQLITE_OK;
	return unix_vfs->xDelete(unix_vfs, name, sync);
}

static int
v_access(sqlite3_vfs *v, const char *name, int flags, int *out)
{
	(void)v;
	return unix_vfs->xAccess(unix_vfs, name, flags, out);
}

static int
v_fullpath(sqlite3_vfs *v, const char *name, int n, char *out)
{
	(void)v;
	return unix_vfs->xFullPathname(unix_vfs, name, n, out);
}

static int
v_random(sqlite3_vfs *v, int n, char *out)
{
	(void)v;
	return unix_vfs->xRandomness(unix_vfs, n, out);
}

static int
v_sleep(sqlite3_vfs *v, int us)
{
	(void)v;
	return unix_vfs->xSleep(unix_vfs, us);
}

static int
v_time(sqlite3_vfs *v, double *t)
{
	(void)v;
	return unix_vfs->xCurrentTime(unix_vfs, t);
}

static int
v_error(sqlite3_vfs *v, int n, char *out)
{
	(void)v;
	return unix_vfs->xGetLastError(unix_vfs, n, out);
}

/* The power goes: every file back to its last sync, nothing written from now on. */
static void
cut_power(void)
{
	int i;
	FILE *fp;

	dead = 1;
	for (i = 0; i < nsynced; i++) {
		if (synced[i].data == NULL) {
			unlink(synced[i].path);
			continue;
		}
		fp = fopen(synced[i].path, "wb");
		assert_non_null(fp);
		assert_int_equal(fwrite(synced[i].data, 1, synced[i].len, fp), synced[i].len);
		fclose(fp);
	}
}

static void
crash_install(void)
{
	unix_vfs = sqlite3_vfs_find("unix");
	assert_non_null(unix_vfs);
	crash_vfs = *unix_vfs;
	crash_vfs.zName = "crash";
	crash_vfs.szOsFile = sizeof(struct cfile);
	crash_vfs.pNext = NULL;
	crash_vfs.xOpen = v_open;
	crash_vfs.xDelete = v_delete;
	crash_vfs.xAccess = v_access;
	crash_vfs.xFullPathname = v_fullpath;
	crash_vfs.xRandomness = v_random;
	crash_vfs.xSleep = v_sleep;
	crash_vfs.xCurrentTime = v_time;
	crash_vfs.xGetLastError = v_error;
	crash_vfs.xCurrentTimeInt64 = NULL;
	crash_vfs.iVersion = 1;
	memset(&crash_io, 0, sizeof(crash_io));
	crash_io.iVersion = 2;
	crash_io.xClose = c_close;
	crash_io.xRead = c_read;
	crash_io.xWrite = c_write;
	crash_io.xTruncate = c_truncate;
	crash_io.xSync = c_sync;
	crash_io.xFileSize = c_size;
	crash_io.xLock = c_lock;
	crash_io.xUnlock = c_unlock;
	crash_io.xCheckReservedLock = c_reserved;
	crash_io.xFileControl = c_control;
	crash_io.xSectorSize = c_sector;
	crash_io.xDeviceCharacteristics = c_caps;
	crash_io.xShmMap = c_shm_map;
	crash_io.xShmLock = c_shm_lock;
	crash_io.xShmBarrier = c_shm_barrier;
	crash_io.xShmUnmap = c_shm_unmap;
	assert_int_equal(sqlite3_vfs_register(&crash_vfs, 1), SQLITE_OK);
	dead = 0;
	nsynced = 0;
}

static void
crash_remove(void)
{
	int i;

	sqlite3_vfs_unregister(&crash_vfs);
	for (i = 0; i < nsynced; i++) {
		free(synced[i].data);
		synced[i].data = NULL;
	}
	nsynced = 0;
	dead = 0;
}

static const char conf_text[] =
    "[daemon]\ncalendar = " CN_CALENDAR "\n"
    "[smtp]\nfrom = 房信办 <fxb@example.gov.cn>\n"
    "[rule \"week\"]\nmatch = step:handling\ndeadline = 1 week\n";

#define T0	((instant_t)1795000000000LL)

/* A database with one open action, closed cleanly: all of it on disk. */
static void
make_db(const char *path, struct config *conf)
{
	struct department dept = { 0, "zjj", "住建局", "于海滨", "zjj@example.gov.cn", "" };
	struct office_assign rq = { .case_id = 1, .case_number = "C1", .category = 2, .dept_id = 1,
	    .dept_code = "zjj", .step = "handling", .at = T0, .who = "clerk", .now = T0 };
	struct office_assigned res;
	struct case_rec k;
	struct store *s;
	const char *cause;
	char *why;

	unlink(path);
	s = store_open(path, STORE_OPEN_CREATE, &why);
	assert_non_null(s);
	assert_int_equal(store_dept_add(s, &dept, NULL), 0);
	memset(&k, 0, sizeof(k));
	k.number = "C1";
	k.title = "某小区办证";
	k.category = 2;
	k.received_at = T0;
	assert_int_equal(store_case_add(s, &k, NULL), 0);
	assert_int_equal(office_assign(s, conf, &rq, &res, &cause), OFFICE_DONE);
	store_close(s);
}

/* Done through a store opened with flags, the power cut after the commit: is it done after? */
static bool
done_survives(int flags)
{
	struct office_who w = { "clerk", T0 + 1000 };
	struct office_done rq = { .id = 1, .at = T0 + 1000 };
	struct office_done_result res;
	struct config *conf = unit_conf(conf_text);
	char path[] = "/tmp/duban-durable-XXXXXX", db[64], wal[80], *why;
	struct action a;
	struct store *s;
	bool done;
	int fd;

	assert_true((fd = mkstemp(path)) >= 0);
	close(fd);
	snprintf(db, sizeof(db), "%s.db", path);
	make_db(db, conf);
	crash_install();
	s = store_open(db, flags, &why);
	assert_non_null(s);
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(office_done(s, conf, &w, &rq, &res, NULL, NULL), OFFICE_DONE);
	assert_int_equal(store_commit(s), 0);
	/* dubanctl has returned: the power goes */
	cut_power();
	store_close(s);
	crash_remove();
	s = store_open(db, 0, &why);
	assert_non_null(s);
	assert_int_equal(store_action_get(s, 1, &a), 0);
	done = a.done_at != 0;
	store_action_clear(&a);
	store_close(s);
	snprintf(wal, sizeof(wal), "%s-wal", db);
	unlink(wal);
	snprintf(wal, sizeof(wal), "%s-shm", db);
	unlink(wal);
	unlink(db);
	unlink(path);
	conf_free(conf);
	return done;
}

/* A person's done, committed by dubanctl, is on disk when dubanctl returns. */
static void
test_person_durable(void **state)
{
	(void)state;
	assert_true(done_survives(STORE_OPEN_DURABLE));
}

/* The daemon's own writes are not synced at each commit: the test's cut can lose them. */
static void
test_cut_loses_unsynced(void **state)
{
	(void)state;
	assert_false(done_survives(0));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_person_durable),
		cmocka_unit_test(test_cut_loses_unsynced),
	};

	tz_set("Asia/Shanghai");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
