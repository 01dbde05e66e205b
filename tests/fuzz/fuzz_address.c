/*
 * libFuzzer: address validation. Whatever it accepts must be safe to write
 * into an SMTP envelope command: ASCII, no controls, spaces or brackets, one
 * '@', within RFC 5321's lengths.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "duban/address.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *bad = NULL;
	const char *why = NULL, *p, *at;

	memcpy(s, data, size);
	s[size] = '\0';
	if (address_check(s, &why) == 0) {
		if (strlen(s) > ADDRESS_MAX || (at = strrchr(s, '@')) == NULL || at == s ||
		    at - s > 64)
			abort();
		for (p = s; *p; p++)
			if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f ||
			    *p == '<' || *p == '>' || *p == '\r' || *p == '\n')
				abort();
	} else if (why == NULL)
		abort();
	why = NULL;
	if (address_check_spec(s, &why) == 0) {
		if (strpbrk(s, "\r\n") != NULL)
			abort();
	} else if (why == NULL)
		abort();
	if (address_check_list(s, &why, &bad) == 0 && strpbrk(s, "\r\n") != NULL)
		abort();
	free(bad);
	free(s);
	return 0;
}
