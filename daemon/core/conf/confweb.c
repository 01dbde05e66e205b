/*
 * [web]: where duban-web listens, the base of the links in notices, the
 * keys that sign them, how long a link works, where /metrics is served and
 * the service's limits.
 */
#include <errno.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>

#include "conf_parse.h"
#include "duban/conf.h"
#include "duban/rulelang.h"
#include "duban/xmalloc.h"

void
conf_web_defaults(struct web_conf *w)
{
	memset(w, 0, sizeof(*w));
	w->link_valid = 30 * 86400;
	w->max_connections = 1000;
	w->per_address = -1;	/* set by conf_web_check from where it listens */
	w->timeout = 15;
	w->max_body = 64 * 1024;
	w->escalated_light = 1;
}

int
conf_web_address(const char *s, struct sockaddr_storage *ss, socklen_t *len)
{
	struct addrinfo hints, *ai = NULL;
	char host[64];
	const char *colon, *h = s;
	size_t hlen;
	char *end;
	long port;

	if (s == NULL || (colon = strrchr(s, ':')) == NULL)
		return -1;
	hlen = (size_t)(colon - s);
	if (hlen >= 2 && s[0] == '[' && s[hlen - 1] == ']') {
		h = s + 1;
		hlen -= 2;
	} else if (memchr(s, ':', hlen) != NULL)
		return -1;	/* an IPv6 address goes in brackets */
	if (hlen == 0 || hlen >= sizeof(host))
		return -1;
	memcpy(host, h, hlen);
	host[hlen] = '\0';
	errno = 0;
	port = strtol(colon + 1, &end, 10);
	if (colon[1] == '\0' || *end != '\0' || errno != 0 || port < 1 || port > 65535)
		return -1;
	memset(&hints, 0, sizeof(hints));
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(host, colon + 1, &hints, &ai) != 0 || ai == NULL)
		return -1;
	memcpy(ss, ai->ai_addr, ai->ai_addrlen);
	*len = ai->ai_addrlen;
	freeaddrinfo(ai);
	return 0;
}

static void
address_key(struct conf_parse *p, const char *name, const char *value, char **out)
{
	struct sockaddr_storage ss;
	socklen_t len;

	if (conf_web_address(value, &ss, &len) != 0) {
		conf_error(p, "%s: expected ADDRESS:PORT (a numeric address, IPv6 in brackets:"
		    " 127.0.0.1:8025, [::1]:8025), not '%s'", name, value);
		return;
	}
	set_str(out, value);
}

static void
url_key(struct conf_parse *p, const char *value, char **out)
{
	size_t n = strlen(value);

	if ((strncmp(value, "https://", 8) != 0 && strncmp(value, "http://", 7) != 0) ||
	    strpbrk(value, "?#\"'<> \t") != NULL || n > 200 ||
	    value[strncmp(value, "https://", 8) == 0 ? 8 : 7] == '\0') {
		conf_error(p, "url: expected the service's address as people reach it"
		    " (https://HOST[/PATH], at most 200 characters, no query), not '%s'", value);
		return;
	}
	set_str(out, value);
	while (n > 0 && (*out)[n - 1] == '/')
		(*out)[--n] = '\0';
}

/* "30 days", "12 hours": from an hour to a year. */
static void
valid_key(struct conf_parse *p, const char *value, int *out)
{
	struct duration d;
	const char *cause;
	long v = -1;

	if (duration_parse(value, &d, &cause) == 0 && d.unit != UNIT_WORKDAYS)
		v = (long)d.n * (d.unit == UNIT_SECONDS ? 1 : d.unit == UNIT_MINUTES ? 60 :
		    d.unit == UNIT_HOURS ? 3600 : 86400);
	if (v < 3600 || v > 366L * 86400) {
		conf_error(p, "link-valid: expected hours or calendar days from 1 hour to 366 days,"
		    " not '%s'", value);
		return;
	}
	*out = (int)v;
}

int
conf_web_key(struct conf_parse *p, const char *name, const char *value)
{
	struct web_conf *w = &p->conf->web;

	if (strcmp(name, "listen") == 0)
		address_key(p, name, value, &w->listen);
	else if (strcmp(name, "metrics") == 0)
		address_key(p, name, value, &w->metrics);
	else if (strcmp(name, "url") == 0)
		url_key(p, value, &w->url);
	else if (strcmp(name, "keys") == 0) {
		free(w->keys_path);
		w->keys_path = conf_path(p, value);
	} else if (strcmp(name, "link-valid") == 0)
		valid_key(p, value, &w->link_valid);
	else if (strcmp(name, "max-connections") == 0)
		parse_int(p, name, value, 1, 100000, &w->max_connections);
	else if (strcmp(name, "per-address") == 0)
		parse_int(p, name, value, 0, 100000, &w->per_address);
	else if (strcmp(name, "timeout") == 0)
		parse_seconds(p, name, value, 1, 600, &w->timeout);
	else if (strcmp(name, "max-body") == 0)
		parse_int(p, name, value, 1024, 64 * 1024 * 1024, &w->max_body);
	else if (strcmp(name, "escalated-light") == 0)
		parse_bool(p, name, value, &w->escalated_light);
	else
		unknown_key(p, name);
	return 1;
}

void
conf_web_check(struct conf_parse *p)
{
	struct web_conf *w = &p->conf->web;
	char *url;

	if (!p->seen_web)
		return;
	if (w->listen == NULL) {
		conf_error_at(p, 0, "[web] needs 'listen' (ADDRESS:PORT of duban-web)");
		return;
	}
	/* behind a proxy on loopback every client is one address: no limit by address there */
	if (w->per_address < 0)
		w->per_address = strncmp(w->listen, "127.", 4) == 0 ||
		    strncmp(w->listen, "[::1]", 5) == 0 ? 0 : 64;
	if (w->url == NULL) {
		xasprintf(&url, "http://%s", w->listen);
		w->url = url;
	}
}

int
conf_web_read_keys(struct config *c, struct diag *d)
{
	struct web_conf *w = &c->web;
	char *path, *cause = NULL;
	int rc;

	if (w->listen == NULL || w->keys_loaded)
		return 0;
	path = conf_credential(DUBAN_LINK_CREDENTIAL);
	if (path == NULL && w->keys_path == NULL) {
		diag_error(d, c->path, 0, "[web] needs 'keys' (the link keys' file) or the"
		    " systemd credential %s", DUBAN_LINK_CREDENTIAL);
		return -1;
	}
	rc = link_keys_load(path ? path : w->keys_path, &w->keys, &cause);
	free(path);
	if (rc != 0) {
		diag_error(d, c->path, 0, "[web] keys: %s", cause);
		free(cause);
		return -1;
	}
	w->keys_loaded = true;
	return 0;
}

void
conf_web_print(const struct web_conf *w, FILE *fp)
{
	if (w->listen == NULL)
		return;
	fprintf(fp, "\n[web]\nlisten = %s\nurl = %s\nkeys = %s\n", w->listen, w->url,
	    w->keys_path ? w->keys_path : "(systemd credential)");
	if (w->link_valid % 86400 == 0)
		fprintf(fp, "link-valid = %d days\n", w->link_valid / 86400);
	else
		fprintf(fp, "link-valid = %d hours\n", w->link_valid / 3600);
	if (w->metrics)
		fprintf(fp, "metrics = %s\n", w->metrics);
	fprintf(fp, "max-connections = %d\nper-address = %d\ntimeout = %d seconds\nmax-body = %d\n"
	    "escalated-light = %s\n", w->max_connections, w->per_address, w->timeout, w->max_body,
	    w->escalated_light ? "yes" : "no");
}

void
conf_web_clear(struct web_conf *w)
{
	free(w->listen);
	free(w->url);
	free(w->keys_path);
	free(w->metrics);
	explicit_bzero(&w->keys, sizeof(w->keys));
	memset(w, 0, sizeof(*w));
}
