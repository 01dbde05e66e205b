/* libFuzzer: durations, dates and times as the rules and dubanctl read them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "duban/rulelang.h"
#include "duban/rules.h"
#include "duban/day.h"
#include "duban/instant.h"
#include "duban/tz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), buf[64];
	struct duration d;
	const char *cause;
	instant_t t;
	int32_t day;

	memcpy(s, data, size);
	s[size] = '\0';
	if (duration_parse(s, &d, &cause) == 0) {
		duration_format(&d, buf, sizeof(buf));
		if (duration_parse(buf, &d, &cause) != 0)
			abort();	/* what we print we must read back */
	}
	day_parse(s, &day);
	if (strcmp(s, "now") != 0 && instant_parse(s, &t) == 0)
		instant_format(t, buf, sizeof(buf));
	free(s);
	return 0;
}
