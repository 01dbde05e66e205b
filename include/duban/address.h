/*
 * Mail addresses as RFC 5321 defines a Mailbox: Local-part "@" Domain, in
 * ASCII (duban does not speak SMTPUTF8, so an internationalised address is
 * refused rather than sent garbled). Every address is checked where it
 * enters (configuration, roster, command line, ledger) and again in the
 * mailer before any envelope command. Pure, no I/O.
 */
#ifndef DUBAN_ADDRESS_H
#define DUBAN_ADDRESS_H

#define ADDRESS_MAX	254	/* the longest path RFC 5321 allows, less the brackets */

/* 0 if addr is a mailbox; -1 with *why, a static reason, otherwise. */
int address_check(const char *addr, const char **why);
/*
 * "Name <addr>" or a bare addr: 0 if the address part is a mailbox and the
 * name holds no control characters; -1 with *why otherwise.
 */
int address_check_spec(const char *spec, const char **why);
/*
 * A list of mailboxes separated by commas, semicolons or spaces (a
 * department's cc): 0 if every one is valid; -1 with *why and *bad, the
 * first offending entry (freed by the caller), otherwise.
 */
int address_check_list(const char *list, const char **why, char **bad);

#endif
