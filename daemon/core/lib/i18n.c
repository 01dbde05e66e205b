/* The language people read: the locale and the message catalogue. */
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "duban/i18n.h"

#ifndef LOCALEDIR
#define LOCALEDIR	"/usr/local/share/locale"
#endif

/* The locale name the environment gives for messages, as setlocale would read it. */
static const char *
env_locale(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *v;
	size_t i;

	for (i = 0; i < sizeof(vars) / sizeof(vars[0]); i++)
		if ((v = getenv(vars[i])) != NULL && v[0] != '\0')
			return v;
	return NULL;
}

/*
 * Where the catalogues are: TEXTDOMAINDIR (an uninstalled build's tests), else
 * beside the program (PREFIX/bin/dubanctl reads PREFIX/share/locale, so that a
 * build installed under another PREFIX still finds them), else LOCALEDIR.
 */
static const char *
catalogue_dir(char *buf, size_t size)
{
	const char *dir = getenv("TEXTDOMAINDIR");
	ssize_t n;
	char *slash;
	int i;

	if (dir != NULL && dir[0] != '\0')
		return dir;
	n = readlink("/proc/self/exe", buf, size - 1);
	if (n > 0 && (size_t)n < size - 1) {
		buf[n] = '\0';
		for (i = 0; i < 2 && (slash = strrchr(buf, '/')) != NULL; i++)
			*slash = '\0';
		if (i == 2 && strlen(buf) + sizeof("/share/locale") <= size) {
			strcat(buf, "/share/locale");
			if (access(buf, X_OK) == 0)
				return buf;
		}
	}
	return LOCALEDIR;
}

void
i18n_init(void)
{
	const char *name, *set;
	char lang[64], dir[4096];

	set = setlocale(LC_MESSAGES, "");
	if (set == NULL || strcmp(set, "C") == 0 || strcmp(set, "POSIX") == 0) {
		/*
		 * Not generated here (or plain C): messages in the C locale
		 * with UTF-8, where gettext still follows LANGUAGE; a name
		 * such as zh_CN.UTF-8 gives its language to LANGUAGE.
		 */
		setlocale(LC_MESSAGES, "C.UTF-8");
		name = env_locale();
		if (set == NULL && name != NULL && getenv("LANGUAGE") == NULL &&
		    strcmp(name, "C") != 0 && strncmp(name, "C.", 2) != 0 &&
		    strcmp(name, "POSIX") != 0) {
			snprintf(lang, sizeof(lang), "%.*s", (int)strcspn(name, ".@"), name);
			setenv("LANGUAGE", lang, 1);
		}
	}
	/* character widths (wcwidth) and the catalogue's conversion: UTF-8 */
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "");
	bindtextdomain(DUBAN_DOMAIN, catalogue_dir(dir, sizeof(dir)));
	bind_textdomain_codeset(DUBAN_DOMAIN, "UTF-8");
	textdomain(DUBAN_DOMAIN);
}

const char *
i18n_ctx(const char *ctx, const char *msgid)
{
	char key[256];
	const char *t;

	if (snprintf(key, sizeof(key), "%s\004%s", ctx, msgid) >= (int)sizeof(key))
		return msgid;
	t = gettext(key);
	return t == key ? msgid : t;
}
