/* Message composition: CRLF, encoded and folded headers, no header injection. */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "duban/message.h"
#include "duban/notice.h"
#include "duban/xmalloc.h"
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

/* A notice's variables as stored and back: any byte but NUL, in any order. */
static void
test_vars_roundtrip(void **state)
{
	struct tpl_var in[] = {
		{ "case", "C1" }, { "case_title", "标题 7:含冒号 与空格\n第二行" }, { "what", "" },
		{ "escalation", "如至 2026-06-12 24:00 仍未办结" }, { "x", "12 3:abc" },
	}, out[NOTICE_VARS_MAX];
	char *enc = notice_vars_encode(in, 5), *mem;
	int n, i;

	(void)state;
	n = notice_vars_decode(enc, out, NOTICE_VARS_MAX, &mem);
	assert_int_equal(n, 5);
	for (i = 0; i < 5; i++) {
		assert_string_equal(out[i].name, in[i].name);
		assert_string_equal(out[i].value, in[i].value);
	}
	free(mem);
	free(enc);
	/* none at all */
	assert_int_equal(notice_vars_decode("", out, NOTICE_VARS_MAX, &mem), 0);
	free(mem);
}

/* What is not an encoding is refused, never read past its end. */
static void
test_vars_refused(void **state)
{
	static const char *const bad[] = {
		"case", "case 2", "case 2C1", "case 3:C1", "case x:C1", " 2:C1", "case :C1",
		"case 2:C1dept 99:x", "case -1:C1", "case 18446744073709551617:C1",
	};
	struct tpl_var out[2];
	char *mem;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(notice_vars_decode(bad[i], out, 2, &mem), -1);
		assert_null(mem);
	}
	/* more than the room given */
	assert_int_equal(notice_vars_decode("a 0:b 0:c 0:", out, 2, &mem), -1);
}

/*
 * A notice composed when it is sent is the message composed from the same
 * parts at once; one queued before (its text stored) is that text redated;
 * one whose stored parts cannot compose it gives NULL.
 */
static void
test_notice_message(void **state)
{
	struct tpl_var v[] = { { "head", "于海滨" }, { "case", "C1" } };
	struct mail m = sample();
	struct outbox_item it;
	char *want, *got, *vars = notice_vars_encode(v, 2);

	(void)state;
	memset(&it, 0, sizeof(it));
	it.recipient = xstrdup(m.to_addr);
	it.recipient_name = xstrdup(m.to_name);
	it.subject = xstrdup(m.subject);
	it.message_id = xstrdup(m.message_id);
	it.thread_id = xstrdup(m.thread_id);
	it.ref = xstrdup("1 overdue");
	it.sender = xstrdup(m.from);
	it.body = xstrdup("{head}同志：\n\n{case}请办理。\n");
	it.vars = vars;
	m.body = "于海滨同志：\n\nC1请办理。\n";
	m.action_ref = "1 overdue";
	want = message_compose(&m);
	got = notice_message(&it, m.date);
	assert_string_equal(got, want);
	free(got);
	/* a stored text (schema 13) is sent as it was, with the date of sending */
	it.message = want;
	got = notice_message(&it, m.date + 3600000);
	assert_non_null(strstr(got, "Date: Fri, 15 Jan 2027 17:00:00 +0800\r\n"));
	assert_int_equal(strlen(got), strlen(want));
	free(got);
	it.message = xstrdup("");
	free(want);
	it.vars = xstrdup("head 99:x");
	assert_null(notice_message(&it, m.date));
	free(it.vars);
	it.vars = vars;
	free(it.body);
	it.body = NULL;
	assert_null(notice_message(&it, m.date));
	store_outbox_item_clear(&it);
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
		cmocka_unit_test(test_vars_roundtrip),
		cmocka_unit_test(test_vars_refused),
		cmocka_unit_test(test_notice_message),
	};

	tz_set("Asia/Shanghai");
	return cmocka_run_group_tests_name("message", tests, NULL, NULL);
}
