/*
 * The office's and the leaders' pages, signed in: the board, an action's
 * timeline, the figures (board.c, figures.c), and for the office the
 * requests departments sent by their links, decided here as with dubanctl
 * extension approve|refuse and report-done confirm|return (office_decide).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web.h"
#include "duban/control.h"
#include "duban/log.h"

struct req_ctx {
	struct web	*w;
	struct buf	*b;
	const char	*form_tok;
	int		 n;
};

static void
hidden(struct buf *b, const char *name, const char *value)
{
	buf_printf(b, "<input type=\"hidden\" name=\"%s\" value=\"", name);
	html_escape(b, value);
	buf_puts(b, "\">");
}

static int
request_row(const struct request *r, void *arg)
{
	struct req_ctx *k = arg;
	struct buf *b = k->b;
	char at[32], until[32], id[24];
	bool ext = strcmp(r->kind, "extend") == 0;

	snprintf(id, sizeof(id), "%lld", (long long)r->id);
	k->n++;
	buf_printf(b, "<section class=\"request\"><h3>%s %s：", ext ? "延期申请" : "办结报告", id);
	html_escape(b, r->case_number);
	buf_puts(b, " ");
	html_escape(b, r->dept_name);
	buf_printf(b, "</h3>\n<p><a href=\"action/%lld\">事项 %lld</a>，", (long long)r->action_id,
	    (long long)r->action_id);
	html_escape(b, r->asked_by);
	buf_puts(b, " 于 ");
	html_escape(b, instant_format(r->asked_at, at, sizeof(at)));
	buf_puts(b, " 提交");
	if (ext) {
		buf_puts(b, "，申请延长至 ");
		html_escape(b, instant_deadline(r->until_at, until, sizeof(until)));
	}
	buf_puts(b, "。</p>\n<pre class=\"record\">");
	html_escape(b, r->text);
	buf_puts(b, "</pre>\n<form method=\"post\" action=\"requests\">");
	hidden(b, "form", k->form_tok);
	hidden(b, "id", id);
	if (ext)
		buf_puts(b, "<p><label>审批人（批准时必填）：<input name=\"approver\" maxlength=\"100\">"
		    "</label></p>");
	buf_puts(b, "<p><label>意见（不予批准或退回时必填）：</label></p>"
	    "<textarea name=\"note\" maxlength=\"1300\"></textarea><br>");
	if (ext)
		buf_puts(b, "<button type=\"submit\" name=\"op\" value=\"approve\">批准延期</button> "
		    "<button type=\"submit\" name=\"op\" value=\"refuse\">不予批准</button>");
	else
		buf_puts(b, "<button type=\"submit\" name=\"op\" value=\"confirm\">确认办结</button> "
		    "<button type=\"submit\" name=\"op\" value=\"return\">退回</button>");
	buf_puts(b, "</form></section>\n");
	return 0;
}

static int
page_requests(struct web *w, const struct user *u, const char *form_tok, const char *notice,
    struct buf *b)
{
	struct req_ctx k = { w, b, form_tok, 0 };

	page_nav(w, u, "", "待审核", form_tok, b);
	if (notice != NULL) {
		buf_puts(b, "<p class=\"notice\">");
		html_escape(b, notice);
		buf_puts(b, "</p>\n");
	}
	buf_puts(b, "<h2>待审核的延期申请与办结报告</h2>\n");
	if (store_request_each(w->store, false, request_row, &k) != 0)
		return -1;
	if (k.n == 0)
		buf_puts(b, "<p>没有待审核的申请或报告。</p>\n");
	buf_puts(b, "</main></body></html>\n");
	return 200;
}

static const char *
decision_words(enum office_refusal r)
{
	switch (r) {
	case OFFICE_DONE:
		return "已记录。";
	case OFFICE_NO_SUCH_REQUEST:
		return "没有这一申请。";
	case OFFICE_DECIDED_ALREADY:
		return "该申请此前已审核。";
	case OFFICE_WRONG_KIND:
		return "该申请不是这一类别。";
	case OFFICE_NO_APPROVER:
		return "批准延期须填写审批人。";
	case OFFICE_NO_REASON:
		return "不予批准或退回须填写意见。";
	case OFFICE_EXTENSION_TOO_LONG:
	case OFFICE_EXTENDED_ENOUGH:
	case OFFICE_NO_EXTENSION:
		return "规则不允许这一延期（超过上限或次数），请填写意见后不予批准。";
	case OFFICE_DONE_ALREADY:
		return "该事项已办结。";
	case OFFICE_WAITING:
		return "该事项的等待期尚未届满，须以 dubanctl done --force 决定。";
	case OFFICE_BAD_TEXT:
		return "意见过长或含有无法识别的字符。";
	default:
		return "系统暂时无法记录，请稍后再试。";
	}
}

/* POST /requests: a decision, through the office layer in one transaction. */
static enum office_refusal
decide(struct web *w, const struct form *f, const struct user *u, const char *from, instant_t now)
{
	static const struct { const char *op; enum decide_kind kind; } ops[] = {
		{ "approve", DECIDE_APPROVE }, { "refuse", DECIDE_REFUSE },
		{ "confirm", DECIDE_CONFIRM }, { "return", DECIDE_RETURN } };
	struct office_decision d = { 0 };
	struct buf said = { 0 };
	const char *op = form_get(f, "op"), *id = form_get(f, "id");
	enum office_refusal r;
	char *end;
	size_t i;

	for (i = 0; op != NULL && i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strcmp(op, ops[i].op) == 0)
			break;
	if (op == NULL || i == sizeof(ops) / sizeof(ops[0]) || id == NULL || id[0] < '1' ||
	    id[0] > '9' || (d.id = strtoll(id, &end, 10)) <= 0 || *end != '\0')
		return OFFICE_NO_SUCH_REQUEST;
	d.kind = ops[i].kind;
	d.approver = form_get(f, "approver");
	d.note = form_get(f, "note");
	if (d.approver != NULL && d.approver[strspn(d.approver, " ")] == '\0')
		d.approver = NULL;
	if (d.note != NULL && d.note[strspn(d.note, " \r\n\t")] == '\0')
		d.note = NULL;
	if (d.kind == DECIDE_APPROVE && d.approver == NULL)
		return OFFICE_NO_APPROVER;
	if ((d.kind == DECIDE_REFUSE || d.kind == DECIDE_RETURN) && d.note == NULL)
		return OFFICE_NO_REASON;
	if (store_begin(w->store) != 0)
		return OFFICE_DATABASE;
	if ((r = office_decide(w->store, w->conf, &(struct office_who){ u->name, now }, &d, NULL,
	    NULL, &said)) != OFFICE_DONE || store_commit(w->store) != 0) {
		store_rollback(w->store);
		buf_free(&said);
		return r == OFFICE_DONE ? OFFICE_DATABASE : r;
	}
	w->requests[REQ_ACTS]++;
	log_info("request %lld: %s by %s from %s", (long long)d.id, said.data ? said.data : op,
	    u->name, from);
	buf_free(&said);
	/* the daemon looks at the action again (a new deadline, or done) */
	store_notify(w->store);
	control_send(w->conf->socket_path, "wake");
	return OFFICE_DONE;
}

/* /board, /report, /action/ID, /requests: f is a POST's form (token checked), or NULL. */
static enum MHD_Result
web_office(struct web *w, struct MHD_Connection *c, const char *url, struct form *f,
    const struct user *u, const char *from, instant_t now)
{
	struct buf b = { 0 };
	char tok[96], *end;
	const char *notice = NULL;
	enum office_refusal r = OFFICE_DONE;
	unsigned int code;
	int rc;

	if (!web_is(u, "office") && !(web_is(u, "leader") && strcmp(url, "/requests") != 0))
		return web_message(w, c, MHD_HTTP_FORBIDDEN, "无权查看", "此页面不向您的账号开放。");
	if (f != NULL && strcmp(url, "/requests") != 0)
		return web_message(w, c, MHD_HTTP_METHOD_NOT_ALLOWED, "不支持的请求", "此页面只供查看。");
	if (f != NULL) {
		r = decide(w, f, u, from, now);
		notice = decision_words(r);
	}
	session_form(w, u, now, tok, sizeof(tok));
	if (strcmp(url, "/board") == 0)
		rc = page_board(w, c, u, tok, now, &b);
	else if (strcmp(url, "/report") == 0)
		rc = page_report(w, c, u, tok, now, &b);
	else if (strcmp(url, "/requests") == 0)
		rc = page_requests(w, u, tok, notice, &b);
	else if (strncmp(url, "/action/", 8) == 0 && url[8] >= '1' && url[8] <= '9') {
		long long id = strtoll(url + 8, &end, 10);

		rc = *end == '\0' ? page_timeline(w, u, id, tok, now, &b) : 404;
	} else
		rc = 404;
	if (rc != 200) {
		buf_free(&b);
		if (rc == 400)
			return web_message(w, c, MHD_HTTP_BAD_REQUEST, "请求有误", "查询条件不正确。");
		if (rc == 404)
			return web_message(w, c, MHD_HTTP_NOT_FOUND, "页面不存在",
			    "没有这一页面或事项，或您无权查看。");
		log_warnx("%s: %s", url, store_errmsg(w->store));
		return web_message(w, c, MHD_HTTP_SERVICE_UNAVAILABLE, "暂时无法显示", "请稍后再试。");
	}
	code = r == OFFICE_DONE ? MHD_HTTP_OK : r == OFFICE_DATABASE ?
	    MHD_HTTP_SERVICE_UNAVAILABLE : MHD_HTTP_UNPROCESSABLE_CONTENT;
	return web_respond(w, c, code, &b, "text/html; charset=utf-8");
}

/* /queue/ID/print: GET only. */
static enum MHD_Result
print_page(struct web *w, struct MHD_Connection *c, const char *url, bool post,
    const struct user *u, instant_t now)
{
	struct buf b = { 0 };
	char *end;
	long long id = strtoll(url + 7, &end, 10);

	if (url[7] < '1' || url[7] > '9' || strcmp(end, "/print") != 0 ||
	    page_print(w, u, id, now, &b) != 0) {
		buf_free(&b);
		return web_message(w, c, MHD_HTTP_NOT_FOUND, "页面不存在", "没有这一督办事项，或您无权查看。");
	}
	if (post) {
		buf_free(&b);
		return web_message(w, c, MHD_HTTP_METHOD_NOT_ALLOWED, "不支持的请求", "此页面只供查看和打印。");
	}
	return web_respond(w, c, MHD_HTTP_OK, &b, "text/html; charset=utf-8");
}

/*
 * The pages of an account signed in (else to the sign-in page): /logout,
 * the queue's, and the office's and leaders' (office.c). A POST's form is
 * taken, and its token checked, here for all of them.
 */
enum MHD_Result
web_signed_in(struct web *w, struct MHD_Connection *c, const char *url, bool post, struct req *rq,
    const char *from, instant_t now)
{
	const char *cookie = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Cookie");
	struct user u;
	struct form f;
	enum MHD_Result rc;
	char login[32];
	const char *p;

	/* relative, as every link of the pages (a proxy may serve them under a path) */
	login[0] = '\0';
	for (p = url + 1; (p = strchr(p, '/')) != NULL && strlen(login) + 10 < sizeof(login); p++)
		strcat(login, "../");
	strcat(login, "login");
	if (session_check(w, cookie, now, &u) != 0)
		return web_redirect(w, c, login, NULL);
	if (post) {
		if (web_posted_form(w, c, rq, from, &f, &rc) != 0) {
			store_user_clear(&u);
			return rc;
		}
		if (session_form_use(w, &u, form_get(&f, "form"), now) != 0) {
			form_clear(&f);
			store_user_clear(&u);
			return web_message(w, c, MHD_HTTP_FORBIDDEN, "未能提交",
			    "表单已失效或已提交过，请刷新页面后重试。");
		}
	}
	if (strcmp(url, "/logout") == 0) {
		if (post)
			rc = web_redirect(w, c, "login", "duban_session=; Path=/; Max-Age=0; HttpOnly;"
			    " SameSite=Strict");
		else
			rc = web_message(w, c, MHD_HTTP_METHOD_NOT_ALLOWED, "不支持的请求",
			    "请用页面上的按钮退出。");
	} else if (strncmp(url, "/queue/", 7) == 0 && strstr(url + 7, "/") != NULL)
		rc = print_page(w, c, url, post, &u, now);
	else if (strcmp(url, "/queue") == 0 || strncmp(url, "/queue/", 7) == 0)
		rc = web_queue(w, c, url, post ? &f : NULL, &u, from, now);
	else
		rc = web_office(w, c, url, post ? &f : NULL, &u, from, now);
	if (post)
		form_clear(&f);
	store_user_clear(&u);
	return rc;
}
