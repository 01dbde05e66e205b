/*
 * Signed links: a token for one action, one recipient and one cycle of
 * notices, with an expiry and a nonce, signed by HMAC-SHA256 with a key of
 * the office's (a root-only file or a systemd credential, several keys for
 * a rotation: the first signs, every one verifies until its links expire).
 * The token carries the key's id, the action, the cycle, the expiry and
 * the nonce in the clear and the recipient only inside the signature: a
 * link forwarded to someone else still names the recipient it was for, and
 * one changed in any byte fails.
 */
#ifndef DUBAN_LINK_H
#define DUBAN_LINK_H

#include <stddef.h>
#include <stdint.h>

#include "duban/instant.h"

#define LINK_KEY_MAX	4	/* keys at once: the signing one and those still verified */
#define LINK_TOKEN_MAX	160	/* a token's length, with its NUL */

struct link_keys {
	int		 n;
	uint32_t	 id[LINK_KEY_MAX];
	unsigned char	 key[LINK_KEY_MAX][32];
};

struct link {
	int64_t		 action;
	int		 cycle;
	instant_t	 expires;
	uint64_t	 nonce;
};

enum link_check {
	LINK_OK = 0,
	LINK_MALFORMED,		/* not a token at all */
	LINK_UNKNOWN_KEY,	/* signed by a key no longer (or never) held */
	LINK_FORGED,		/* the signature does not match: altered, or another recipient's */
	LINK_EXPIRED,		/* a true link whose time has passed */
};

/*
 * Read the keys of path: a line each, "ID HEX" (ID a number, HEX 64 hex
 * digits), the first the one that signs. The file must belong to root or
 * the caller and be readable by nobody else. 0, or -1 with *cause (to free).
 */
int link_keys_load(const char *path, struct link_keys *k, char **cause);
/* The token of l for recipient into out (LINK_TOKEN_MAX bytes), with the first key. */
void link_sign(const struct link_keys *k, const struct link *l, const char *recipient,
    char *out);
/*
 * Is token a true link for recipient at now? LINK_OK with *l filled, or
 * why not (*l is filled for LINK_EXPIRED, so that the page can say which).
 * The signature is compared in constant time.
 */
enum link_check link_verify(const struct link_keys *k, const char *token,
    const char *recipient, instant_t now, struct link *l);
/*
 * What a token claims, its signature unchecked: only to find whom it may be
 * for (the recipients of the action's notices), each then tried with
 * link_verify. LINK_OK (*l filled) if it is a token of a key held, else
 * LINK_MALFORMED or LINK_UNKNOWN_KEY.
 */
enum link_check link_peek(const struct link_keys *k, const char *token, struct link *l);
/* The words for a check's result, for the log (never the token). */
const char *link_check_name(enum link_check c);

#endif
