/* The configuration printed back, normalised, as duband -tv shows it. */
#include <stdio.h>

#include "conf_parse.h"
#include "duban/conf.h"
#include "duban/store.h"
#include "duban/rulelang.h"

void
conf_print(const struct config *c, FILE *fp)
{
	static const char *tls[] = { "off", "optional", "required" };
	int i;

	fprintf(fp, "[daemon]\n");
	fprintf(fp, "database = %s\ntimezone = %s\ncalendar = %s\nsocket = %s\n",
	    c->database, c->timezone, c->calendar_path, c->socket_path);
	fprintf(fp, "office = %s\n", c->office_name);
	if (c->office_email)
		fprintf(fp, "office-email = %s\n", c->office_email);
	if (c->office_contact)
		fprintf(fp, "office-contact = %s\n", c->office_contact);
	fprintf(fp, "poll-interval = %d seconds\n", c->poll_interval);
	/* several daemons: only where they can share a database */
	if (c->instance)
		fprintf(fp, "instance = %s\n", c->instance);
	if (c->instance || store_path_is_shared(c->database))
		fprintf(fp, "lease = %d seconds\n", c->lease);
	if (c->office_open != c->office_close)
		fprintf(fp, "office-hours = %02d:%02d-%02d:%02d\n", c->office_open / 60,
		    c->office_open % 60, c->office_close / 60, c->office_close % 60);
	fprintf(fp, "\n[smtp]\nhost = %s\nport = %d\nstarttls = %s\n",
	    c->smtp.host, c->smtp.port, tls[c->smtp.starttls]);
	if (c->smtp.user)
		fprintf(fp, "user = %s\npassword-file = %s\n", c->smtp.user,
		    c->smtp.password_file ? c->smtp.password_file : "(systemd credential)");
	if (c->smtp.ca_file)
		fprintf(fp, "ca-file = %s\n", c->smtp.ca_file);
	fprintf(fp, "from = %s\n", c->smtp.from);
	if (c->smtp.helo)
		fprintf(fp, "helo = %s\n", c->smtp.helo);
	fprintf(fp, "timeout = %d seconds\nretry-min = %d seconds\nretry-max = %d seconds\nbatch = %d\n"
	    "in-flight = %d\n", c->smtp.timeout, c->smtp.retry_min, c->smtp.retry_max, c->smtp.batch,
	    c->smtp.in_flight);
	fprintf(fp, "\n[mail]\ntemplates = %s\ndigest = %s\ndigest-window = %d seconds\n"
	    "escalations = %s\nmask-personal-data = %s\n",
	    c->mail.templates_dir ? c->mail.templates_dir : "(built-in)",
	    c->mail.digest ? "yes" : "no", c->mail.digest_window,
	    c->mail.escalate_at_once ? "immediate" : "digest", c->mail.mask ? "yes" : "no");
	conf_web_print(&c->web, fp);
	for (i = 0; i < c->ntargets; i++)
		fprintf(fp, "\n[target \"%s\"]\nname = %s\nemail = %s\n", c->targets[i].name,
		    c->targets[i].label, c->targets[i].email);
	for (i = 1; i <= 9; i++)
		if (c->category_lead[i] != NULL)
			break;
	if (i <= 9)
		fprintf(fp, "\n[categories]\n");
	for (; i <= 9; i++)
		if (c->category_lead[i] != NULL)
			fprintf(fp, "%d = %s\n", i, c->category_depts[i]);
	for (i = 0; i < c->nsteps; i++)
		conf_step_print(&c->steps[i], fp);
	for (i = 0; i < c->nrules; i++) {
		fprintf(fp, "\n");
		rulelang_print(&c->rules[i], fp);
	}
}
