/*
 * duband's control socket seen from another program (dubanctl, duban-web):
 * a datagram to it ("wake", "status"), and for "status" its answer.
 */
#ifndef DUBAN_CONTROL_H
#define DUBAN_CONTROL_H

#include <stddef.h>

/* Send request to the socket at path, without waiting (the daemon may be down). */
void control_send(const char *path, const char *request);
/* Ask and wait timeout_ms for the answer into reply: 0, or -1 with errno. */
int control_ask(const char *path, const char *request, char *reply, size_t len, int timeout_ms);

#endif
