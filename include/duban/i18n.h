/*
 * The language people read: messages through gettext (the "duban" domain,
 * po/zh_CN.po), chosen by the locale (LC_ALL, LC_MESSAGES, LANG, LANGUAGE).
 * What scripts read (JSON keys, CSV headers, stored identifiers) is never
 * translated.
 */
#ifndef DUBAN_I18N_H
#define DUBAN_I18N_H

#include <libintl.h>

#define DUBAN_DOMAIN	"duban"

/* A message in the reader's language. */
#define _(s)		gettext(s)
/* A message marked for the catalogue, translated where it is printed. */
#define N_(s)		(s)
/* The same, with a context: a column's key (NC_("column", "case")), see i18n_ctx(). */
#define NC_(c, s)	(s)

/*
 * Set the locale's messages and a UTF-8 character type (text is UTF-8
 * whatever the terminal's locale says; wcwidth needs it), and bind the
 * catalogue: TEXTDOMAINDIR if set (an uninstalled build), else LOCALEDIR.
 * Where the locale the environment names is not generated on this machine,
 * its language is still used (through LANGUAGE).
 */
void i18n_init(void);
/* msgid in context ctx translated, or msgid itself (pgettext). */
const char *i18n_ctx(const char *ctx, const char *msgid);

#endif
