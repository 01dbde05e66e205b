/*
 * /queue/ID/print: the 督办单 of an escalated item, one A4 page as the office
 * prints, signs and stamps it: the case, the department and its head, the
 * step, when it was assigned, its deadline and how far past it the item
 * is, what the department must do and by when it answers, the office and
 * the body it was escalated to. Only for an account that may see the entry.
 * Its print style is the pages' own (web_css: A4, no header or links).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web.h"
#include "duban/tz.h"

static void
row(struct buf *b, const char *name, const char *value)
{
	buf_puts(b, "<tr><th>");
	html_escape(b, name);
	buf_puts(b, "</th><td>");
	html_escape(b, value != NULL && *value ? value : "—");
	buf_puts(b, "</td></tr>\n");
}

/* 0 (b filled), or -1: no such entry, or not this account's to see. */
int
page_print(struct web *w, const struct user *u, int64_t id, instant_t now, struct buf *b)
{
	struct escalation_row e;
	struct action a;
	const struct target *t;
	char notified[32], due[32], opened[32], late[64], today[32], *dot;
	int y, m, d, days;

	if (store_escalation_get(w->store, id, &e) != 0)
		return -1;
	if (!web_sees(u, e.target) || store_action_get(w->store, e.action_id, &a) != 0) {
		store_escalation_clear(&e);
		return -1;
	}
	t = conf_target(w->conf, e.target);
	page_head(w, "督办单", b);
	day_to_civil(tz_day_of(e.opened_at), &y, &m, &d);
	buf_puts(b, "<p class=\"noprint\"><a href=\"../");
	buf_printf(b, "%lld\">返回督办事项</a>（打印本页即得督办单，A4 一页）</p>\n", (long long)id);
	buf_puts(b, "<h2 class=\"sheet\">督办单</h2>\n");
	buf_printf(b, "<p class=\"no\">督办〔%04d〕第 %lld 号</p>\n<table class=\"sheet\">\n", y,
	    (long long)id);
	row(b, "案件编号", e.case_number);
	row(b, "案件名称", e.case_title);
	row(b, "承办单位", e.dept_name);
	row(b, "单位负责人", a.dept.head);
	row(b, "办理事项", conf_step_name(w->conf, a.step));
	row(b, "具体内容", a.what);
	row(b, "交办时间", instant_format(a.notified_at, notified, sizeof(notified)));
	row(b, "办理期限", e.due_at ? instant_deadline(e.due_at, due, sizeof(due)) : "");
	if (a.done_at != 0)
		snprintf(late, sizeof(late), "已办结");
	else if (e.due_at != 0 && now > e.due_at) {
		days = (int)((now - e.due_at) / 86400000);
		if (days > 0)
			snprintf(late, sizeof(late), "已逾期 %d 日", days);
		else
			snprintf(late, sizeof(late), "已逾期（不足 1 日）");
	} else
		snprintf(late, sizeof(late), "未逾期");
	row(b, "逾期情况", late);
	instant_format(e.opened_at, opened, sizeof(opened));
	if ((dot = strchr(opened, ' ')) != NULL)
		*dot = '\0';
	row(b, "移交督办", opened);
	row(b, "移交对象", t != NULL && t->label != NULL ? t->label : e.target);
	buf_puts(b, "</table>\n<p class=\"ask\">上述事项已超过办理期限。请");
	html_escape(b, e.dept_name);
	buf_puts(b, "接到本督办单后立即办理，并将办理情况及未按期办结的原因书面报告");
	html_escape(b, w->conf->office_name);
	buf_puts(b, "，并抄送");
	html_escape(b, t != NULL && t->label != NULL ? t->label : e.target);
	buf_puts(b, "。</p>\n");
	if (w->conf->office_contact != NULL) {
		buf_puts(b, "<p>联系人：");
		html_escape(b, w->conf->office_contact);
		buf_puts(b, "</p>\n");
	}
	day_to_civil(tz_day_of(now), &y, &m, &d);
	snprintf(today, sizeof(today), "%04d年%d月%d日", y, m, d);
	buf_puts(b, "<div class=\"seal\">");
	html_escape(b, w->conf->office_name);
	buf_puts(b, "（盖章）<br>");
	html_escape(b, today);
	buf_puts(b, "</div>\n</main></body></html>\n");
	store_action_clear(&a);
	store_escalation_clear(&e);
	return 0;
}
