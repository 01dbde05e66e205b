/*
 * Accounts on the pages: sign-in (yescrypt through the office layer, every
 * attempt in the audit log, at most 5 failures per client address and 10
 * per account name in 15 minutes), a session in a signed cookie (HttpOnly,
 * SameSite=Strict, Secure under https; it ends when the account's password
 * changes or it is disabled), and the queue's page: the discipline group
 * sees its entries with their evidence records and acknowledges or resolves
 * them there, as with dubanctl queue ack|resolve.
 */
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <microhttpd.h>

#include "web.h"
#include "duban/evidence.h"
#include "duban/log.h"
#include "duban/office.h"
#include "duban/xmalloc.h"

#define SESSION_MS	(8 * 3600 * 1000LL)	/* a session lasts a working day */
#define FAIL_WINDOW	(15 * 60 * 1000LL)
#define FAIL_MAX	5			/* per address */
#define FAIL_MAX_NAME	10			/* per account name */
#define FAILS		4096			/* remembered at once */

static struct fail { char key[96]; int n; instant_t since; } fails[FAILS];

/* The failures counted for key within the window (and, with add, one more). */
static int
failures(const char *kind, const char *who, instant_t now, bool add)
{
	char key[96];
	int i, free_slot = -1, oldest = 0;

	snprintf(key, sizeof(key), "%s %s", kind, who);
	for (i = 0; i < FAILS; i++) {
		if (fails[i].key[0] != '\0' && now - fails[i].since > FAIL_WINDOW)
			fails[i].key[0] = '\0';
		if (fails[i].key[0] == '\0') {
			if (free_slot < 0)
				free_slot = i;
			continue;
		}
		if (strcmp(fails[i].key, key) == 0) {
			if (add)
				fails[i].n++;
			return fails[i].n;
		}
		if (fails[i].since < fails[oldest].since)
			oldest = i;
	}
	if (!add)
		return 0;
	i = free_slot >= 0 ? free_slot : oldest;
	snprintf(fails[i].key, sizeof(fails[i].key), "%s", key);
	fails[i].n = 1;
	fails[i].since = now;
	return 1;
}

static void
session_mac(const unsigned char *key, int64_t id, int version, long long expires, char out[65])
{
	unsigned char md[32];
	unsigned int n = 32;
	char msg[96];
	int len, i;

	len = snprintf(msg, sizeof(msg), "duban-session-v1 %lld %d %lld", (long long)id, version,
	    expires);
	HMAC(EVP_sha256(), key, 32, (unsigned char *)msg, (size_t)len, md, &n);
	for (i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

void
session_cookie(struct web *w, const struct user *u, instant_t now, char *out, size_t len)
{
	char mac[65];
	long long exp = (long long)(now + SESSION_MS);

	session_mac(w->conf->web.keys.key[0], u->id, u->version, exp, mac);
	snprintf(out, len, "duban_session=%lld.%d.%lld.%s; Path=/; Max-Age=%lld; HttpOnly;"
	    " SameSite=Strict%s", (long long)u->id, u->version, exp, mac, SESSION_MS / 1000,
	    strncmp(w->conf->web.url, "https:", 6) == 0 ? "; Secure" : "");
}

int
session_check(struct web *w, const char *cookie, instant_t now, struct user *u)
{
	const char *p = cookie ? strstr(cookie, "duban_session=") : NULL;
	long long id, exp;
	int version, n = 0, i, ok = 0;
	char mac[65], want[65];

	memset(u, 0, sizeof(*u));
	if (p == NULL || sscanf(p + 14, "%lld.%d.%lld.%64[0-9a-f]%n", &id, &version, &exp, mac, &n)
	    != 4 || strlen(mac) != 64 || exp < now || exp > now + SESSION_MS + 60000)
		return -1;
	for (i = 0; i < w->conf->web.keys.n && !ok; i++) {
		session_mac(w->conf->web.keys.key[i], id, version, exp, want);
		ok = CRYPTO_memcmp(want, mac, 64) == 0;
	}
	if (!ok || store_user_get(w->store, NULL, id, u) != 0)
		return -1;
	if (u->disabled || u->version != version) {
		store_user_clear(u);
		return -1;
	}
	return 0;
}

/* A session's own form tokens: bound to the account and its version. */
void
session_form(struct web *w, const struct user *u, instant_t now, char *out, size_t len)
{
	char bind[64];

	snprintf(bind, sizeof(bind), "session %lld %d", (long long)u->id, u->version);
	form_token(w, bind, now, out, len);
}

int
session_form_use(struct web *w, const struct user *u, const char *tok, instant_t now)
{
	char bind[64];

	snprintf(bind, sizeof(bind), "session %lld %d", (long long)u->id, u->version);
	return form_token_use(w, bind, tok, now);
}

int
account_sign_in(struct web *w, const char *name, const char *password, const char *from,
    instant_t now, struct user *u)
{
	enum office_refusal r;

	memset(u, 0, sizeof(*u));
	if (failures("addr", from, now, false) >= FAIL_MAX ||
	    (name && failures("name", name, now, false) >= FAIL_MAX_NAME))
		return OFFICE_TOO_MANY;
	if (store_begin(w->store) != 0)
		return OFFICE_DATABASE;
	r = office_sign_in(w->store, &(struct office_who){ "web", now }, name, password, from, u);
	if (store_commit(w->store) != 0) {
		store_rollback(w->store);
		store_user_clear(u);
		return OFFICE_DATABASE;
	}
	if (r == OFFICE_SIGN_IN_REFUSED) {
		failures("addr", from, now, true);
		if (name)
			failures("name", name, now, true);
		log_warnx("sign-in refused from %s", from);
	} else if (r == OFFICE_DONE)
		log_info("%s signed in from %s", u->name, from);
	return r;
}

void
page_login(struct web *w, const char *form_tok, const char *notice, struct buf *b)
{
	page_head(w, "登录", b);
	if (notice != NULL) {
		buf_puts(b, "<p class=\"refused\">");
		html_escape(b, notice);
		buf_puts(b, "</p>\n");
	}
	buf_puts(b, "<h2>登录</h2>\n<form method=\"post\" action=\"login\">"
	    "<input type=\"hidden\" name=\"form\" value=\"");
	html_escape(b, form_tok);
	buf_puts(b, "\"><p><label for=\"name\">账号：</label><input id=\"name\" name=\"name\""
	    " autocomplete=\"username\" required></p><p><label for=\"password\">密码：</label>"
	    "<input id=\"password\" name=\"password\" type=\"password\""
	    " autocomplete=\"current-password\" required></p>"
	    "<button type=\"submit\">登录</button></form>\n</main></body></html>\n");
}

/* May this account see (and act on) the queue entry of target? */
bool
web_sees(const struct user *u, const char *target)
{
	if (strcmp(u->role, "office") == 0)
		return true;
	if (strcmp(u->role, "leading-group") == 0)
		return strcmp(target, "leading-group") == 0;
	if (strcmp(u->role, "discipline") == 0)
		return strcmp(target, "leading-group") != 0;
	return false;	/* a leader sees his cases, not the queue */
}

struct queue_ctx {
	const struct user	*u;
	struct buf		*b;
	int			 n;
};

static int
queue_row(const struct escalation_row *e, void *arg)
{
	struct queue_ctx *q = arg;
	char due[32], opened[32];

	if (!web_sees(q->u, e->target))
		return 0;
	if (q->n++ == 0)
		buf_puts(q->b, "<table class=\"facts\"><tr><th>编号</th><th>案件</th><th>承办单位</th>"
		    "<th>事项</th><th>期限</th><th>移交时间</th><th>状态</th></tr>\n");
	buf_printf(q->b, "<tr><td><a href=\"queue/%lld\">%lld</a></td><td>", (long long)e->id,
	    (long long)e->id);
	html_escape(q->b, e->case_number);
	buf_puts(q->b, " ");
	html_escape(q->b, e->case_title);
	buf_puts(q->b, "</td><td>");
	html_escape(q->b, e->dept_name);
	buf_puts(q->b, "</td><td>");
	html_escape(q->b, e->step);
	buf_puts(q->b, "</td><td>");
	html_escape(q->b, instant_deadline(e->due_at, due, sizeof(due)));
	buf_puts(q->b, "</td><td>");
	html_escape(q->b, instant_format(e->opened_at, opened, sizeof(opened)));
	buf_printf(q->b, "</td><td>%s</td></tr>\n", e->acked_at ? "已接收" : "待接收");
	return 0;
}

int
page_queue(struct web *w, const struct user *u, const char *form_tok, struct buf *b)
{
	struct queue_ctx q = { u, b, 0 };

	page_nav(w, u, "", "督办队列", form_tok, b);
	buf_puts(b, "<h2>督办队列</h2>\n");
	if (web_is(u, "leader")) {
		buf_puts(b, "<p>督办队列由纪检监察组处理；您的案件见<a href=\"board\">办理看板</a>。</p>\n"
		    "</main></body></html>\n");
		return 0;
	}
	if (store_escalation_each(w->store, false, queue_row, &q) != 0)
		return -1;
	buf_puts(b, q.n ? "</table>\n" : "<p>没有待处理的督办事项。</p>\n");
	buf_puts(b, "</main></body></html>\n");
	return 0;
}

/* One entry: its evidence record, and (while open) the forms to acknowledge or resolve. */
int
page_entry(struct web *w, const struct user *u, int64_t id, const char *form_tok,
    const char *notice, struct buf *b)
{
	struct escalation_row e;
	char *text;
	int live;

	if (store_escalation_get(w->store, id, &e) != 0)
		return -1;
	if (!web_sees(u, e.target)) {
		store_escalation_clear(&e);
		return -1;
	}
	page_nav(w, u, "../", "督办事项", form_tok, b);
	if (notice != NULL) {
		buf_puts(b, "<p class=\"notice\">");
		html_escape(b, notice);
		buf_puts(b, "</p>\n");
	}
	buf_printf(b, "<p><a href=\"%lld/print\">打印督办单</a></p>\n<h2>督办事项 %lld：",
	    (long long)id, (long long)id);
	html_escape(b, e.case_number);
	buf_puts(b, " ");
	html_escape(b, e.dept_name);
	buf_puts(b, "</h2>\n");
	if ((text = evidence_text(w->store, id, &live)) != NULL) {
		buf_puts(b, "<pre class=\"record\">");
		html_escape(b, text);
		buf_puts(b, "</pre>\n");
		free(text);
	}
	if (e.resolved_at == 0) {
		buf_puts(b, "<form method=\"post\"><input type=\"hidden\" name=\"form\" value=\"");
		html_escape(b, form_tok);
		buf_puts(b, "\"><p><label for=\"note\">意见：</label></p>"
		    "<textarea id=\"note\" name=\"note\" maxlength=\"1300\"></textarea><br>");
		if (e.acked_at == 0)
			buf_puts(b, "<button type=\"submit\" name=\"op\" value=\"ack\">接收</button> ");
		buf_puts(b, "<button type=\"submit\" name=\"op\" value=\"resolve\">办结（须填写意见）"
		    "</button></form>\n");
	}
	buf_puts(b, "</main></body></html>\n");
	store_escalation_clear(&e);
	return 0;
}

enum MHD_Result
web_login(struct web *w, struct MHD_Connection *c, bool post, struct req *rq, const char *from,
    instant_t now)
{
	struct buf b = { 0 };
	struct form f;
	struct user u;
	char tok[96], cookie[300];
	enum MHD_Result rc;
	int r;

	if (!post) {
		form_token(w, "login", now, tok, sizeof(tok));
		page_login(w, tok, NULL, &b);
		return web_respond(w, c, MHD_HTTP_OK, &b, "text/html; charset=utf-8");
	}
	if (web_posted_form(w, c, rq, from, &f, &rc) != 0)
		return rc;
	if (form_token_use(w, "login", form_get(&f, "form"), now) != 0) {
		form_clear(&f);
		form_token(w, "login", now, tok, sizeof(tok));
		page_login(w, tok, "页面已失效，请重新登录。", &b);
		return web_respond(w, c, MHD_HTTP_FORBIDDEN, &b, "text/html; charset=utf-8");
	}
	r = account_sign_in(w, form_get(&f, "name"), form_get(&f, "password"), from, now, &u);
	if (f.n > 0)
		for (int i = 0; i < f.n; i++)
			if (f.value[i] != NULL)
				explicit_bzero(f.value[i], strlen(f.value[i]));
	form_clear(&f);
	if (r == OFFICE_DONE) {
		const char *home = web_is(&u, "office") || web_is(&u, "leader") ? "board" : "queue";

		session_cookie(w, &u, now, cookie, sizeof(cookie));
		store_user_clear(&u);
		return web_redirect(w, c, home, cookie);
	}
	form_token(w, "login", now, tok, sizeof(tok));
	page_login(w, tok, r == OFFICE_TOO_MANY ? "登录失败次数过多，请十五分钟后再试。" :
	    r == OFFICE_DATABASE ? "系统暂时无法登录，请稍后再试。" : "账号或密码不正确。", &b);
	return web_respond(w, c, r == OFFICE_TOO_MANY ? 429 : r == OFFICE_DATABASE ?
	    MHD_HTTP_SERVICE_UNAVAILABLE : MHD_HTTP_FORBIDDEN, &b, "text/html; charset=utf-8");
}

/* /queue and /queue/ID: POST f (the form, its token checked) acks or resolves an entry. */
enum MHD_Result
web_queue(struct web *w, struct MHD_Connection *c, const char *url, struct form *f,
    const struct user *u, const char *from, instant_t now)
{
	struct buf b = { 0 }, said = { 0 };
	char tok[96], *end;
	const char *op, *note, *notice = NULL;
	long long id = 0;
	enum office_refusal r;
	bool entry = strncmp(url, "/queue/", 7) == 0, acked = false;

	if (entry) {
		id = strtoll(url + 7, &end, 10);
		if (url[7] < '1' || url[7] > '9' || *end != '\0')
			return web_message(w, c, MHD_HTTP_NOT_FOUND, "页面不存在", "没有这一督办事项。");
	}
	if (f != NULL) {
		op = form_get(f, "op");
		note = form_get(f, "note");
		if (note != NULL && note[0] == '\0')
			note = NULL;
		r = OFFICE_NO_SUCH_ESCALATION;
		if (entry && op != NULL && (strcmp(op, "ack") == 0 || strcmp(op, "resolve") == 0) &&
		    page_entry(w, u, id, "", NULL, &b) == 0) {	/* may this account see it? */
			buf_free(&b);
			if (store_begin(w->store) != 0)
				r = OFFICE_DATABASE;
			else if ((r = office_queue(w->store, &(struct office_who){ u->name, now }, id,
			    strcmp(op, "resolve") == 0, note, &said)) != OFFICE_DONE ||
			    store_commit(w->store) != 0) {
				store_rollback(w->store);
				if (r == OFFICE_DONE)
					r = OFFICE_DATABASE;
			}
		}
		acked = op != NULL && strcmp(op, "ack") == 0;
		buf_free(&b);
		buf_free(&said);
		notice = r == OFFICE_DONE ? (acked ? "已接收。" : "已办结。") :
		    r == OFFICE_NO_REASON ? "办结须填写意见。" : r == OFFICE_RESOLVED_ALREADY ?
		    "该事项此前已办结。" : r == OFFICE_DATABASE ? "系统暂时无法记录，请稍后再试。" :
		    "未能提交。";
		if (r == OFFICE_DONE) {
			w->requests[REQ_ACTS]++;
			log_info("queue entry %lld: %s by %s from %s", id, acked ? "acknowledged" :
			    "resolved", u->name, from);
		}
	}
	session_form(w, u, now, tok, sizeof(tok));
	if (entry ? page_entry(w, u, id, tok, notice, &b) != 0 : page_queue(w, u, tok, &b) != 0) {
		buf_free(&b);
		return web_message(w, c, MHD_HTTP_NOT_FOUND, "页面不存在", "没有这一督办事项，或您无权查看。");
	}
	return web_respond(w, c, MHD_HTTP_OK, &b, "text/html; charset=utf-8");
}
