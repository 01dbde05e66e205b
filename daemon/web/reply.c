/* The answers every page shares: the security headers, a page, a redirect, who asked, a POST's form. */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web.h"
#include "duban/log.h"

char web_csp[256];

static void
web_security_headers(struct MHD_Response *r, const char *type)
{
	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Content-Security-Policy", web_csp);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	/* the token never leaves in a Referer, yet a form posted here carries its Origin */
	MHD_add_response_header(r, "Referrer-Policy", "same-origin");
	MHD_add_response_header(r, "Cache-Control", "no-store");
	MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(r, "Cross-Origin-Resource-Policy", "same-origin");
}

enum MHD_Result
web_respond_with(struct web *w, struct MHD_Connection *c, unsigned int code, struct buf *b,
    const char *type, const char *location, const char *cookie)
{
	struct MHD_Response *r;
	enum MHD_Result rc;

	r = MHD_create_response_from_buffer(b->len, b->data ? b->data : (char *)"",
	    MHD_RESPMEM_MUST_COPY);
	buf_free(b);
	if (r == NULL)
		return MHD_NO;
	web_security_headers(r, type);
	if (location != NULL)
		MHD_add_response_header(r, "Location", location);
	if (cookie != NULL)
		MHD_add_response_header(r, "Set-Cookie", cookie);
	if (code == 405)
		MHD_add_response_header(r, "Allow", "GET, HEAD, POST");
	rc = MHD_queue_response(c, code, r);
	MHD_destroy_response(r);
	if (code >= 200 && code < 600)
		w->requests[code / 100 - 2]++;
	return rc;
}

enum MHD_Result
web_respond(struct web *w, struct MHD_Connection *c, unsigned int code, struct buf *b,
    const char *type)
{
	return web_respond_with(w, c, code, b, type, NULL, NULL);
}

enum MHD_Result
web_redirect(struct web *w, struct MHD_Connection *c, const char *to, const char *cookie)
{
	struct buf b = { 0 };

	return web_respond_with(w, c, MHD_HTTP_SEE_OTHER, &b, "text/html; charset=utf-8", to, cookie);
}

enum MHD_Result
web_message(struct web *w, struct MHD_Connection *c, unsigned int code, const char *title,
    const char *text)
{
	struct buf b = { 0 };

	page_message(w, title, text, &b);
	return web_respond(w, c, code, &b, "text/html; charset=utf-8");
}

/* The client's address; behind a proxy on loopback, what it says it forwarded for. */
void
web_client(struct MHD_Connection *c, char *out, size_t len)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c,
	    MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;
	const char *fwd = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-For");
	char addr[INET6_ADDRSTRLEN] = "?";
	bool loopback = false;

	if (sa != NULL && sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)(const void *)sa;

		inet_ntop(AF_INET, &in->sin_addr, addr, sizeof(addr));
		loopback = (ntohl(in->sin_addr.s_addr) >> 24) == 127;
	} else if (sa != NULL && sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)(const void *)sa;

		inet_ntop(AF_INET6, &in6->sin6_addr, addr, sizeof(addr));
		loopback = IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr);
	}
	/* recorded as said, never trusted: only addresses' characters, and short */
	if (loopback && fwd != NULL && fwd[0] != '\0' && strlen(fwd) <= 100 &&
	    strspn(fwd, "0123456789abcdefABCDEF.:, ") == strlen(fwd))
		snprintf(out, len, "%s (forwarded for %s)", addr, fwd);
	else
		snprintf(out, len, "%s", addr);
}

/* A POST from another site's page (or a script's forged Origin) is refused. */
bool
web_same_origin(struct web *w, struct MHD_Connection *c)
{
	const char *o = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
	const char *site = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Sec-Fetch-Site");

	if (site != NULL && strcmp(site, "same-origin") != 0 && strcmp(site, "none") != 0)
		return false;
	return o == NULL || strcmp(o, w->origin) == 0 || strcmp(o, w->local_origin) == 0;
}


/* A POST's form, after the origin check: 0, or a response was queued (*rc). */
int
web_posted_form(struct web *w, struct MHD_Connection *c, struct req *rq, const char *from,
    struct form *f, enum MHD_Result *rc)
{
	const char *type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");

	memset(f, 0, sizeof(*f));
	if (!web_same_origin(w, c)) {
		log_warnx("post refused from %s: from another origin", from);
		*rc = web_message(w, c, MHD_HTTP_FORBIDDEN, "未能提交", "请从本页面提交表单。");
		return -1;
	}
	if (type == NULL || strncmp(type, "application/x-www-form-urlencoded", 33) != 0) {
		*rc = web_message(w, c, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE, "未能提交", "表单格式不正确。");
		return -1;
	}
	if (form_parse(rq->body.data ? rq->body.data : "", rq->body.len, f) != 0) {
		form_clear(f);
		*rc = web_message(w, c, MHD_HTTP_BAD_REQUEST, "未能提交", "表单格式不正确。");
		return -1;
	}
	return 0;
}
