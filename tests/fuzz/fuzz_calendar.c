/* libFuzzer: the calendar file parser, then arithmetic on what it read. */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "fuzz.h"

#include "duban/calendar.h"
#include "duban/day.h"
#include "duban/instant.h"
#include "duban/tz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *path = fuzz_file(data, size);
	struct diag d = { 0 };
	struct calendar *cal;
	bool unc = false;

	if (path == NULL)
		return 0;
	cal = cal_load(path, &d);
	if (cal != NULL) {
		int32_t day = day_from_civil(2026, 1, 1);

		for (int n = -40; n <= 40; n += 7)
			cal_add_workdays(cal, day, n, &unc);
		cal_next_workday(cal, day, &unc);
		cal_free(cal);
	}
	diag_free(&d);
	unlink(path);
	free(path);
	return 0;
}
