/* Shared by the fuzz targets that read files. */
#ifndef DUBAN_FUZZ_H
#define DUBAN_FUZZ_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Write the input to a new temporary file; its path (free it, unlink it) or NULL. */
static inline char *
fuzz_file(const uint8_t *data, size_t size)
{
	char *path = strdup("/tmp/duban-fuzz-XXXXXX");
	int fd = mkstemp(path);

	if (fd < 0 || write(fd, data, size) != (ssize_t)size) {
		if (fd >= 0) {
			close(fd);
			unlink(path);
		}
		free(path);
		return NULL;
	}
	close(fd);
	return path;
}

#endif
