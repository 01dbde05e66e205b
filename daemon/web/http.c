/*
 * The HTTP side, on libmicrohttpd: every request hostile until shown
 * otherwise. GET only shows; a POST acts only with the page's own form
 * token, from the page's own origin, within the size limit. A link that
 * fails is answered 403 and logged without the token.
 */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web.h"
#include "duban/day.h"
#include "duban/log.h"
#include "duban/tz.h"
#include "duban/office.h"
#include "duban/xmalloc.h"



static const char *
refusal_text(const struct answer_ctx *ctx)
{
	if (ctx->stale)
		return "该事项已改由其他单位承办，此链接不再有效。";
	switch (ctx->check) {
	case LINK_EXPIRED:
		return "此链接已过有效期。请使用最近一次通知中的链接，或与督办部门联系。";
	default:
		return "此链接无效：可能已被改动，或不是发给您的。";
	}
}

static enum MHD_Result
refused(struct web *w, struct MHD_Connection *c, const struct answer_ctx *ctx,
    const char *from)
{
	w->refused[ctx->stale ? LINK_OK : ctx->check]++;
	w->requests[REQ_REFUSED]++;
	log_warnx("link refused from %s: %s (it names action %lld)", from,
	    ctx->stale ? "its department no longer holds the action" : link_check_name(ctx->check),
	    (long long)ctx->link.action);
	return web_message(w, c, MHD_HTTP_FORBIDDEN, "无法打开此事项", refusal_text(ctx));
}


static const char *
refusal_words(enum office_refusal r)
{
	switch (r) {
	case OFFICE_ACKED_ALREADY:
		return "该事项此前已签收。";
	case OFFICE_DONE_ALREADY:
		return "该事项已办结。";
	case OFFICE_NO_REASON:
		return "请填写办理情况后再提交。";
	case OFFICE_BAD_TEXT:
		return "内容过长或含有无法识别的字符，未能提交。";
	case OFFICE_ASKED_ALREADY:
		return "此前提交的申请或报告尚待督办部门审核，请勿重复提交。";
	case OFFICE_PAST_DEADLINE:
		return "延期申请须在办理期限届满前提出。";
	case OFFICE_NO_EXTENSION:
		return "该事项的规则不允许延期，或申请的日期不在现期限之后。";
	case OFFICE_EXTENDED_ENOUGH:
		return "该事项已达到规则允许的延期次数。";
	case OFFICE_EXTENSION_TOO_LONG:
		return "申请延长的期限超过规则允许的上限。";
	default:
		return "系统暂时无法记录，请稍后再试。";
	}
}

/* POST /l/TOKEN: the form checked, the answer recorded through the office layer. */
static enum MHD_Result
act(struct web *w, struct MHD_Connection *c, const char *token, struct answer_ctx *ctx,
    struct req *rq, const char *from, instant_t now)
{
	struct office_answer ans = { 0 };
	struct office_who who;
	struct form f;
	struct buf b = { 0 };
	char whobuf[300], tok[96];
	const char *op, *notice;
	enum office_refusal r;
	unsigned int code = MHD_HTTP_OK;
	int64_t req = 0;
	enum MHD_Result rc;
	static const char *const done_words[] = { "已签收，谢谢。", "办理情况已提交，谢谢。",
	    "延期申请已提交，待督办部门审核；审核前办理期限不变。",
	    "办结报告已提交，待督办部门审核；审核期间暂停计时。" };
	static const char *const log_words[] = { "received (签收)", "progress reported",
	    "extension asked", "completion reported" };

	if (web_posted_form(w, c, rq, from, &f, &rc) != 0)
		return rc;
	if (form_token_use(w, token, form_get(&f, "form"), now) != 0) {
		form_clear(&f);
		log_warnx("answer refused from %s: no valid form token (action %lld)", from,
		    (long long)ctx->action.id);
		return web_message(w, c, MHD_HTTP_FORBIDDEN, "未能提交",
		    "表单已失效或已提交过。请重新打开通知中的链接后再提交。");
	}
	op = form_get(&f, "op");
	if (op != NULL && strcmp(op, "ack") == 0)
		ans.kind = ANSWER_ACK;
	else if (op != NULL && strcmp(op, "progress") == 0)
		ans.kind = ANSWER_PROGRESS;
	else if (op != NULL && strcmp(op, "extend") == 0)
		ans.kind = ANSWER_EXTEND;
	else if (op != NULL && strcmp(op, "done") == 0)
		ans.kind = ANSWER_DONE;
	else {
		form_clear(&f);
		return web_message(w, c, MHD_HTTP_BAD_REQUEST, "未能提交", "未知的操作。");
	}
	ans.from = from;
	ans.recipient = ctx->recipient;
	ans.text = form_get(&f, "text");
	if (ans.kind == ANSWER_EXTEND) {
		int32_t day;

		if (form_get(&f, "until") == NULL || day_parse(form_get(&f, "until"), &day) != 0) {
			form_clear(&f);
			return web_message(w, c, MHD_HTTP_BAD_REQUEST, "未能提交",
			    "请填写申请延长至的日期（年-月-日）。");
		}
		ans.until = tz_day_start(day) + 12 * 3600 * 1000LL;
	}
	snprintf(whobuf, sizeof(whobuf), "link:%s", ctx->recipient);
	who.who = whobuf;
	who.now = now;
	if (store_begin(w->store) != 0)
		r = OFFICE_DATABASE;
	else if ((r = ans.kind == ANSWER_EXTEND || ans.kind == ANSWER_DONE ?
	    office_request(w->store, w->conf, &who, &ctx->action, &ans, &req, NULL) :
	    office_answer(w->store, w->conf, &who, &ctx->action, &ans, NULL)) !=
	    OFFICE_DONE || store_commit(w->store) != 0) {
		if (r == OFFICE_DONE)
			r = OFFICE_DATABASE;
		store_rollback(w->store);
	}
	form_clear(&f);
	if (r == OFFICE_DONE) {
		w->requests[REQ_ACTS]++;
		log_info("action %lld: %s by %s from %s", (long long)ctx->action.id,
		    log_words[ans.kind], ctx->recipient, from);
		notice = done_words[ans.kind];
		if (req != 0)
			store_notify(w->store);	/* PostgreSQL: other instances look again */
	} else {
		if (r == OFFICE_DATABASE) {
			log_warnx("action %lld: answer not recorded: %s", (long long)ctx->action.id,
			    store_errmsg(w->store));
			code = MHD_HTTP_SERVICE_UNAVAILABLE;
		} else
			code = MHD_HTTP_UNPROCESSABLE_CONTENT;
		notice = refusal_words(r);
	}
	form_token(w, token, now, tok, sizeof(tok));
	page_action(w, ctx, tok, notice, now, &b);
	return web_respond(w, c, code, &b, "text/html; charset=utf-8");
}


static enum MHD_Result
link_page(struct web *w, struct MHD_Connection *c, const char *token, bool post,
    struct req *rq)
{
	struct answer_ctx ctx;
	struct buf b = { 0 };
	char from[160], tok[96];
	instant_t now = instant_now();
	enum MHD_Result rc;

	web_client(c, from, sizeof(from));
	if (answer_find(w, token, now, &ctx) != 0) {
		rc = refused(w, c, &ctx, from);
		answer_clear(&ctx);
		return rc;
	}
	if (post)
		rc = act(w, c, token, &ctx, rq, from, now);
	else {
		form_token(w, token, now, tok, sizeof(tok));
		page_action(w, &ctx, tok, NULL, now, &b);
		rc = web_respond(w, c, MHD_HTTP_OK, &b, "text/html; charset=utf-8");
	}
	answer_clear(&ctx);
	return rc;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
    const char *version, const char *data, size_t *size, void **state)
{
	struct web *w = cls;
	struct req *rq = *state;
	bool post = strcmp(method, "POST") == 0;
	const char *len;
	enum MHD_Result rc;

	(void)version;
	if (rq == NULL) {
		rq = xcalloc(1, sizeof(*rq));
		*state = rq;
		if (!post && strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
			pthread_mutex_lock(&w->lock);
			rc = web_message(w, c, MHD_HTTP_METHOD_NOT_ALLOWED, "不支持的请求", "只接受 GET 与 POST。");
			pthread_mutex_unlock(&w->lock);
			return rc;
		}
		len = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
		if (post && len != NULL && strtoll(len, NULL, 10) > w->conf->web.max_body)
			rq->too_big = true;
		if (!rq->too_big)
			return MHD_YES;	/* the body, if any, follows */
	}
	if (*size > 0) {
		if (!rq->too_big && rq->body.len + *size <= (size_t)w->conf->web.max_body)
			buf_add(&rq->body, data, *size);
		else
			rq->too_big = true;
		*size = 0;
		if (!rq->too_big)
			return MHD_YES;
	}
	pthread_mutex_lock(&w->lock);
	if (rq->too_big)
		rc = web_message(w, c, MHD_HTTP_CONTENT_TOO_LARGE, "未能提交", "提交的内容超过大小限制。");
	else if (!post && rq->body.len > 0)
		rc = web_message(w, c, MHD_HTTP_BAD_REQUEST, "不支持的请求", "请求格式不正确。");
	else if (strncmp(url, "/l/", 3) == 0 && strchr(url + 3, '/') == NULL)
		rc = link_page(w, c, url + 3, post, rq);
	else if (strcmp(url, "/login") == 0) {
		char from[160];

		web_client(c, from, sizeof(from));
		rc = web_login(w, c, post, rq, from, instant_now());
	} else if (strcmp(url, "/queue") == 0 || strncmp(url, "/queue/", 7) == 0 ||
	    strcmp(url, "/logout") == 0 || strcmp(url, "/board") == 0 ||
	    strcmp(url, "/report") == 0 || strcmp(url, "/requests") == 0 ||
	    strncmp(url, "/action/", 8) == 0) {
		char from[160];

		web_client(c, from, sizeof(from));
		rc = web_signed_in(w, c, url, post, rq, from, instant_now());
	}
	else
		rc = web_message(w, c, MHD_HTTP_NOT_FOUND, "页面不存在", "请使用通知邮件中的链接。");
	pthread_mutex_unlock(&w->lock);
	return rc;
}

static enum MHD_Result
on_metrics(void *cls, struct MHD_Connection *c, const char *url, const char *method,
    const char *version, const char *data, size_t *size, void **state)
{
	struct web *w = cls;
	struct buf b = { 0 };
	struct MHD_Response *r;
	enum MHD_Result rc;
	unsigned int code = MHD_HTTP_OK;

	(void)version;
	(void)data;
	if (*state == NULL) {
		*state = xcalloc(1, sizeof(struct req));	/* freed by on_done */
		return MHD_YES;
	}
	*size = 0;
	pthread_mutex_lock(&w->lock);
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
		code = MHD_HTTP_METHOD_NOT_ALLOWED;
		buf_puts(&b, "GET /metrics\n");
	} else if (strcmp(url, "/metrics") != 0) {
		code = MHD_HTTP_NOT_FOUND;
		buf_puts(&b, "GET /metrics\n");
	} else
		metrics_render(w, instant_now(), &b);
	pthread_mutex_unlock(&w->lock);
	r = MHD_create_response_from_buffer(b.len, b.data ? b.data : (char *)"",
	    MHD_RESPMEM_MUST_COPY);
	buf_free(&b);
	if (r == NULL)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type", "text/plain; version=0.0.4; charset=utf-8");
	MHD_add_response_header(r, "Cache-Control", "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	rc = MHD_queue_response(c, code, r);
	MHD_destroy_response(r);
	return rc;
}

static void
on_done(void *cls, struct MHD_Connection *c, void **state, enum MHD_RequestTerminationCode t)
{
	struct req *rq = *state;

	(void)cls;
	(void)c;
	(void)t;
	if (rq != NULL) {
		buf_free(&rq->body);
		free(rq);
	}
	*state = NULL;
}

static void
mhd_log(void *cls, const char *fmt, va_list ap)
{
	char line[512];

	(void)cls;
	vsnprintf(line, sizeof(line), fmt, ap);
	line[strcspn(line, "\n")] = '\0';
	log_debug("http: %s", line);
}

static struct MHD_Daemon *
start(struct web *w, const char *addr, MHD_AccessHandlerCallback fn, bool pages, char **cause)
{
	struct sockaddr_storage ss;
	socklen_t len;
	struct MHD_Daemon *d;
	unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG;

	if (conf_web_address(addr, &ss, &len) != 0) {
		xasprintf(cause, "[web] %s: not an address", addr);
		return NULL;
	}
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	d = MHD_start_daemon(flags, 0, NULL, NULL, fn, w,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned int)(pages ? w->conf->web.max_connections : 64),
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned int)(pages ? w->conf->web.per_address : 0),
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)w->conf->web.timeout,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)32768,
	    MHD_OPTION_NOTIFY_COMPLETED, on_done, w,
	    MHD_OPTION_EXTERNAL_LOGGER, mhd_log, w,
	    MHD_OPTION_END);
	if (d == NULL)
		xasprintf(cause, "cannot listen on %s (in use, or not this host's address)", addr);
	return d;
}

int
http_start(struct web *w, char **cause)
{
	unsigned char md[32];
	unsigned int n = 0;
	char b64[64];

	/* the inline style allowed by its digest; nothing else may load or run */
	EVP_Digest(web_css, strlen(web_css), md, &n, EVP_sha256(), NULL);
	EVP_EncodeBlock((unsigned char *)b64, md, (int)n);
	snprintf(web_csp, sizeof(web_csp), "default-src 'none'; style-src 'sha256-%s'; img-src 'self';"
	    " form-action 'self'; frame-ancestors 'none'; base-uri 'none'", b64);
	if ((w->pages = start(w, w->conf->web.listen, on_request, true, cause)) == NULL)
		return -1;
	if (w->conf->web.metrics != NULL &&
	    (w->metrics = start(w, w->conf->web.metrics, on_metrics, false, cause)) == NULL) {
		MHD_stop_daemon(w->pages);
		return -1;
	}
	return 0;
}

void
http_stop(struct web *w)
{
	if (w->metrics)
		MHD_stop_daemon(w->metrics);
	if (w->pages)
		MHD_stop_daemon(w->pages);
}
