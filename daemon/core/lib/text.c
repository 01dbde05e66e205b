/* Text in (checked) and text out (escaped): the evidence record cannot be forged by its data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "duban/i18n.h"
#include "duban/text.h"

/* The length of the UTF-8 sequence at p (1-4), or 0 if it is not valid. */
static size_t
utf8_len(const unsigned char *p)
{
	size_t n, i;
	unsigned int cp;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2, cp = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3, cp = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4, cp = p[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	/* U+2028, U+2029 (line and paragraph separators) break lines too */
	if (cp == 0x2028 || cp == 0x2029 || (cp >= 0x80 && cp < 0xa0))
		return 0;
	return n;
}

int
text_check(const char *s, size_t max, const char **why)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	if (strlen(s) > max)
		return *why = "too long", -1;
	while (*p) {
		if (*p < 0x20 || *p == 0x7f)
			return *why = "control characters (a line break, a tab...) are not accepted", -1;
		if ((n = utf8_len(p)) == 0)
			return *why = "not valid UTF-8 (or a control or line-separator character)", -1;
		p += n;
	}
	return 0;
}

const char *
text_check_field(const char *s, size_t n, size_t max, char *buf, size_t len)
{
	const char *why;

	if (n > max) {
		snprintf(buf, len, _("too long: %zu bytes, at most %zu bytes"), n, max);
		return buf;
	}
	if (text_check(s, max, &why) != 0) {
		snprintf(buf, len, "%s", gettext(why));
		return buf;
	}
	return NULL;
}

size_t
text_limit(const char *metavar)
{
	static const struct {
		const char	*word;
		size_t		 max;
	} limits[] = {
		{ "CODE", TEXT_MAX_DEPT }, { "DEPT", TEXT_MAX_DEPT }, { "NUMBER", TEXT_MAX_CODE },
		{ "CASE", TEXT_MAX_CODE }, { "KIND", TEXT_MAX_NAME }, { "ID", TEXT_MAX_CODE },
		{ "ACTION", TEXT_MAX_CODE }, { "NOTICE", TEXT_MAX_CODE },
		{ "TIME", TEXT_MAX_CODE }, { "DATE", TEXT_MAX_CODE }, { "DURATION", TEXT_MAX_CODE },
		{ "1-9", TEXT_MAX_CODE }, { "utf-8|gb18030", TEXT_MAX_CODE },
		{ "NAME", TEXT_MAX_NAME }, { "BODY", TEXT_MAX_NAME },
		{ "ADDR", TEXT_MAX_ADDR }, { "ADDRESS", TEXT_MAX_ADDR },
		{ "ADDR[,ADDR]", TEXT_MAX }, { "TEXT", TEXT_MAX }, { "TITLE", TEXT_MAX },
		{ "FILE", TEXT_MAX_PATH }, { "FROM", TEXT_MAX_PATH }, { "TO", TEXT_MAX_PATH },
	};
	size_t i;

	for (i = 0; metavar != NULL && i < sizeof(limits) / sizeof(limits[0]); i++)
		if (strcmp(limits[i].word, metavar) == 0)
			return limits[i].max;
	return TEXT_MAX;
}

void
text_put(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	if (s == NULL)
		return;
	while (*p) {
		if (*p == '\\')
			buf_puts(b, "\\\\");
		else if (*p == '\n')
			buf_puts(b, "\\n");
		else if (*p == '\r')
			buf_puts(b, "\\r");
		else if (*p == '\t')
			buf_puts(b, "\\t");
		else if (*p < 0x20 || *p == 0x7f || (n = utf8_len(p)) == 0)
			buf_printf(b, "\\x%02x", *p);
		else {
			buf_add(b, p, n);
			p += n;
			continue;
		}
		p++;
	}
}

char *
text_escape(const char *s)
{
	struct buf b = { 0 };

	text_put(&b, s ? s : "");
	return buf_take(&b);
}

void
text_event_line(struct buf *b, instant_t at, const char *who, const char *what,
    const char *detail)
{
	char when[32];
	char *w = text_escape(who), *x = text_escape(what);

	instant_format(at, when, sizeof(when));
	buf_printf(b, "  %s  %-10s %-18s ", when, w, x);
	text_put(b, detail);
	buf_puts(b, "\n");
	free(w);
	free(x);
}

/* Columns a string takes on a terminal, as the C library's wcwidth counts them. */
int
text_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	wchar_t wc;
	int w = 0, n, cw;

	while (*p) {
		/* UTF-8 to a code point: text is checked UTF-8 where it enters */
		if (*p < 0x80)
			wc = *p, n = 1;
		else if (*p < 0xe0)
			wc = (wchar_t)(((p[0] & 0x1f) << 6) | (p[1] & 0x3f)), n = 2;
		else if (*p < 0xf0)
			wc = (wchar_t)(((p[0] & 0x0f) << 12) | ((p[1] & 0x3f) << 6) | (p[2] & 0x3f)),
			    n = 3;
		else
			wc = (wchar_t)(((p[0] & 0x07) << 18) | ((p[1] & 0x3f) << 12) |
			    ((p[2] & 0x3f) << 6) | (p[3] & 0x3f)), n = 4;
		for (cw = 1; cw < n; cw++)
			if (p[cw] == '\0')
				return w + 1;
		cw = wcwidth(wc);
		w += cw < 0 ? 1 : cw;
		p += n;
	}
	return w;
}

int
text_pad(const char *s, int width)
{
	int pad = width - text_width(s);

	return pad > 0 ? pad : 0;
}
