/* Message composition: CRLF, encoded and folded headers, no header injection. */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "duban/message.h"
#include "duban/rulelang.h"
#include "duban/rules.h"

static struct mail
sample(void)
{
	struct mail m;

	memset(&m, 0, sizeof(m));
	m.from = "同江市房信办 <fxb@example.gov.cn>";
	m.to_name = "于海滨";
	m.to_addr = "zjj@example.gov.cn";
	m.subject = "【催办】C1 已逾期";
	m.body = "于海滨同志：\n\n请办理。\n";
	m.message_id = "duban.1.overdue.0.0@example.gov.cn";
	m.thread_id = "duban.1@example.gov.cn";
	m.date = 1800000000000LL;
	return m;
}

static void
test_crlf_and_line_length(void **state)
{
	struct mail m = sample();
	char *msg = message_compose(&m), *p, *line = NULL;
	size_t len;

	(void)state;
	for (p = msg; *p; p++) {
		if (*p == '\n')
			assert_true(p > msg && p[-1] == '\r');
		if (*p == '\r')
			assert_true(p[1] == '\n');
	}
	for (p = msg; *p; p += len + 2) {
		line = strstr(p, "\r\n");
		assert_non_null(line);
		len = (size_t)(line - p);
		assert_true(len <= 78);
	}
	assert_non_null(strstr(msg, "\r\nAuto-Submitted: auto-generated\r\n"));
	assert_non_null(strstr(msg, "\r\nMessage-ID: <duban.1.overdue.0.0@example.gov.cn>\r\n"));
	assert_non_null(strstr(msg, "\r\nIn-Reply-To: <duban.1@example.gov.cn>\r\n"));
	assert_non_null(strstr(msg, "\r\nReferences: <duban.1@example.gov.cn>\r\n"));
	assert_non_null(strstr(msg, "\r\nDate: Fri, 15 Jan 2027 "));
	assert_non_null(strstr(msg, "Content-Type: text/plain; charset=UTF-8\r\n"));
	free(msg);
}

/* Every line of a message at most 78 octets. */
static void
assert_lines_fit(const char *msg)
{
	const char *p, *line;

	for (p = msg; *p; p = line + 2) {
		line = strstr(p, "\r\n");
		assert_non_null(line);
		if (line - p > 78)
			fail_msg("a line of %d octets: %.*s", (int)(line - p), (int)(line - p), p);
	}
}

/* To: and From: fold before the address where a long name fills the line. */
static void
test_address_headers_fold(void **state)
{
	struct mail m = sample();
	char *msg;

	(void)state;
	m.to_name = "住房和城乡建设局局长兼房屋征收与补偿办公室主任于海滨";
	m.to_addr = "yu.haibin.director.housing@zhufang-chengxiang-jianshe.example.gov.cn";
	m.from = "同江市历史遗留问题房屋办证信访积案化解工作领导小组办公室 "
	    "<fangxinban-office@tongjiang-city.example.gov.cn>";
	msg = message_compose(&m);
	assert_lines_fit(msg);
	assert_non_null(strstr(msg, "\r\n <yu.haibin.director.housing@zhufang-chengxiang-jianshe"
	    ".example.gov.cn>\r\n"));
	free(msg);
	m.to_name = "An Ascii Name Of Sixty Characters Or So For The Head Of Dept";
	msg = message_compose(&m);
	assert_lines_fit(msg);
	free(msg);
}

static void
test_redate(void **state)
{
	struct mail m = sample();
	char *msg = message_compose(&m), *re;

	(void)state;
	re = message_redate(msg, 1800000000000LL + 3600000LL);
	assert_non_null(strstr(msg, "\r\nDate: Fri, 15 Jan 2027 16:00:00 +0800\r\n"));
	assert_non_null(strstr(re, "\r\nDate: Fri, 15 Jan 2027 17:00:00 +0800\r\n"));
	assert_int_equal(strlen(re), strlen(msg));
	assert_string_equal(strstr(re, "\r\n\r\n"), strstr(msg, "\r\n\r\n"));
	free(msg);
	free(re);
}

static void
test_header_injection(void **state)
{
	struct mail m = sample();
	char *msg;

	(void)state;
	m.subject = "hello\r\nBcc: victim@example.com";
	m.to_name = "Evil\nX-Injected: 1";
	m.to_addr = "a@example.com\r\nBcc: b@example.com";
	msg = message_compose(&m);
	assert_null(strstr(msg, "\r\nBcc:"));
	assert_null(strstr(msg, "\r\nX-Injected:"));
	assert_null(strstr(msg, "\nBcc:"));
	free(msg);
}

static void
test_long_chinese_subject_folds(void **state)
{
	char *v = message_encode_header("Subject",
	    "【督办】住建局逾期未办理事项移交督办：某某小区回迁安置不动产权证办理核验手续逾期未出具书面意见");
	char *p, *nl;

	(void)state;
	/* several encoded words, each on its own line, none over 78 octets */
	assert_non_null(strstr(v, "?=\r\n =?UTF-8?B?"));
	for (p = v; p; p = nl ? nl + 2 : NULL) {
		nl = strstr(p, "\r\n");
		assert_true((nl ? (size_t)(nl - p) : strlen(p)) +
		    (p == v ? strlen("Subject: ") : 0) <= 78);
	}
	free(v);
	v = message_encode_header("Subject", "plain ascii");
	assert_string_equal(v, "plain ascii");
	free(v);
}

static void
test_base64(void **state)
{
	char *b;

	(void)state;
	b = message_base64((const unsigned char *)"督办", 6);
	assert_string_equal(b, "552j5Yqe");
	free(b);
	b = message_base64((const unsigned char *)"ab", 2);
	assert_string_equal(b, "YWI=");
	free(b);
	b = message_base64((const unsigned char *)"a", 1);
	assert_string_equal(b, "YQ==");
	free(b);
}

static void
test_split_address(void **state)
{
	char *name, *addr;

	(void)state;
	message_split_address("同江市房信办 <fxb@example.gov.cn>", &name, &addr);
	assert_string_equal(name, "同江市房信办");
	assert_string_equal(addr, "fxb@example.gov.cn");
	free(name);
	free(addr);
	message_split_address("fxb@example.gov.cn", &name, &addr);
	assert_null(name);
	assert_string_equal(addr, "fxb@example.gov.cn");
	free(addr);
	assert_string_equal(message_domain("a@b.cn"), "b.cn");
}

static void
test_duration_parse(void **state)
{
	struct duration d;
	const char *cause;

	(void)state;
	assert_int_equal(duration_parse("7 days", &d, &cause), 0);
	assert_int_equal(d.n, 7);
	assert_int_equal(d.unit, UNIT_DAYS);
	assert_int_equal(duration_parse("1 week", &d, &cause), 0);
	assert_int_equal(d.n, 7);
	assert_int_equal(duration_parse("15 workdays", &d, &cause), 0);
	assert_int_equal(d.unit, UNIT_WORKDAYS);
	assert_int_equal(duration_parse("4 seconds", &d, &cause), 0);
	assert_int_equal(d.unit, UNIT_SECONDS);
	assert_int_equal(duration_parse("2 h", &d, &cause), 0);
	assert_int_equal(d.unit, UNIT_HOURS);
	assert_int_equal(duration_parse("days", &d, &cause), -1);
	assert_int_equal(duration_parse("3 fortnights", &d, &cause), -1);
	assert_string_equal(cause, "unknown unit (use seconds, minutes, hours, days, weeks or workdays)");
	assert_int_equal(duration_parse("3 days later", &d, &cause), -1);
	assert_int_equal(duration_parse("-1 days", &d, &cause), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crlf_and_line_length),
		cmocka_unit_test(test_header_injection),
		cmocka_unit_test(test_redate),
		cmocka_unit_test(test_address_headers_fold),
		cmocka_unit_test(test_long_chinese_subject_folds),
		cmocka_unit_test(test_base64),
		cmocka_unit_test(test_split_address),
		cmocka_unit_test(test_duration_parse),
	};

	tz_set("Asia/Shanghai");
	return cmocka_run_group_tests_name("message", tests, NULL, NULL);
}
