/* duband's control socket seen from another program: a datagram, and an answer to it. */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "duban/control.h"

/* A datagram socket bound to an automatic abstract address, so the daemon can answer. */
static int
control_socket(const char *path, struct sockaddr_un *sun)
{
	struct sockaddr_un self;
	int fd;

	if (path == NULL || strlen(path) >= sizeof(sun->sun_path))
		return -1;
	memset(sun, 0, sizeof(*sun));
	sun->sun_family = AF_UNIX;
	strcpy(sun->sun_path, path);
	if ((fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1)
		return -1;
	/* an address of the family alone: the kernel picks an abstract name */
	memset(&self, 0, sizeof(self));
	self.sun_family = AF_UNIX;
	if (bind(fd, (struct sockaddr *)&self, sizeof(sa_family_t)) == -1) {
		close(fd);
		return -1;
	}
	return fd;
}

void
control_send(const char *path, const char *request)
{
	struct sockaddr_un sun;
	int fd;

	if ((fd = control_socket(path, &sun)) == -1)
		return;
	(void)sendto(fd, request, strlen(request), MSG_DONTWAIT | MSG_NOSIGNAL,
	    (struct sockaddr *)&sun, sizeof(sun));
	close(fd);
}

int
control_ask(const char *path, const char *request, char *reply, size_t len, int timeout_ms)
{
	struct sockaddr_un sun;
	struct pollfd pfd;
	ssize_t n;
	int fd, e;

	if ((fd = control_socket(path, &sun)) == -1)
		return -1;
	if (sendto(fd, request, strlen(request), MSG_DONTWAIT | MSG_NOSIGNAL,
	    (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	pfd.fd = fd;
	pfd.events = POLLIN;
	if ((e = poll(&pfd, 1, timeout_ms)) != 1 || (n = recv(fd, reply, len - 1, 0)) < 0) {
		e = e == 0 ? ETIMEDOUT : errno;
		close(fd);
		errno = e;
		return -1;
	}
	reply[n] = '\0';
	close(fd);
	return 0;
}
