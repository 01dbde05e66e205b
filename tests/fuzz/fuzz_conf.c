/* libFuzzer: the configuration parser and validator on arbitrary bytes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "duban/conf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/duban-fuzz-conf-XXXXXX";
	struct diag d = { 0 };
	struct config *c;
	FILE *fp;
	int fd = mkstemp(path);

	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		unlink(path);
		return 0;
	}
	close(fd);
	c = conf_load(path, &d);
	if (c != NULL) {
		fp = fopen("/dev/null", "w");
		conf_print(c, fp);
		fclose(fp);
		conf_free(c);
	}
	diag_free(&d);
	unlink(path);
	return 0;
}
