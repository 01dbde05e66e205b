/* Signed links: HMAC-SHA256 (OpenSSL) over an action, cycle, expiry, nonce and recipient. */
#include <ctype.h>
#include <errno.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "duban/link.h"
#include "duban/xmalloc.h"

#define PAYLOAD	32	/* key id 4, action 8, cycle 4, expires 8, nonce 8 */
#define MAC	32

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

static void
put(unsigned char *p, uint64_t v, int n)
{
	while (n-- > 0) {
		p[n] = (unsigned char)(v & 0xff);
		v >>= 8;
	}
}

static uint64_t
get(const unsigned char *p, int n)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < n; i++)
		v = (v << 8) | p[i];
	return v;
}

/* base64url without padding of n bytes into out (NUL-terminated). */
static void
encode(const unsigned char *in, size_t n, char *out)
{
	size_t i;
	uint32_t v;
	int bits = 0;

	for (i = 0, v = 0; i < n; i++) {
		v = (v << 8) | in[i];
		bits += 8;
		while (bits >= 6) {
			bits -= 6;
			*out++ = b64[(v >> bits) & 63];
		}
	}
	if (bits > 0)
		*out++ = b64[(v << (6 - bits)) & 63];
	*out = '\0';
}

/* Decode exactly n bytes of base64url from in (its whole length): 0, or -1. */
static int
decode(const char *in, unsigned char *out, size_t n)
{
	size_t len = strlen(in), i, k = 0;
	uint32_t v = 0;
	int bits = 0;
	const char *p;

	if (len != (n * 8 + 5) / 6)
		return -1;
	for (i = 0; i < len; i++) {
		if (in[i] == '\0' || (p = strchr(b64, in[i])) == NULL)
			return -1;
		v = (v << 6) | (uint32_t)(p - b64);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (k < n)
				out[k++] = (unsigned char)((v >> bits) & 0xff);
		}
	}
	/* the unused low bits of the last character must be zero: one token, one spelling */
	return k == n && (v & ((1u << bits) - 1)) == 0 ? 0 : -1;
}

static void
mac(const unsigned char *key, const unsigned char *payload, const char *recipient,
    unsigned char *out)
{
	static const char domain[] = "duban-link-v1";
	unsigned char *msg;
	size_t rlen = strlen(recipient), i;
	unsigned int outlen = MAC;

	msg = xmalloc(sizeof(domain) + PAYLOAD + rlen);
	memcpy(msg, domain, sizeof(domain));
	memcpy(msg + sizeof(domain), payload, PAYLOAD);
	/* an address compares without regard to case */
	for (i = 0; i < rlen; i++)
		msg[sizeof(domain) + PAYLOAD + i] =
		    (unsigned char)tolower((unsigned char)recipient[i]);
	HMAC(EVP_sha256(), key, 32, msg, sizeof(domain) + PAYLOAD + rlen, out, &outlen);
	free(msg);
}

void
link_sign(const struct link_keys *k, const struct link *l, const char *recipient, char *out)
{
	unsigned char tok[PAYLOAD + MAC];

	put(tok, k->id[0], 4);
	put(tok + 4, (uint64_t)l->action, 8);
	put(tok + 12, (uint64_t)(uint32_t)l->cycle, 4);
	put(tok + 16, (uint64_t)l->expires, 8);
	put(tok + 24, l->nonce, 8);
	mac(k->key[0], tok, recipient, tok + PAYLOAD);
	encode(tok, sizeof(tok), out);
}

/* The clear fields of a decoded token. */
static void
unpack(const unsigned char *tok, struct link *l)
{
	l->action = (int64_t)get(tok + 4, 8);
	l->cycle = (int)get(tok + 12, 4);
	l->expires = (instant_t)get(tok + 16, 8);
	l->nonce = get(tok + 24, 8);
}

/* Decode token and find its key: LINK_OK (*key its index), or why not. */
static enum link_check
open_token(const struct link_keys *k, const char *token, unsigned char *tok, int *key)
{
	uint32_t id;

	if (token == NULL || strlen(token) >= LINK_TOKEN_MAX ||
	    decode(token, tok, PAYLOAD + MAC) != 0)
		return LINK_MALFORMED;
	id = (uint32_t)get(tok, 4);
	for (*key = 0; *key < k->n && k->id[*key] != id; (*key)++)
		;
	return *key == k->n ? LINK_UNKNOWN_KEY : LINK_OK;
}

enum link_check
link_verify(const struct link_keys *k, const char *token, const char *recipient,
    instant_t now, struct link *l)
{
	unsigned char tok[PAYLOAD + MAC], want[MAC];
	enum link_check c;
	int i;

	memset(l, 0, sizeof(*l));
	if ((c = open_token(k, token, tok, &i)) != LINK_OK)
		return c;
	mac(k->key[i], tok, recipient, want);
	if (CRYPTO_memcmp(want, tok + PAYLOAD, MAC) != 0)
		return LINK_FORGED;
	unpack(tok, l);
	return now >= l->expires ? LINK_EXPIRED : LINK_OK;
}

enum link_check
link_peek(const struct link_keys *k, const char *token, struct link *l)
{
	unsigned char tok[PAYLOAD + MAC];
	enum link_check c;
	int i;

	memset(l, 0, sizeof(*l));
	if ((c = open_token(k, token, tok, &i)) == LINK_OK)
		unpack(tok, l);
	return c;
}

const char *
link_check_name(enum link_check c)
{
	switch (c) {
	case LINK_OK:
		return "valid";
	case LINK_MALFORMED:
		return "not a link";
	case LINK_UNKNOWN_KEY:
		return "signed by a key not held";
	case LINK_FORGED:
		return "signature does not match (altered, or another recipient's)";
	case LINK_EXPIRED:
		return "expired";
	}
	return "?";
}

static int
hexval(int c)
{
	return isdigit(c) ? c - '0' : isxdigit(c) ? tolower(c) - 'a' + 10 : -1;
}

int
link_keys_load(const char *path, struct link_keys *k, char **cause)
{
	struct stat sb;
	char line[256], *p, *end;
	unsigned long id;
	FILE *fp;
	int n = 0, i;

	memset(k, 0, sizeof(*k));
	if ((fp = fopen(path, "r")) == NULL) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fileno(fp), &sb) != 0 || (sb.st_mode & 0077) != 0 ||
	    (sb.st_uid != 0 && sb.st_uid != geteuid())) {
		xasprintf(cause, "%s: a key file must be readable by its owner only (chmod 0600)"
		    " and belong to root or to duband's user", path);
		fclose(fp);
		return -1;
	}
	while (fgets(line, sizeof(line), fp) != NULL) {
		n++;
		if (line[0] == '#' || line[strspn(line, " \t\r\n")] == '\0')
			continue;
		errno = 0;
		id = strtoul(line, &end, 10);
		p = end + strspn(end, " \t");
		if (end == line || errno != 0 || id > UINT32_MAX || p == end ||
		    strspn(p, "0123456789abcdefABCDEF") != 64 ||
		    p[64 + strspn(p + 64, " \t\r\n")] != '\0') {
			xasprintf(cause, "%s:%d: a key is a line \"ID HEX\": a number, then 64 hex"
			    " digits", path, n);
			fclose(fp);
			return -1;
		}
		if (k->n == LINK_KEY_MAX) {
			xasprintf(cause, "%s:%d: more than %d keys", path, n, LINK_KEY_MAX);
			fclose(fp);
			return -1;
		}
		for (i = 0; i < k->n; i++)
			if (k->id[i] == id) {
				xasprintf(cause, "%s:%d: key %lu twice", path, n, id);
				fclose(fp);
				return -1;
			}
		k->id[k->n] = (uint32_t)id;
		for (i = 0; i < 32; i++)
			k->key[k->n][i] = (unsigned char)(hexval(p[2 * i]) << 4 | hexval(p[2 * i + 1]));
		k->n++;
	}
	fclose(fp);
	if (k->n == 0) {
		xasprintf(cause, "%s: no key", path);
		return -1;
	}
	return 0;
}
