/* RFC 5321 mailboxes: Dot-string local parts, host names or address literals. */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "duban/address.h"
#include "duban/xmalloc.h"

static int
is_alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* atext (RFC 5322 3.2.3), which RFC 5321's Atom uses. */
static int
is_atext(int c)
{
	return is_alnum(c) || (c != '\0' && strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL);
}

/* Dot-string = Atom *("." Atom); quoted local parts are not accepted. */
static int
check_local(const char *s, size_t len, const char **why)
{
	size_t i;

	if (len == 0)
		return *why = "the part before '@' is empty", -1;
	if (len > 64)
		return *why = "the part before '@' is longer than 64 characters", -1;
	if (s[0] == '"')
		return *why = "a quoted local part is not accepted", -1;
	if (s[0] == '.' || s[len - 1] == '.')
		return *why = "the part before '@' begins or ends with '.'", -1;
	for (i = 0; i < len; i++) {
		if (s[i] == '.') {
			if (s[i + 1] == '.')
				return *why = "the part before '@' has two dots in a row", -1;
			continue;
		}
		if ((unsigned char)s[i] >= 0x80)
			return *why = "non-ASCII characters (SMTPUTF8 is not supported)", -1;
		if (!is_atext((unsigned char)s[i]))
			return *why = "a character not allowed in the part before '@'", -1;
	}
	return 0;
}

/* An address literal: [IPv4] or [IPv6:...]. */
static int
check_literal(const char *s, size_t len, const char **why)
{
	char ip[64];
	unsigned char bin[16];

	if (len < 3 || s[len - 1] != ']' || len - 2 >= sizeof(ip))
		return *why = "a malformed address literal", -1;
	memcpy(ip, s + 1, len - 2);
	ip[len - 2] = '\0';
	if (strncmp(ip, "IPv6:", 5) == 0) {
		if (inet_pton(AF_INET6, ip + 5, bin) == 1)
			return 0;
	} else if (inet_pton(AF_INET, ip, bin) == 1)
		return 0;
	return *why = "a malformed address literal", -1;
}

/* Domain = sub-domain *("." sub-domain), sub-domain = Let-dig [Ldh-str]. */
static int
check_domain(const char *s, size_t len, const char **why)
{
	size_t i, label = 0;

	if (len == 0)
		return *why = "the domain after '@' is empty", -1;
	if (s[0] == '[')
		return check_literal(s, len, why);
	if (len > 253)
		return *why = "the domain is longer than 253 characters", -1;
	for (i = 0; i <= len; i++) {
		int c = i < len ? (unsigned char)s[i] : '.';

		if (c == '.') {
			if (label == 0)
				return *why = "the domain has an empty label", -1;
			if (s[i - 1] == '-')
				return *why = "a domain label ends with '-'", -1;
			label = 0;
			continue;
		}
		if (c >= 0x80)
			return *why = "non-ASCII characters in the domain (write it in punycode)", -1;
		if (!is_alnum(c) && c != '-')
			return *why = "a character not allowed in the domain", -1;
		if (label == 0 && c == '-')
			return *why = "a domain label begins with '-'", -1;
		if (++label > 63)
			return *why = "a domain label is longer than 63 characters", -1;
	}
	return 0;
}

int
address_check(const char *addr, const char **why)
{
	const char *at;
	size_t len;

	if (addr == NULL || *addr == '\0')
		return *why = "empty", -1;
	len = strlen(addr);
	if (len > ADDRESS_MAX)
		return *why = "longer than 254 characters", -1;
	for (at = addr; *at; at++)
		if ((unsigned char)*at < 0x20 || *at == 0x7f)
			return *why = "control characters (CR, LF, tab...)", -1;
		else if (*at == ' ')
			return *why = "a space", -1;
		else if (*at == '<' || *at == '>')
			return *why = "angle brackets inside the address", -1;
	if ((at = strrchr(addr, '@')) == NULL)
		return *why = "no '@'", -1;
	if (check_local(addr, (size_t)(at - addr), why) != 0)
		return -1;
	return check_domain(at + 1, len - (size_t)(at + 1 - addr), why);
}

int
address_check_spec(const char *spec, const char **why)
{
	const char *lt, *p;
	char *addr;
	size_t len;
	int rc;

	if (spec == NULL || *spec == '\0')
		return *why = "empty", -1;
	for (p = spec; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return *why = "control characters (CR, LF, tab...)", -1;
	if ((lt = strchr(spec, '<')) == NULL)
		return address_check(spec, why);
	len = strlen(lt);
	if (len < 2 || lt[len - 1] != '>')
		return *why = "'<' without a closing '>' at the end", -1;
	addr = xmalloc(len - 1);
	memcpy(addr, lt + 1, len - 2);
	addr[len - 2] = '\0';
	rc = address_check(addr, why);
	free(addr);
	if (rc == 0 && (strchr(spec, '>') != spec + strlen(spec) - 1 ||
	    memchr(spec, '"', (size_t)(lt - spec)) != NULL))
		return *why = "a display name with '>' or '\"'", -1;
	return rc;
}

int
address_check_list(const char *list, const char **why, char **bad)
{
	char *copy, *tok, *save;
	int rc = 0;

	*bad = NULL;
	if (list == NULL)
		return 0;
	copy = xstrdup(list);
	for (tok = strtok_r(copy, ",; \t", &save); tok; tok = strtok_r(NULL, ",; \t", &save))
		if (address_check(tok, why) != 0) {
			*bad = xstrdup(tok);
			rc = -1;
			break;
		}
	free(copy);
	if (rc == 0 && strpbrk(list, "\r\n") != NULL) {
		*why = "control characters (CR, LF)";
		*bad = xstrdup(list);
		rc = -1;
	}
	return rc;
}
