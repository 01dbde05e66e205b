/* The systemd notification protocol (sd_notify), without libsystemd. */
#ifndef DUBAN_NOTIFY_H
#define DUBAN_NOTIFY_H

#include <stdint.h>

/* Send a state string ("READY=1", "STATUS=...") to $NOTIFY_SOCKET, if set. */
int notify_send(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The watchdog interval asked for by systemd in microseconds, 0 if none. */
uint64_t notify_watchdog_usec(void);

#endif
