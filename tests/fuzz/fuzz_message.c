/* libFuzzer: message composition with hostile subjects, names and bodies. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "duban/message.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *parts[4] = { s, s, s, s }, *msg, *p, *body;
	struct mail m;
	size_t i, k = 1;

	memcpy(s, data, size);
	s[size] = '\0';
	/* split the input at the first NUL-free '\x01' bytes into four fields */
	for (i = 0; i < size && k < 4; i++)
		if (s[i] == '\x01') {
			s[i] = '\0';
			parts[k++] = s + i + 1;
		}
	memset(&m, 0, sizeof(m));
	m.from = parts[0];
	m.to_name = parts[1];
	m.to_addr = "zjj@example.gov.cn";
	m.subject = parts[2];
	m.body = parts[3];
	m.message_id = "fuzz@example.gov.cn";
	m.thread_id = parts[1];
	m.date = 1800000000000LL;
	msg = message_compose(&m);
	body = strstr(msg, "\r\n\r\n");
	if (body == NULL)
		abort();
	/* the header: CRLF only, no line over 998 octets, no injected header */
	for (p = msg; p < body; p++) {
		if (*p == '\n' && p[-1] != '\r')
			abort();
		if (*p == '\r' && p[1] != '\n')
			abort();
	}
	for (p = msg; p && p < body; p = strstr(p, "\r\n")) {
		char *q;

		p += p == msg ? 0 : 2;
		q = strstr(p, "\r\n");
		if (q && q - p > 998)
			abort();
		if (q == NULL)
			break;
		p = q;
	}
	free(msg);
	free(s);
	return 0;
}
