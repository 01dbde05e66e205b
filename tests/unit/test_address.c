/* Mail addresses: RFC 5321 mailboxes in, everything that could inject out. */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "duban/address.h"

static void
test_valid(void **state)
{
	static const char *const ok[] = {
		"a@b", "zjj@example.gov.cn", "first.last+tag@sub.example.gov.cn",
		"o'neil@example.com", "x@[127.0.0.1]", "x@[IPv6:::1]", "a-b@c-d.e",
		"!#$%&'*+-/=?^_`{|}~@example.com",
	};
	const char *why = NULL;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (address_check(ok[i], &why) != 0)
			fail_msg("'%s' refused: %s", ok[i], why);
}

static void
test_invalid(void **state)
{
	static const char *const bad[] = {
		"", "@", "a@", "@b", "ab", "a b@c", "a@b c", "a@b..c", "a..b@c", ".a@b", "a.@b",
		"a@-b.c", "a@b-.c", "a@b_c.d", "\"q\"@b.c", "用户@b.c", "a@例子.中国",
		"a@x>\r\nRCPT TO:<leak@evil.example", "a@b\r\n", "a@b\n", "a\t@b", "<a@b>",
		"a@[1.2.3]", "a@[IPv6:zz]", "a@b\x7f",
	};
	char local[80], label[80], long_addr[300];
	const char *why;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		why = NULL;
		if (address_check(bad[i], &why) == 0)
			fail_msg("'%s' accepted", bad[i]);
		assert_non_null(why);
	}
	memset(local, 'x', 65);
	strcpy(local + 65, "@b.c");
	assert_int_equal(address_check(local, &why), -1);
	strcpy(local + 64, "@b.c");	/* 64 is the limit */
	assert_int_equal(address_check(local, &why), 0);
	strcpy(label, "a@");
	memset(label + 2, 'y', 64);
	strcpy(label + 66, ".cn");
	assert_int_equal(address_check(label, &why), -1);
	memset(long_addr, 'z', sizeof(long_addr));
	memcpy(long_addr, "a@", 2);
	for (i = 10; i < 290; i += 10)
		long_addr[i] = '.';
	long_addr[295] = '\0';
	assert_int_equal(address_check(long_addr, &why), -1);
	assert_string_equal(why, "longer than 254 characters");
}

static void
test_spec_and_list(void **state)
{
	const char *why;
	char *bad;

	(void)state;
	assert_int_equal(address_check_spec("同江市房信办 <fxb@example.gov.cn>", &why), 0);
	assert_int_equal(address_check_spec("fxb@example.gov.cn", &why), 0);
	assert_int_equal(address_check_spec("李某 <a@x>\r\nRCPT TO:<leak@evil.example>", &why), -1);
	assert_int_equal(address_check_spec("李某 <a@x", &why), -1);
	assert_int_equal(address_check_spec("李某 <a@x> <b@y>", &why), -1);
	assert_int_equal(address_check_spec("not-an-address", &why), -1);
	assert_int_equal(address_check_list("a@b.c, d@e.f;g@h", &why, &bad), 0);
	assert_null(bad);
	assert_int_equal(address_check_list("a@b.c, x y@z", &why, &bad), -1);
	assert_string_equal(bad, "x");
	free(bad);
	assert_int_equal(address_check_list("a@b.c\r\nRCPT TO:<e@f>", &why, &bad), -1);
	free(bad);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_spec_and_list),
	};

	return cmocka_run_group_tests_name("address", tests, NULL, NULL);
}
