/* RFC 5322 / MIME message composition (pure, no I/O). */
#ifndef DUBAN_MESSAGE_H
#define DUBAN_MESSAGE_H

#include "duban/day.h"
#include "duban/instant.h"
#include "duban/tz.h"

struct mail {
	const char	*from;		/* "Display Name <addr>" or "addr" */
	const char	*to_name;	/* may be NULL */
	const char	*to_addr;
	const char	*subject;	/* UTF-8 */
	const char	*body;		/* UTF-8, lines end in LF */
	const char	*message_id;	/* without angle brackets */
	const char	*thread_id;	/* the thread's root id, or NULL */
	const char	*action_ref;	/* X-Duban-Action, or NULL */
	instant_t	 date;
};

/* The whole message with CRLF line ends; the caller frees it. */
char *message_compose(const struct mail *m);
/* The message with its Date header set to t (it was composed earlier). */
char *message_redate(const char *msg, instant_t t);
/* A header value made safe: CR, LF and other controls become spaces. */
char *message_wash(const char *s);
/*
 * The value of a header with non-ASCII text as RFC 2047 encoded words,
 * folded so that no line exceeds 78 octets; name is the header's name.
 */
char *message_encode_header(const char *name, const char *value);
/* Split "Name <addr>" into its parts (name may come back NULL). */
void message_split_address(const char *s, char **name, char **addr);
/* The domain of an address, for Message-IDs ("localhost" if none). */
const char *message_domain(const char *addr);
/* Base64 of len bytes, no line breaks. */
char *message_base64(const unsigned char *data, size_t len);

#endif
