/*
 * libFuzzer: the rendering of stored text in records (the evidence handed
 * to the discipline-inspection group, the audit log, tables). Whatever the
 * database holds, a timeline entry is exactly one line, and an escaped text
 * is itself text that could be stored.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "duban/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *parts[3], *e, *p;
	struct buf b = { 0 };
	const char *why;
	size_t i, k = 1;

	memcpy(s, data, size);
	s[size] = '\0';
	parts[0] = parts[1] = parts[2] = s;
	for (i = 0; i < size && k < 3; i++)
		if (s[i] == '\x01') {
			s[i] = '\0';
			parts[k++] = s + i + 1;
		}
	text_event_line(&b, 1800000000000LL, parts[0], parts[1], parts[2]);
	p = strchr(b.data, '\n');
	if (p == NULL || p[1] != '\0')
		abort();	/* one line, and only one */
	for (p = b.data; *p && *p != '\n'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			abort();
	buf_free(&b);
	e = text_escape(parts[2]);
	if (strlen(e) <= TEXT_MAX * 4 && text_check(e, TEXT_MAX * 4, &why) != 0)
		abort();	/* escaped text is clean text */
	if (text_check(parts[2], TEXT_MAX, &why) == 0 && strchr(parts[2], '\\') == NULL &&
	    strcmp(e, parts[2]) != 0)
		abort();	/* clean text is shown as it is */
	free(e);
	free(s);
	return 0;
}
