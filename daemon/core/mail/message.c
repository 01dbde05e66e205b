/* RFC 5322 and MIME: UTF-8 text, RFC 2047 headers, base64 bodies, CRLF. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "duban/message.h"
#include "duban/buf.h"
#include "duban/xmalloc.h"

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

char *
message_base64(const unsigned char *p, size_t len)
{
	char *out = xmalloc((len + 2) / 3 * 4 + 1), *o = out;
	size_t i;

	for (i = 0; i + 2 < len; i += 3) {
		*o++ = b64[p[i] >> 2];
		*o++ = b64[((p[i] & 3) << 4) | (p[i + 1] >> 4)];
		*o++ = b64[((p[i + 1] & 15) << 2) | (p[i + 2] >> 6)];
		*o++ = b64[p[i + 2] & 63];
	}
	if (i < len) {
		*o++ = b64[p[i] >> 2];
		if (i + 1 < len) {
			*o++ = b64[((p[i] & 3) << 4) | (p[i + 1] >> 4)];
			*o++ = b64[(p[i + 1] & 15) << 2];
		} else {
			*o++ = b64[(p[i] & 3) << 4];
			*o++ = '=';
		}
		*o++ = '=';
	}
	*o = '\0';
	return out;
}

char *
message_wash(const char *s)
{
	char *out = xstrdup(s ? s : ""), *p;

	for (p = out; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	return out;
}

/* A washed token (address, message id) no longer than max octets. */
static char *
wash_clamp(const char *s, size_t max)
{
	char *w = message_wash(s);

	if (strlen(w) > max)
		w[max] = '\0';
	return w;
}

static int
is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

/* Length of the UTF-8 sequence starting at p (1 for a stray byte). */
static size_t
utf8_len(const unsigned char *p)
{
	size_t n = *p < 0x80 ? 1 : *p >= 0xf0 ? 4 : *p >= 0xe0 ? 3 : *p >= 0xc0 ? 2 : 1;
	size_t i;

	for (i = 1; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 1;
	return n;
}

/*
 * Encoded words that fill a line of 78 octets at most, never splitting a
 * character, one per line.
 */
char *
message_encode_header(const char *name, const char *value)
{
	struct buf b = { 0 };
	char *clean = message_wash(value), *enc;
	const unsigned char *p = (const unsigned char *)clean;
	size_t used = strlen(name) + 2, chunk, n, limit;

	if (is_ascii(clean) && strlen(clean) + used <= 78) {
		buf_puts(&b, clean);
		free(clean);
		return buf_take(&b);
	}
	while (*p) {
		/* 78 octets a line, less "Name: " or the folding space, less the frame */
		limit = ((78 - (b.len > 0 ? 1 : used) - 12) / 4) * 3;
		chunk = 0;
		while (p[chunk] && chunk + (n = utf8_len(p + chunk)) <= limit)
			chunk += n;
		if (chunk == 0)
			chunk = utf8_len(p);
		enc = message_base64(p, chunk);
		if (b.len > 0)
			buf_puts(&b, "\r\n ");
		buf_printf(&b, "=?UTF-8?B?%s?=", enc);
		free(enc);
		p += chunk;
	}
	free(clean);
	return buf_take(&b);
}

void
message_split_address(const char *s, char **name, char **addr)
{
	const char *lt = strchr(s, '<'), *gt;
	size_t len;

	*name = NULL;
	if (lt == NULL || (gt = strchr(lt, '>')) == NULL) {
		*addr = message_wash(s);
		return;
	}
	len = (size_t)(gt - lt - 1);
	*addr = xmalloc(len + 1);
	memcpy(*addr, lt + 1, len);
	(*addr)[len] = '\0';
	while (s < lt && isspace((unsigned char)*s))
		s++;
	len = (size_t)(lt - s);
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	if (len > 0 && s[0] == '"' && s[len - 1] == '"' && len >= 2) {
		s++;
		len -= 2;
	}
	if (len > 0) {
		*name = xmalloc(len + 1);
		memcpy(*name, s, len);
		(*name)[len] = '\0';
	}
	{
		char *w = message_wash(*addr);

		free(*addr);
		*addr = w;
	}
}

const char *
message_domain(const char *addr)
{
	const char *at = strrchr(addr, '@');

	return at && at[1] ? at + 1 : "localhost";
}

/* "Name <addr>" with the name encoded when it is not plain ASCII. */
static void
add_mailbox(struct buf *b, const char *header, const char *name, const char *addr)
{
	char *n, *a = wash_clamp(addr, 254);	/* RFC 5321's longest path */
	const char *line;

	buf_printf(b, "%s: ", header);
	if (name != NULL && *name != '\0') {
		if (is_ascii(name) && strlen(name) <= 60) {
			char *w = message_wash(name), *p;

			for (p = w; *p; p++)
				if (*p == '"' || *p == '\\')
					*p = ' ';
			buf_printf(b, "\"%s\"", w);
			free(w);
		} else {
			n = message_encode_header(header, name);
			buf_puts(b, n);
			free(n);
		}
		/* folded before the address where the line would pass 78 octets */
		for (line = b->data + b->len; line > b->data && line[-1] != '\n'; line--)
			;
		if ((size_t)(b->data + b->len - line) + strlen(a) + 3 > 78)
			buf_puts(b, "\r\n");
		buf_puts(b, " ");
	}
	buf_printf(b, "<%s>\r\n", a);
	free(a);
}

static void
add_body_base64(struct buf *b, const char *body)
{
	struct buf crlf = { 0 };
	const char *p;
	char *enc;
	size_t i, len;

	/* The text itself has CRLF line ends before it is encoded. */
	for (p = body; *p; p++) {
		if (*p == '\n' && (p == body || p[-1] != '\r'))
			buf_add(&crlf, "\r\n", 2);
		else
			buf_add(&crlf, p, 1);
	}
	enc = message_base64((const unsigned char *)(crlf.data ? crlf.data : ""), crlf.len);
	len = strlen(enc);
	for (i = 0; i < len; i += 76) {
		buf_add(b, enc + i, len - i < 76 ? len - i : 76);
		buf_add(b, "\r\n", 2);
	}
	free(enc);
	buf_free(&crlf);
}

char *
message_compose(const struct mail *m)
{
	struct buf b = { 0 };
	char date[64], *from_name, *from_addr, *subj, *w;

	instant_rfc5322(m->date, date, sizeof(date));
	message_split_address(m->from, &from_name, &from_addr);
	add_mailbox(&b, "From", from_name, from_addr);
	add_mailbox(&b, "To", m->to_name, m->to_addr);
	subj = message_encode_header("Subject", m->subject);
	buf_printf(&b, "Subject: %s\r\n", subj);
	buf_printf(&b, "Date: %s\r\n", date);
	w = wash_clamp(m->message_id, 250);
	buf_printf(&b, "Message-ID: <%s>\r\n", w);
	free(w);
	if (m->thread_id != NULL) {
		w = wash_clamp(m->thread_id, 250);
		buf_printf(&b, "In-Reply-To: <%s>\r\nReferences: <%s>\r\n", w, w);
		free(w);
	}
	if (m->action_ref != NULL) {
		w = wash_clamp(m->action_ref, 250);
		buf_printf(&b, "X-Duban-Action: %s\r\n", w);
		free(w);
	}
	buf_puts(&b, "Auto-Submitted: auto-generated\r\n");
	buf_puts(&b, "MIME-Version: 1.0\r\n");
	buf_puts(&b, "Content-Type: text/plain; charset=UTF-8\r\n");
	buf_puts(&b, "Content-Transfer-Encoding: base64\r\n\r\n");
	add_body_base64(&b, m->body);
	free(subj);
	free(from_name);
	free(from_addr);
	return buf_take(&b);
}

char *
message_redate(const char *msg, instant_t t)
{
	const char *p = strstr(msg, "\r\nDate: "), *end, *body = strstr(msg, "\r\n\r\n");
	struct buf b = { 0 };
	char date[64];

	if (p == NULL || (body != NULL && p > body) || (end = strstr(p + 2, "\r\n")) == NULL)
		return xstrdup(msg);
	instant_rfc5322(t, date, sizeof(date));
	buf_add(&b, msg, (size_t)(p - msg));
	buf_printf(&b, "\r\nDate: %s", date);
	buf_puts(&b, end);
	return buf_take(&b);
}
