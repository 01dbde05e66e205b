/*
 * A link checked against the store: whose it is (the recipients of the
 * action's notices of its cycle, each tried), whether its department still
 * holds the action; and the forms' own tokens, each good once.
 */
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web.h"
#include "duban/xmalloc.h"

#define FORM_VALID	(2 * 3600 * 1000LL)	/* ms a page's form may be sent after it was shown */
#define USED_MAX	100000			/* forms remembered as sent */

struct find {
	struct web		*w;
	const char		*token;
	instant_t		 now;
	struct answer_ctx	*ctx;
};

static int
try_recipient(const struct notice_row *r, void *arg)
{
	struct find *f = arg;
	struct link l;
	enum link_check c;

	if (r->cycle != f->ctx->link.cycle || r->recipient == NULL || r->recipient[0] == '\0')
		return 0;
	c = link_verify(&f->w->conf->web.keys, f->token, r->recipient, f->now, &l);
	if (c != LINK_OK && c != LINK_EXPIRED)
		return 0;
	f->ctx->check = c;
	f->ctx->link = l;
	snprintf(f->ctx->recipient, sizeof(f->ctx->recipient), "%s", r->recipient);
	return 1;
}

int
answer_find(struct web *w, const char *token, instant_t now, struct answer_ctx *ctx)
{
	struct find f = { w, token, now, ctx };
	const struct rule *r;
	int level, rc;
	int64_t id;

	memset(ctx, 0, sizeof(*ctx));
	ctx->check = LINK_MALFORMED;
	/* not a token, or of a key not held: nothing to look up */
	if ((ctx->check = link_peek(&w->conf->web.keys, token, &ctx->link)) != LINK_OK)
		return -1;
	ctx->check = LINK_FORGED;	/* until a recipient's signature matches */
	if (store_notice_each_action(w->store, ctx->link.action, try_recipient, &f) != 0 ||
	    (ctx->check != LINK_OK && ctx->check != LINK_EXPIRED))
		return -1;
	if ((rc = store_action_get(w->store, ctx->link.action, &ctx->action)) != 0) {
		ctx->check = LINK_FORGED;
		return -1;
	}
	ctx->have_action = true;
	/* the department it was sent to no longer holds the action: it may not act */
	if (ctx->link.cycle < ctx->action.first_cycle || ctx->link.cycle > ctx->action.cycle)
		ctx->stale = true;
	r = ctx->action.rule ? conf_rule(w->conf, ctx->action.rule) : NULL;
	for (level = 1; r != NULL && level <= r->nlevels && !ctx->escalated; level++)
		if ((id = store_escalation_id(w->store, ctx->action.id, ctx->action.cycle, level)) > 0)
			ctx->escalated = true;
	return ctx->check == LINK_OK && !ctx->stale ? 0 : -1;
}

void
answer_clear(struct answer_ctx *ctx)
{
	if (ctx->have_action)
		store_action_clear(&ctx->action);
	ctx->have_action = false;
}

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

static void
form_mac(const unsigned char *key, const char *link_token, long long issued, unsigned char out[32])
{
	char msg[LINK_TOKEN_MAX + 64];
	unsigned int n = 32;
	int len;

	len = snprintf(msg, sizeof(msg), "duban-form-v1 %s %lld", link_token, issued);
	HMAC(EVP_sha256(), key, 32, (unsigned char *)msg, (size_t)len, out, &n);
}

static void
hex16(const unsigned char *mac, char *out)
{
	int i;

	for (i = 0; i < 16; i++) {
		out[2 * i] = b64[mac[i] >> 4];
		out[2 * i + 1] = b64[16 + (mac[i] & 15)];
	}
	out[32] = '\0';
}

void
form_token(struct web *w, const char *link_token, instant_t now, char *out, size_t len)
{
	unsigned char mac[32];
	char text[33];

	form_mac(w->conf->web.keys.key[0], link_token, (long long)now, mac);
	hex16(mac, text);
	snprintf(out, len, "%lld.%s", (long long)now, text);
}

int
form_token_use(struct web *w, const char *link_token, const char *tok, instant_t now)
{
	unsigned char mac[32];
	char text[33], *end;
	long long issued;
	size_t i, k;
	int j, ok = 0;

	if (tok == NULL || strlen(tok) > 64)
		return -1;
	issued = strtoll(tok, &end, 10);
	if (end == tok || *end != '.' || strlen(end + 1) != 32 || issued > now + 60000 ||
	    issued + FORM_VALID < now)
		return -1;
	for (j = 0; j < w->conf->web.keys.n && !ok; j++) {
		form_mac(w->conf->web.keys.key[j], link_token, issued, mac);
		hex16(mac, text);
		ok = CRYPTO_memcmp(text, end + 1, 32) == 0;
	}
	if (!ok)
		return -1;
	/* once: a form sent again (a replay, a double click) is refused */
	for (i = k = 0; i < w->nused; i++) {
		if (w->used[i].until < now)
			continue;	/* forgotten: it has expired anyway */
		if (memcmp(w->used[i].mac, mac, 16) == 0)
			return -1;
		w->used[k++] = w->used[i];
	}
	w->nused = k;
	if (w->nused == USED_MAX)
		return -1;	/* full of live forms: refuse rather than forget one */
	if (w->nused == w->capused) {
		w->capused = w->capused ? w->capused * 2 : 64;
		w->used = xreallocarray(w->used, w->capused, sizeof(*w->used));
	}
	memcpy(w->used[w->nused].mac, mac, 16);
	w->used[w->nused].until = issued + FORM_VALID;
	w->nused++;
	return 0;
}

static int
hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	    c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Percent-decoding of one field; NULL if it holds a NUL or a bad escape. */
static char *
decode(const char *s, size_t n)
{
	char *out = xmalloc(n + 1), *o = out;
	size_t i;
	int h, l;

	for (i = 0; i < n; i++) {
		if (s[i] == '+')
			*o++ = ' ';
		else if (s[i] == '%') {
			if (i + 2 >= n || (h = hexval(s[i + 1])) < 0 || (l = hexval(s[i + 2])) < 0 ||
			    (h == 0 && l == 0))
				goto bad;
			*o++ = (char)(h << 4 | l);
			i += 2;
		} else
			*o++ = s[i];
	}
	*o = '\0';
	return out;
bad:
	free(out);
	return NULL;
}

int
form_parse(const char *body, size_t len, struct form *f)
{
	const char *p = body, *end = body + len, *amp, *eq;

	memset(f, 0, sizeof(*f));
	while (p < end) {
		amp = memchr(p, '&', (size_t)(end - p));
		if (amp == NULL)
			amp = end;
		eq = memchr(p, '=', (size_t)(amp - p));
		if (amp > p) {
			if (eq == NULL || f->n == FORM_MAX)
				return -1;
			if ((f->name[f->n] = decode(p, (size_t)(eq - p))) == NULL ||
			    (f->value[f->n] = decode(eq + 1, (size_t)(amp - eq - 1))) == NULL) {
				f->n++;
				return -1;
			}
			f->n++;
		}
		p = amp + 1;
	}
	return 0;
}

const char *
form_get(const struct form *f, const char *name)
{
	const char *v = NULL;
	int i;

	for (i = 0; i < f->n; i++)
		if (f->name[i] != NULL && strcmp(f->name[i], name) == 0) {
			if (v != NULL)
				return NULL;	/* twice: ambiguous, taken as absent */
			v = f->value[i];
		}
	return v;
}

void
form_clear(struct form *f)
{
	int i;

	for (i = 0; i < f->n; i++) {
		free(f->name[i]);
		free(f->value[i]);
	}
	memset(f, 0, sizeof(*f));
}
