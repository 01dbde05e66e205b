/*
 * The pages, in Chinese, HTML and CSS only: no script, nothing from another
 * host. Every stored text is escaped; nothing a person wrote is ever
 * markup.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web.h"
#include "duban/notice.h"
#include "duban/rules.h"

const char web_css[] =
    "body{font-family:\"Noto Sans CJK SC\",\"Noto Sans SC\",sans-serif;margin:0;color:#1b1b1b;"
    "background:#f4f4f2}\n"
    "header{background:#9e1b1b;color:#fff;padding:.8em 1.2em}\n"
    "header h1{margin:0;font-size:1.3em}\n"
    "main{max-width:46em;margin:1em auto;background:#fff;padding:1em 1.5em;"
    "border:1px solid #ddd}\n"
    "h2{font-size:1.1em;border-bottom:1px solid #ddd;padding-bottom:.2em}\n"
    "table.facts{border-collapse:collapse;width:100%}\n"
    "table.facts th{text-align:left;width:7em;color:#555;font-weight:normal;padding:.25em}\n"
    "table.facts td{padding:.25em}\n"
    ".light{display:inline-block;padding:.2em .8em;border-radius:1em;color:#fff;"
    "font-weight:bold}\n"
    ".green{background:#2e7d32}.yellow{background:#b58100}.red{background:#c62828}"
    ".escalated{background:#4a148c}.done{background:#555}.paused{background:#546e7a}\n"
    "textarea{width:100%;min-height:8em;font:inherit}\n"
    "button{font:inherit;padding:.3em 1.2em;margin-top:.5em}\n"
    ".notice{background:#e8f5e9;border:1px solid #2e7d32;padding:.5em}\n"
    ".refused{background:#ffebee;border:1px solid #c62828;padding:.5em}\n"
    "ul.log{padding-left:1.2em}ul.log li{margin:.3em 0;white-space:pre-wrap}\n"
    "footer{max-width:46em;margin:0 auto 2em;color:#666;font-size:.85em}\n"
    "form.inline{display:inline;margin-left:1em}\n"
    "pre.record{white-space:pre-wrap;background:#fafafa;border:1px solid #ddd;padding:.5em;"
    "font-size:.85em}\n"
    "nav{max-width:64em;margin:.6em auto 0;padding:0 .2em}nav a{margin-right:1em}"
    "nav .who{color:#555;margin-left:1em}\n"
    "main:has(table.list){max-width:64em}\n"
    "table.list{border-collapse:collapse;width:100%;font-size:.92em}\n"
    "table.list th{background:#eee;text-align:left;padding:.3em}\n"
    "table.list td{border-top:1px solid #ddd;padding:.3em;vertical-align:top}\n"
    "td.n{text-align:right}td.detail{white-space:pre-wrap;word-break:break-all}\n"
    "form.filters label{margin-right:.8em}svg.chart{max-width:100%;height:auto}\n"
    "section.request{border-top:1px solid #ddd;margin-top:1em}\n"
    "@page{size:A4;margin:18mm 20mm}\n"
    "@media print{header,nav,.noprint{display:none}main{border:0;margin:0;padding:0;"
    "max-width:none}body{background:#fff}}\n"
    "h2.sheet{text-align:center;font-size:1.9em;letter-spacing:.6em;border:0;color:#9e1b1b;"
    "margin:.4em 0 .1em}\n"
    "p.no{text-align:center;margin:0 0 1em}\n"
    "table.sheet{border-collapse:collapse;width:100%}\n"
    "table.sheet th,table.sheet td{border:1px solid #333;padding:.55em .6em;text-align:left;"
    "vertical-align:top}\n"
    "table.sheet th{width:7em;font-weight:normal;background:#f4f4f2}\n"
    "p.ask{line-height:1.9;text-indent:2em}\n"
    "div.seal{margin-top:2.5em;text-align:right;line-height:2.2}\n";

void
html_escape(struct buf *b, const char *s)
{
	for (; s != NULL && *s; s++)
		switch (*s) {
		case '<':
			buf_puts(b, "&lt;");
			break;
		case '>':
			buf_puts(b, "&gt;");
			break;
		case '&':
			buf_puts(b, "&amp;");
			break;
		case '"':
			buf_puts(b, "&quot;");
			break;
		case '\'':
			buf_puts(b, "&#39;");
			break;
		default:
			buf_add(b, s, 1);
		}
}

void
page_head(struct web *w, const char *title, struct buf *b)
{
	buf_puts(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
	    "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
	    "<meta name=\"robots\" content=\"noindex\"><title>");
	html_escape(b, title);
	/* the style inline, allowed by its digest in the Content-Security-Policy */
	buf_puts(b, "</title><style>");
	buf_puts(b, web_css);
	buf_puts(b, "</style></head>\n<body><header><h1>");
	html_escape(b, w->conf->office_name);
	buf_puts(b, " · 督办事项</h1></header>\n<main>\n");
}

void
page_message(struct web *w, const char *title, const char *text, struct buf *b)
{
	page_head(w, title, b);
	buf_puts(b, "<h2>");
	html_escape(b, title);
	buf_puts(b, "</h2>\n<p>");
	html_escape(b, text);
	buf_puts(b, "</p>\n<p>如有疑问，请与");
	html_escape(b, w->conf->office_name);
	if (w->conf->office_contact) {
		buf_puts(b, "联系（");
		html_escape(b, w->conf->office_contact);
		buf_puts(b, "）");
	} else
		buf_puts(b, "联系");
	buf_puts(b, "。</p>\n</main></body></html>\n");
}

void
page_fact(struct buf *b, const char *name, const char *value)
{
	buf_puts(b, "<tr><th>");
	html_escape(b, name);
	buf_puts(b, "</th><td>");
	html_escape(b, value && *value ? value : "—");
	buf_puts(b, "</td></tr>\n");
}

/* A light's class in the style and its words (亮灯). */
const char *
light_class(enum office_light l, const char **words)
{
	static const char *const cls[] = { "green", "yellow", "red", "escalated", "paused", "done" };
	static const char *const said[] = { "期限内", "即将到期", "已逾期", "已移交督办", "暂停计时",
	    "已办结" };

	*words = said[l];
	return cls[l];
}

/* Its light: the office's, or escalated where an entry of this cycle is in the queue. */
static const char *
light(struct web *w, const struct answer_ctx *ctx, instant_t now, const char **words)
{
	enum office_light l = office_light(w->conf, &ctx->action, now);

	if (ctx->action.done_at != 0)
		l = LIGHT_NONE;
	else if (ctx->escalated && w->conf->web.escalated_light && l != LIGHT_PAUSED)
		l = LIGHT_ESCALATED;
	else if (l == LIGHT_NONE)
		l = LIGHT_GREEN;	/* open, no deadline */
	return light_class(l, words);
}

struct log_ctx {
	struct buf	*b;
	int		 n;
};

/* An audit row as the department reads it: what, in Chinese, and what was said. */
static const struct { const char *what, *label; bool said; } log_labels[] = {
	{ "ack", "签收", false },
	{ "progress", "进展反馈", true },
	{ "extend request", "延期申请", true },
	{ "extend decision", "延期申请审核", true },
	{ "extend", "延期", false },
	{ "done report", "办结报告", true },
	{ "done decision", "办结报告审核", true },
	{ "done", "办结", false },
};

static int
log_line(instant_t at, const char *who, int64_t action, const char *what, const char *detail,
    void *arg)
{
	struct log_ctx *l = arg;
	const char *said = NULL, *from;
	char when[32];
	size_t i;

	(void)who;
	(void)action;
	for (i = 0; i < sizeof(log_labels) / sizeof(log_labels[0]); i++)
		if (strcmp(what, log_labels[i].what) == 0)
			break;
	if (i == sizeof(log_labels) / sizeof(log_labels[0]))
		return 0;	/* the office's own rows stay the office's */
	/* what the department or the office said: after "from ADDRESS: ", or the decision's ": " */
	if (log_labels[i].said && detail != NULL) {
		from = strstr(detail, " from ");
		said = strstr(from ? from : detail, ": ");
		said = said ? said + 2 : NULL;
	}
	if (l->n++ == 0)
		buf_puts(l->b, "<h2>办理记录</h2>\n<ul class=\"log\">\n");
	buf_puts(l->b, "<li>");
	html_escape(l->b, instant_format(at, when, sizeof(when)));
	buf_puts(l->b, "　");
	html_escape(l->b, log_labels[i].label);
	if (strcmp(what, "extend decision") == 0 || strcmp(what, "done decision") == 0) {
		buf_puts(l->b, "：");
		html_escape(l->b, strstr(detail, " approved") ? "批准" : strstr(detail, " refused") ?
		    "不予批准" : strstr(detail, " confirmed") ? "确认办结" : "退回");
		if (said != NULL) {
			buf_puts(l->b, "，");
			html_escape(l->b, said);
		}
	} else if (said != NULL) {
		buf_puts(l->b, "：");
		html_escape(l->b, said);
	}
	buf_puts(l->b, "</li>\n");
	return 0;
}

static void
form_head(struct buf *b, const char *form_tok, const char *op)
{
	buf_puts(b, "<form method=\"post\"><input type=\"hidden\" name=\"form\" value=\"");
	html_escape(b, form_tok);
	buf_printf(b, "\"><input type=\"hidden\" name=\"op\" value=\"%s\">", op);
}

/* 延期申请 (before the deadline, where its rule extends) and 办结报告, or that one waits. */
static void
requests_forms(struct web *w, const struct answer_ctx *ctx, const char *form_tok, instant_t now,
    struct buf *b)
{
	const struct action *a = &ctx->action;
	const struct rule *r = a->rule ? conf_rule(w->conf, a->rule) : NULL;
	int64_t ext, done;

	if (a->done_at != 0)
		return;
	ext = store_request_pending(w->store, a->id, "extend");
	done = store_request_pending(w->store, a->id, "done");
	if (r != NULL && r->has_extend && a->nextensions < r->extend_times && a->due_at > now) {
		buf_puts(b, "<h2>延期申请</h2>\n");
		if (ext > 0)
			buf_puts(b, "<p>延期申请已提交，待督办部门审核；审核前办理期限不变。</p>\n");
		else {
			form_head(b, form_tok, "extend");
			buf_printf(b, "<p>须在期限届满前提出，至多延长 %d %s（规则上限），由督办部门审批。</p>"
			    "<p><label for=\"until\">申请延长至：</label>"
			    "<input type=\"date\" id=\"until\" name=\"until\" required></p>"
			    "<p><label for=\"reason\">延期理由：</label></p>"
			    "<textarea id=\"reason\" name=\"text\" maxlength=\"1300\" required></textarea>"
			    "<br><button type=\"submit\">提交延期申请</button></form>\n",
			    r->extend_max.n, r->extend_max.unit == UNIT_WORKDAYS ? "个工作日" :
			    r->extend_max.unit == UNIT_DAYS ? "日" : "");
		}
	}
	buf_puts(b, "<h2>办结报告</h2>\n");
	if (done > 0) {
		buf_puts(b, "<p>办结报告已提交，待督办部门审核；审核期间暂停计时。</p>\n");
		return;
	}
	form_head(b, form_tok, "done");
	buf_puts(b, "<p><label for=\"opinion\">办理结果及书面意见：</label></p>"
	    "<textarea id=\"opinion\" name=\"text\" maxlength=\"1300\" required></textarea>"
	    "<br><button type=\"submit\">提交办结报告</button></form>\n");
}

void
page_action(struct web *w, const struct answer_ctx *ctx, const char *form_tok,
    const char *notice, instant_t now, struct buf *b)
{
	const struct action *a = &ctx->action;
	struct log_ctx l = { b, 0 };
	char due[32], notified[32], acked[32], expires[32], title[64], *pet;
	const char *words, *cls;

	snprintf(title, sizeof(title), "督办事项 %lld", (long long)a->id);
	page_head(w, title, b);
	if (notice != NULL) {
		buf_puts(b, "<p class=\"notice\">");
		html_escape(b, notice);
		buf_puts(b, "</p>\n");
	}
	cls = light(w, ctx, now, &words);
	buf_printf(b, "<p><span class=\"light %s\">", cls);
	html_escape(b, words);
	buf_puts(b, "</span></p>\n<table class=\"facts\">\n");
	instant_deadline(a->due_at, due, sizeof(due));
	instant_format(a->notified_at, notified, sizeof(notified));
	pet = w->conf->mail.mask ? notice_mask_name(a->kase.petitioner) :
	    strdup(a->kase.petitioner ? a->kase.petitioner : "");
	page_fact(b, "案件编号", a->kase.number);
	page_fact(b, "案件名称", a->kase.title);
	page_fact(b, "信访人", pet);
	page_fact(b, "承办单位", a->dept.name);
	page_fact(b, "办理事项", conf_step_name(w->conf, a->step));
	page_fact(b, "具体内容", a->what);
	page_fact(b, "通知时间", notified);
	page_fact(b, "办理期限", a->due_at ? due : "");
	page_fact(b, "签收", a->acked_at ? instant_format(a->acked_at, acked, sizeof(acked)) : "尚未签收");
	buf_puts(b, "</table>\n");
	free(pet);
	if (a->done_at == 0 && a->acked_at == 0) {
		buf_puts(b, "<h2>签收</h2>\n<form method=\"post\"><input type=\"hidden\" name=\"form\""
		    " value=\"");
		html_escape(b, form_tok);
		buf_puts(b, "\"><input type=\"hidden\" name=\"op\" value=\"ack\">"
		    "<p>确认贵单位已收到本督办事项。签收不改变办理期限。</p>"
		    "<button type=\"submit\">签收</button></form>\n");
	}
	if (a->done_at == 0) {
		buf_puts(b, "<h2>进展反馈</h2>\n<form method=\"post\"><input type=\"hidden\""
		    " name=\"form\" value=\"");
		html_escape(b, form_tok);
		buf_puts(b, "\"><input type=\"hidden\" name=\"op\" value=\"progress\">"
		    "<p><label for=\"text\">目前办理情况（至多 4000 字节）：</label></p>"
		    "<textarea id=\"text\" name=\"text\" maxlength=\"1300\" required></textarea>"
		    "<br><button type=\"submit\">提交进展</button></form>\n");
	}
	requests_forms(w, ctx, form_tok, now, b);
	if (store_event_each(w->store, a->id, 0, 0, log_line, &l) != 0)
		buf_puts(b, "<p class=\"refused\">办理记录暂时无法读取。</p>\n");
	if (l.n > 0)
		buf_puts(b, "</ul>\n");
	instant_format(ctx->link.expires, expires, sizeof(expires));
	buf_puts(b, "</main>\n<footer>本页面链接发给 ");
	html_escape(b, ctx->recipient);
	buf_puts(b, "，有效期至 ");
	html_escape(b, expires);
	buf_puts(b, "。所有操作均记录在案（时间、地址），请勿转发。</footer>\n</body></html>\n");
}
