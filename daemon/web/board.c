/*
 * The signed-in pages of the office and the leaders: the board of open
 * actions with their lights (亮灯), an action's timeline, and the figures
 * of the report with their bar chart (SVG written here). A leader sees his
 * own cases only; what the office decides is in office.c. Every parameter
 * is hostile: bound, never spliced, and escaped where it is shown again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web.h"
#include "duban/day.h"
#include "duban/notice.h"
#include "duban/csv.h"
#include "duban/text.h"
#include "duban/tz.h"
#include "duban/xmalloc.h"

#define BOARD_PAGE	100	/* rows a page of the board */
#define BOARD_PAGES	1000	/* pages it goes to */

bool
web_is(const struct user *u, const char *role)
{
	return strcmp(u->role, role) == 0;
}

/* Does the case of a belong to the leader (ACTION_COLUMNS give "NAME <ADDRESS>")? */
bool
web_leader_owns(const struct action *a, const char *leader)
{
	size_t n = leader ? strlen(leader) : 0;
	const char *l = a->kase.leader;

	return n > 0 && l != NULL && strncmp(l, leader, n) == 0 &&
	    (l[n] == '\0' || strncmp(l + n, " <", 2) == 0);
}

void
page_nav(struct web *w, const struct user *u, const char *up, const char *title,
    const char *form_tok, struct buf *b)
{
	bool office = web_is(u, "office"), leader = web_is(u, "leader");

	page_head(w, title, b);
	buf_puts(b, "<nav>");
	if (office || leader)
		buf_printf(b, "<a href=\"%sboard\">办理看板</a> <a href=\"%sreport\">统计</a> ", up, up);
	if (office)
		buf_printf(b, "<a href=\"%srequests\">待审核</a> ", up);
	if (!leader)
		buf_printf(b, "<a href=\"%squeue\">督办队列</a> ", up);
	buf_puts(b, "<span class=\"who\">");
	html_escape(b, u->name);
	buf_puts(b, "（");
	html_escape(b, u->role);
	buf_printf(b, "）</span><form method=\"post\" action=\"%slogout\" class=\"inline\">"
	    "<input type=\"hidden\" name=\"form\" value=\"", up);
	html_escape(b, form_tok);
	buf_puts(b, "\"><button type=\"submit\">退出</button></form></nav>\n");
}

/* A query parameter: NULL when absent or empty; *bad when not text a person writes. */
const char *
web_arg(struct MHD_Connection *c, const char *name, bool *bad)
{
	const char *v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, name);
	size_t n, at;

	if (v == NULL || v[0] == '\0')
		return NULL;
	n = strlen(v);
	if (n > 200 || !utf8_valid(v, n, &at) || strpbrk(v, "\r\n\t") != NULL) {
		*bad = true;
		return NULL;
	}
	return v;
}

struct opts {
	struct buf	*b;
	const char	*selected;
};

static void
option(struct buf *b, const char *value, const char *label, const char *selected)
{
	buf_puts(b, "<option value=\"");
	html_escape(b, value);
	buf_puts(b, selected != NULL && strcmp(selected, value) == 0 ? "\" selected>" : "\">");
	html_escape(b, label);
	buf_puts(b, "</option>");
}

static int
dept_option(const struct department *d, void *arg)
{
	struct opts *o = arg;
	char label[300];

	snprintf(label, sizeof(label), "%s %s", d->code, d->name);
	option(o->b, d->code, label, o->selected);
	return 0;
}

static int
leader_option(const char *name, const char *title, const char *email, void *arg)
{
	struct opts *o = arg;

	(void)title;
	(void)email;
	option(o->b, name, name, o->selected);
	return 0;
}

struct board_ctx {
	struct web	*w;
	struct buf	*b;
	instant_t	 now;
	int		 n;
};

static int
board_row(const struct action *a, void *arg)
{
	struct board_ctx *k = arg;
	const char *words, *cls;
	char due[32];

	if (++k->n > BOARD_PAGE)
		return 1;	/* one more: there is a next page */
	if (k->n == 1)
		buf_puts(k->b, "<table class=\"list\"><tr><th>亮灯</th><th>案件</th><th>承办单位</th>"
		    "<th>办理事项</th><th>办理期限</th><th>签收</th></tr>\n");
	cls = light_class(office_light(k->w->conf, a, k->now), &words);
	buf_printf(k->b, "<tr><td><span class=\"light %s\">", cls);
	html_escape(k->b, words);
	buf_printf(k->b, "</span></td><td><a href=\"action/%lld\">", (long long)a->id);
	html_escape(k->b, a->kase.number);
	buf_puts(k->b, "</a> ");
	html_escape(k->b, a->kase.title);
	if (a->kase.key_case)
		buf_puts(k->b, " <strong>（重点）</strong>");
	buf_puts(k->b, "</td><td>");
	html_escape(k->b, a->dept.name);
	buf_puts(k->b, "</td><td>");
	html_escape(k->b, conf_step_name(k->w->conf, a->step));
	if (a->what != NULL) {
		buf_puts(k->b, "：");
		html_escape(k->b, a->what);
	}
	buf_puts(k->b, "</td><td>");
	html_escape(k->b, instant_deadline(a->due_at, due, sizeof(due)));
	buf_printf(k->b, "</td><td>%s</td></tr>\n", a->acked_at ? "已签收" : "未签收");
	return 0;
}

/* A query value, percent-encoded but for what RFC 3986 leaves unreserved. */
static void
url_escape(struct buf *b, const char *s)
{
	for (; *s; s++)
		if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    strchr("-._~", *s) != NULL)
			buf_add(b, s, 1);
		else
			buf_printf(b, "%%%02X", (unsigned char)*s);
}

/* The board's own address with its filters and a page: for the next and previous links. */
static void
board_href(struct buf *b, const struct board_filter *f, bool leader, int page)
{
	const char *sep = "?";

	buf_puts(b, "board");
	if (f->dept) {
		buf_puts(b, "?dept=");
		url_escape(b, f->dept);
		sep = "&amp;";
	}
	if (f->step) {
		buf_printf(b, "%sstep=", sep);
		url_escape(b, f->step);
		sep = "&amp;";
	}
	if (f->leader && !leader) {
		buf_printf(b, "%sleader=", sep);
		url_escape(b, f->leader);
		sep = "&amp;";
	}
	if (f->key_only) {
		buf_printf(b, "%skey=1", sep);
		sep = "&amp;";
	}
	buf_printf(b, "%spage=%d", sep, page);
}

int
page_board(struct web *w, struct MHD_Connection *c, const struct user *u, const char *form_tok,
    instant_t now, struct buf *b)
{
	struct board_filter f = { 0 };
	struct board_ctx k = { w, b, now, 0 };
	struct opts o = { b, NULL };
	bool bad = false, leader = web_is(u, "leader");
	const char *page_s;
	long page = 0;
	char *end;
	int rc;

	f.dept = web_arg(c, "dept", &bad);
	f.step = web_arg(c, "step", &bad);
	f.leader = leader ? u->dept : web_arg(c, "leader", &bad);
	f.key_only = web_arg(c, "key", &bad) != NULL;
	if ((page_s = web_arg(c, "page", &bad)) != NULL) {
		page = strtol(page_s, &end, 10);
		if (*end != '\0' || page < 0 || page >= BOARD_PAGES)
			bad = true;
	}
	if (bad)
		return 400;
	f.limit = BOARD_PAGE + 1;
	f.offset = (int)page * BOARD_PAGE;
	page_nav(w, u, "", "办理看板", form_tok, b);
	buf_puts(b, "<h2>办理看板");
	if (leader) {
		buf_puts(b, "：");
		html_escape(b, u->dept);
		buf_puts(b, " 包案");
	}
	buf_puts(b, "</h2>\n<form method=\"get\" action=\"board\" class=\"filters\">"
	    "<label>承办单位 <select name=\"dept\"><option value=\"\">全部</option>");
	o.selected = f.dept;
	if (store_dept_each(w->store, dept_option, &o) != 0)
		return -1;
	buf_puts(b, "</select></label> <label>办理事项 ");
	/* the configuration's step kinds (reading the store's would count every action) */
	if (w->conf->nsteps > 0) {
		buf_puts(b, "<select name=\"step\"><option value=\"\">全部</option>");
		for (int i = 0; i < w->conf->nsteps; i++)
			option(b, w->conf->steps[i].key, w->conf->steps[i].name ?
			    w->conf->steps[i].name : w->conf->steps[i].key, f.step);
		buf_puts(b, "</select>");
	} else {
		buf_puts(b, "<input name=\"step\" size=\"12\" maxlength=\"100\" value=\"");
		html_escape(b, f.step);
		buf_puts(b, "\">");
	}
	buf_puts(b, "</label> ");
	if (!leader) {
		buf_puts(b, "<label>包案领导 <select name=\"leader\"><option value=\"\">全部</option>");
		o.selected = f.leader;
		if (store_leader_each(w->store, NULL, leader_option, &o) < 0)
			return -1;
		buf_puts(b, "</select></label> ");
	}
	buf_printf(b, "<label><input type=\"checkbox\" name=\"key\" value=\"1\"%s> 仅重点案件</label> "
	    "<button type=\"submit\">筛选</button></form>\n", f.key_only ? " checked" : "");
	buf_puts(b, "<p class=\"legend\"><span class=\"light green\">期限内</span> "
	    "<span class=\"light yellow\">即将到期</span> <span class=\"light red\">已逾期</span> ");
	if (w->conf->web.escalated_light)
		buf_puts(b, "<span class=\"light escalated\">已移交督办</span> ");
	buf_puts(b, "<span class=\"light paused\">暂停计时</span>（按办理期限排序，"
	    "未设期限的事项不列入）</p>\n");
	if ((rc = store_board_each(w->store, &f, board_row, &k)) < 0)
		return -1;
	if (k.n == 0)
		buf_puts(b, "<p>没有符合条件的在办事项。</p>\n");
	else
		buf_puts(b, "</table>\n");
	buf_puts(b, "<p class=\"pages\">");
	if (page > 0) {
		buf_puts(b, "<a href=\"");
		board_href(b, &f, leader, (int)page - 1);
		buf_puts(b, "\">上一页</a> ");
	}
	buf_printf(b, "第 %ld 页", page + 1);
	if (k.n > BOARD_PAGE && page + 1 < BOARD_PAGES) {
		buf_puts(b, " <a href=\"");
		board_href(b, &f, leader, (int)page + 1);
		buf_puts(b, "\">下一页</a>");
	}
	buf_puts(b, "</p>\n</main></body></html>\n");
	return 200;
}

static int
timeline_row(instant_t at, const char *who, int64_t action, const char *what,
    const char *detail, void *arg)
{
	struct buf *b = arg;
	char when[32];

	(void)action;
	buf_puts(b, "<tr><td>");
	html_escape(b, instant_format(at, when, sizeof(when)));
	buf_puts(b, "</td><td>");
	html_escape(b, who);
	buf_puts(b, "</td><td>");
	html_escape(b, what);
	buf_puts(b, "</td><td class=\"detail\">");
	html_escape(b, detail);
	buf_puts(b, "</td></tr>\n");
	return 0;
}

/* /action/ID: an action's facts and its timeline (the audit log); a leader's own only. */
int
page_timeline(struct web *w, const struct user *u, int64_t id, const char *form_tok,
    instant_t now, struct buf *b)
{
	struct action a;
	char due[32], notified[32], acked[32], done[32], title[64], *pet;
	const char *words, *cls;
	int rc;

	if ((rc = store_action_get(w->store, id, &a)) != 0)
		return rc == STORE_NOT_FOUND ? 404 : -1;
	if (web_is(u, "leader") && !web_leader_owns(&a, u->dept)) {
		store_action_clear(&a);
		return 404;	/* not his: as if there were none */
	}
	snprintf(title, sizeof(title), "督办事项 %lld", (long long)id);
	page_nav(w, u, "../", title, form_tok, b);
	cls = light_class(office_light(w->conf, &a, now), &words);
	buf_printf(b, "<h2>%s <span class=\"light %s\">", title, cls);
	html_escape(b, words);
	buf_puts(b, "</span></h2>\n<table class=\"facts\">\n");
	/* the office sees the petitioner; others as mail shows it */
	pet = w->conf->mail.mask && !web_is(u, "office") ? notice_mask_name(a.kase.petitioner) :
	    xstrdup(a.kase.petitioner ? a.kase.petitioner : "");
	page_fact(b, "案件编号", a.kase.number);
	page_fact(b, "案件名称", a.kase.title);
	page_fact(b, "信访人", pet);
	page_fact(b, "包案领导", a.kase.leader);
	page_fact(b, "承办单位", a.dept.name);
	page_fact(b, "办理事项", conf_step_name(w->conf, a.step));
	page_fact(b, "具体内容", a.what);
	page_fact(b, "通知时间", instant_format(a.notified_at, notified, sizeof(notified)));
	page_fact(b, "办理期限", a.due_at ? instant_deadline(a.due_at, due, sizeof(due)) : "");
	page_fact(b, "签收", a.acked_at ? instant_format(a.acked_at, acked, sizeof(acked)) : "尚未签收");
	page_fact(b, "办结", a.done_at ? instant_format(a.done_at, done, sizeof(done)) : "在办");
	buf_puts(b, "</table>\n<h2>办理过程</h2>\n<table class=\"list\"><tr><th>时间</th><th>操作人"
	    "</th><th>事项</th><th>内容</th></tr>\n");
	free(pet);
	rc = store_event_each(w->store, id, 0, 0, timeline_row, b);
	store_action_clear(&a);
	if (rc != 0)
		return -1;
	buf_puts(b, "</table>\n</main></body></html>\n");
	return 200;
}
