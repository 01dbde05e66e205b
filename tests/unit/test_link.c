/* Signed links: a true one verifies; altered, another's, expired or of a dropped key, not. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "duban/link.h"

#define NOW	((instant_t)1795000000000LL)

static void
keys(struct link_keys *k, int n, const uint32_t *ids)
{
	int i, j;

	memset(k, 0, sizeof(*k));
	for (i = 0; i < n; i++) {
		k->id[i] = ids[i];
		for (j = 0; j < 32; j++)
			k->key[i][j] = (unsigned char)(ids[i] * 31 + (uint32_t)j);
	}
	k->n = n;
}

static void
test_round_trip(void **state)
{
	static const uint32_t one[] = { 7 };
	struct link_keys k;
	struct link l = { 42, 3, NOW + 86400000, 0x1122334455667788ULL }, got;
	char tok[LINK_TOKEN_MAX];

	(void)state;
	keys(&k, 1, one);
	link_sign(&k, &l, "zjj@example.gov.cn", tok);
	assert_true(strlen(tok) < LINK_TOKEN_MAX);
	assert_int_equal(link_verify(&k, tok, "zjj@example.gov.cn", NOW, &got), LINK_OK);
	assert_true(got.action == 42 && got.cycle == 3 && got.expires == l.expires &&
	    got.nonce == l.nonce);
	/* an address is the same address whatever its case */
	assert_int_equal(link_verify(&k, tok, "ZJJ@Example.gov.cn", NOW, &got), LINK_OK);
}

/* every byte of the token matters: each position changed fails */
static void
test_altered(void **state)
{
	static const uint32_t one[] = { 7 };
	struct link_keys k;
	struct link l = { 42, 3, NOW + 86400000, 99 }, got;
	char tok[LINK_TOKEN_MAX], bad[LINK_TOKEN_MAX];
	size_t i, n;
	enum link_check c;

	(void)state;
	keys(&k, 1, one);
	link_sign(&k, &l, "zjj@example.gov.cn", tok);
	n = strlen(tok);
	for (i = 0; i < n; i++) {
		memcpy(bad, tok, n + 1);
		bad[i] = bad[i] == 'A' ? 'B' : 'A';
		c = link_verify(&k, bad, "zjj@example.gov.cn", NOW, &got);
		assert_true(c == LINK_FORGED || c == LINK_MALFORMED || c == LINK_UNKNOWN_KEY);
	}
	/* shorter, longer, not base64url, empty */
	memcpy(bad, tok, n + 1);
	bad[n - 1] = '\0';
	assert_int_equal(link_verify(&k, bad, "zjj@example.gov.cn", NOW, &got), LINK_MALFORMED);
	snprintf(bad, sizeof(bad), "%sA", tok);
	assert_int_equal(link_verify(&k, bad, "zjj@example.gov.cn", NOW, &got), LINK_MALFORMED);
	memcpy(bad, tok, n + 1);
	bad[5] = '+';
	assert_int_equal(link_verify(&k, bad, "zjj@example.gov.cn", NOW, &got), LINK_MALFORMED);
	assert_int_equal(link_verify(&k, "", "zjj@example.gov.cn", NOW, &got), LINK_MALFORMED);
	assert_int_equal(link_verify(&k, NULL, "zjj@example.gov.cn", NOW, &got), LINK_MALFORMED);
}

/* a link forwarded to another recipient, or presented after its time */
static void
test_other_recipient_and_expiry(void **state)
{
	static const uint32_t one[] = { 7 };
	struct link_keys k;
	struct link l = { 42, 3, NOW + 1000, 5 }, got;
	char tok[LINK_TOKEN_MAX];

	(void)state;
	keys(&k, 1, one);
	link_sign(&k, &l, "zjj@example.gov.cn", tok);
	assert_int_equal(link_verify(&k, tok, "swj@example.gov.cn", NOW, &got), LINK_FORGED);
	assert_int_equal(link_verify(&k, tok, "zjj@example.gov.cn", NOW + 1000, &got), LINK_EXPIRED);
	assert_true(got.action == 42);
	assert_int_equal(link_verify(&k, tok, "zjj@example.gov.cn", NOW + 999, &got), LINK_OK);
}

/* a rotation: the new key signs, the old one verifies until it is dropped */
static void
test_rotation(void **state)
{
	static const uint32_t old[] = { 7 }, both[] = { 8, 7 }, new_only[] = { 8 };
	struct link_keys k;
	struct link l = { 1, 1, NOW + 86400000, 1 }, got;
	char tok[LINK_TOKEN_MAX], tok2[LINK_TOKEN_MAX];

	(void)state;
	keys(&k, 1, old);
	link_sign(&k, &l, "a@example.gov.cn", tok);
	keys(&k, 2, both);
	assert_int_equal(link_verify(&k, tok, "a@example.gov.cn", NOW, &got), LINK_OK);
	link_sign(&k, &l, "a@example.gov.cn", tok2);
	assert_string_not_equal(tok, tok2);
	keys(&k, 1, new_only);
	assert_int_equal(link_verify(&k, tok, "a@example.gov.cn", NOW, &got), LINK_UNKNOWN_KEY);
	assert_int_equal(link_verify(&k, tok2, "a@example.gov.cn", NOW, &got), LINK_OK);
}

static void
write_file(const char *path, const char *text, mode_t mode)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	assert_int_equal(chmod(path, mode), 0);
}

/* the key file: owner-only, "ID HEX" lines, errors named with their line */
static void
test_key_file(void **state)
{
	char path[] = "/tmp/duban-keys-XXXXXX";
	struct link_keys k;
	char *cause = NULL;
	int fd;

	(void)state;
	assert_true((fd = mkstemp(path)) >= 0);
	close(fd);
	write_file(path, "# keys\n2 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n"
	    "1 ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff\n", 0600);
	assert_int_equal(link_keys_load(path, &k, &cause), 0);
	assert_int_equal(k.n, 2);
	assert_true(k.id[0] == 2 && k.key[0][31] == 0x1f && k.id[1] == 1 && k.key[1][0] == 0xff);
	chmod(path, 0640);
	assert_int_equal(link_keys_load(path, &k, &cause), -1);
	assert_non_null(strstr(cause, "readable by its owner only"));
	free(cause);
	write_file(path, "1 abc\n", 0600);
	assert_int_equal(link_keys_load(path, &k, &cause), -1);
	assert_non_null(strstr(cause, ":1: a key is a line"));
	free(cause);
	write_file(path, "# none\n", 0600);
	assert_int_equal(link_keys_load(path, &k, &cause), -1);
	assert_non_null(strstr(cause, "no key"));
	free(cause);
	unlink(path);
	assert_int_equal(link_keys_load(path, &k, &cause), -1);
	free(cause);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_altered),
		cmocka_unit_test(test_other_recipient_and_expiry),
		cmocka_unit_test(test_rotation),
		cmocka_unit_test(test_key_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
