/* libFuzzer: the configuration parser and validator on arbitrary bytes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "fuzz.h"

#include "duban/conf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *path = fuzz_file(data, size);
	struct diag d = { 0 };
	struct config *c;
	FILE *fp;

	if (path == NULL)
		return 0;
	c = conf_load(path, &d);
	if (c != NULL) {
		fp = fopen("/dev/null", "w");
		conf_print(c, fp);
		fclose(fp);
		conf_free(c);
	}
	diag_free(&d);
	unlink(path);
	free(path);
	return 0;
}
