# duban: build, test, run, install.
#   make            build duband, dubanctl and duban-web into $(BUILD)
#   make check      run every test (unit, configuration, integration)
#   make check-pg   the same on PostgreSQL (a server of the tests' own)
#   make check-san  the same, built with AddressSanitizer and UBSan
#   make demo       run the daemon on a demo database with a local SMTP sink
#   make bench      measure speed and memory (tables for README's Performance)
#   make bench-peers  the burst against Alertmanager, side by side
#   make install    install under $(DESTDIR)$(PREFIX)

PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
SBINDIR	?= $(PREFIX)/sbin
MANDIR	?= $(PREFIX)/share/man
SYSCONFDIR ?= /etc
UNITDIR	?= /lib/systemd/system
SYSUSERSDIR ?= /usr/lib/sysusers.d
TMPFILESDIR ?= /usr/lib/tmpfiles.d
COMPLETIONDIR ?= $(PREFIX)/share/bash-completion/completions
LOCALEDIR ?= $(PREFIX)/share/locale
BUILD	?= build
# One spelling of each object: tests call make with an absolute BUILD, and
# objects (and the .d files that list their headers) must be the same ones.
override BUILD := $(patsubst $(CURDIR)/%,%,$(BUILD))

CC	?= cc
WARN	 = -Wall -Wextra -Wshadow -Wcast-qual -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 \
	   -Wno-format-nonliteral
CFLAGS	?= -O2 -g
CFLAGS	+= -std=c11 -D_GNU_SOURCE $(WARN) -Iinclude -Idaemon $(PQ_CFLAGS) -MMD -MP -DSRCDIR=\"$(CURDIR)\" \
	   -DLOCALEDIR=\"$(LOCALEDIR)\"
ifeq ($(WERROR),1)
CFLAGS	+= -Werror
endif
ifeq ($(SAN),1)
CFLAGS	+= -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS	+= -fsanitize=address,undefined
endif
# libpq's flags from pkg-config (Debian's libpq-dev ships libpq.pc)
PQ_CFLAGS := $(shell pkg-config --cflags libpq 2>/dev/null || echo -I/usr/include/postgresql)
PQ_LIBS	  := $(shell pkg-config --libs libpq 2>/dev/null || echo -lpq)
LDLIBS	 = -lsqlite3 $(PQ_LIBS) -linih -lesmtp -lssl -lcrypto -lcrypt

# the shared code, by concern: lib/ (buffers, time, text, files, logs), conf/
# (the configuration, calendar and rules), store/, mail/ (messages, templates,
# SMTP), sched/ (transitions, evidence records), office/ (the operations)
CORE_DIRS = lib conf store mail sched office
CORE_SRC = $(foreach d,$(CORE_DIRS),$(sort $(wildcard daemon/core/$(d)/*.c)))
DUBAND_SRC = daemon/main.c daemon/duband.c daemon/status.c daemon/delivery.c daemon/flight.c daemon/loop.c daemon/notify.c \
	     daemon/mailer.c
CTL_SRC	 = daemon/ctl/main.c daemon/ctl/ctl.c daemon/ctl/args.c daemon/ctl/table.c daemon/ctl/out.c \
	   daemon/ctl/file.c daemon/ctl/cmd_admin.c daemon/ctl/cmd_dept.c daemon/ctl/cmd_case.c \
	   daemon/ctl/cmd_action.c daemon/ctl/cmd_actions.c daemon/ctl/cmd_explain.c \
	   daemon/ctl/cmd_preview.c daemon/ctl/cmd_queue.c daemon/ctl/cmd_mail.c \
	   daemon/ctl/cmd_ledger.c daemon/ctl/ledger.c daemon/ctl/cmd_ledger_export.c daemon/ctl/cmd_report.c \
	   daemon/ctl/cmd_next.c daemon/ctl/cmd_leader.c daemon/ctl/cmd_request.c \
	   daemon/ctl/cmd_user.c
WEB_SRC	 = daemon/web/main.c daemon/web/http.c daemon/web/answer.c daemon/web/page.c \
	   daemon/web/metrics.c daemon/web/account.c daemon/web/reply.c daemon/web/board.c \
	   daemon/web/figures.c daemon/web/office.c daemon/web/print.c
UNIT_SRC = $(wildcard tests/unit/test_*.c)
LANGS	 = zh_CN
MO	 = $(LANGS:%=$(BUILD)/locale/%/LC_MESSAGES/duban.mo)

CORE_OBJ   = $(CORE_SRC:%.c=$(BUILD)/%.o) $(BUILD)/templates_builtin.o
DUBAND_OBJ = $(DUBAND_SRC:%.c=$(BUILD)/%.o)
CTL_OBJ	   = $(CTL_SRC:%.c=$(BUILD)/%.o)
WEB_OBJ	   = $(WEB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/daemon/notify.o
UNIT_BIN   = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

all: $(BUILD)/duband $(BUILD)/dubanctl $(BUILD)/duban-web $(MO)

# The message catalogues: po/LANG.po, compiled for the build's own runs
# (TEXTDOMAINDIR=$(BUILD)/locale) and installed under $(LOCALEDIR).
$(BUILD)/locale/%/LC_MESSAGES/duban.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

# The template of every message the sources mark; make po merges it into
# each catalogue (then translate what msgfmt --statistics counts untranslated).
$(BUILD)/duban.pot: $(CORE_SRC) $(CTL_SRC) $(DUBAND_SRC)
	@mkdir -p $(dir $@)
	xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=NC_:1c,2 \
	    --keyword=conf_error:2 --keyword=conf_error_at:3 --keyword=ctl_lookup:3 \
	    --keyword=rl_error:2 --keyword=row_error:4 \
	    --flag=conf_error:2:c-format --flag=conf_error_at:3:c-format \
	    --flag=ctl_lookup:3:c-format --flag=rl_error:2:c-format --flag=row_error:4:c-format \
	    --package-name=duban --msgid-bugs-address=duban@localhost \
	    --no-location --sort-output -o $@ $^

po: $(BUILD)/duban.pot
	for l in $(LANGS); do \
		msgmerge --quiet --update --backup=none --no-location --sort-output po/$$l.po $<; \
	done

# Every catalogue complete: each message the sources mark is in it, translated.
check-po: $(BUILD)/duban.pot
	@for l in $(LANGS); do \
		msgcmp po/$$l.po $< || exit 1; \
		s=$$(LC_ALL=C msgfmt --check --statistics -o /dev/null po/$$l.po 2>&1) || \
			{ echo "$$s"; exit 1; }; \
		echo "po/$$l.po: $$s"; \
		case "$$s" in *untranslated*|*fuzzy*) exit 1 ;; esac; \
	done

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/templates_builtin.c: conf/templates/*.txt scripts/embed-templates
	@mkdir -p $(dir $@)
	scripts/embed-templates conf/templates >$@

$(BUILD)/templates_builtin.o: $(BUILD)/templates_builtin.c
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/libduban.a: $(CORE_OBJ)
	@rm -f $@	# (a member of a file since removed would otherwise stay in it)
	$(AR) rcs $@ $^

$(BUILD)/duband: $(DUBAND_OBJ) $(BUILD)/libduban.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lev -lpthread

$(BUILD)/dubanctl: $(CTL_OBJ) $(BUILD)/libduban.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# the answer pages and /metrics: libmicrohttpd (Debian's libmicrohttpd-dev)
$(BUILD)/duban-web: $(WEB_OBJ) $(BUILD)/libduban.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lmicrohttpd -lpthread

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libduban.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libduban.a $(LDLIBS) -lcmocka

unit: $(UNIT_BIN)

check: all unit
	BUILD=$(BUILD) tests/run

# the same suite on PostgreSQL, on a server the script starts and stops
check-pg: all unit
	BUILD=$(BUILD) scripts/check-pg

check-san:
	$(MAKE) BUILD=build-san SAN=1 check

# valgrind memcheck on the integration tests that drive both programs end to end
VALGRIND = valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
	   --track-fds=no
VALGRIND_TESTS = e2e reload lifecycle ledger report kill procedure transfer refer roundtrip \
	reopen leaders overlap
check-valgrind: all unit
	for t in $(VALGRIND_TESTS); do \
		OVERLAP_ACTIONS=400 WRAP="$(VALGRIND)" BUILD=$(BUILD) tests/run "integ/test_$$t" || exit 1; \
	done

demo: all
	scripts/demo

bench: all
	BUILD=$(abspath $(BUILD)) bench/run

bench-peers: all
	BUILD=$(abspath $(BUILD)) bash bench/peers.sh

# Fuzzing with libFuzzer (clang): each target for FUZZ_SECONDS, starting from
# the corpus kept in tests/fuzz/corpus/NAME; new inputs go to build-fuzz/.
FUZZ_SECONDS ?= 30
FUZZ_TARGETS = conf calendar duration csv message address record vars
FUZZ_CFLAGS  = -g -O1 -std=c11 -D_GNU_SOURCE -DCSV_CHUNK=7 -MMD -MP -Iinclude -Idaemon $(PQ_CFLAGS) -DSRCDIR=\"$(CURDIR)\" \
	       -fsanitize=fuzzer-no-link,address,undefined
build-fuzz/core/%.o: daemon/core/%.c
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) -c -o $@ $<

build-fuzz/templates_builtin.o: $(BUILD)/templates_builtin.c
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) -c -o $@ $<

build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(CORE_SRC:daemon/core/%.c=build-fuzz/core/%.o) \
	build-fuzz/templates_builtin.o
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $^ -lsqlite3 $(PQ_LIBS) -linih -lesmtp -lssl -lcrypto -lcrypt

.SECONDARY: $(CORE_SRC:daemon/core/%.c=build-fuzz/core/%.o)
# the headers each fuzz object was built from, so a changed header rebuilds it
-include $(wildcard $(CORE_DIRS:%=build-fuzz/core/%/*.d))

fuzz: $(FUZZ_TARGETS:%=build-fuzz/fuzz_%)
	@for t in $(FUZZ_TARGETS); do \
		mkdir -p build-fuzz/corpus/$$t build-fuzz/crashes; \
		rm -f build-fuzz/crashes/$$t-*; \
		echo "fuzz $$t for $(FUZZ_SECONDS) s"; \
		build-fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
			-artifact_prefix=build-fuzz/crashes/$$t- -print_final_stats=1 \
			build-fuzz/corpus/$$t tests/fuzz/corpus/$$t 2>&1 | \
			grep -E '^(stat::number_of_executed_units|stat::new_units_added|==[0-9]+==ERROR|SUMMARY)' \
			|| true; \
		if ls build-fuzz/crashes/$$t-* >/dev/null 2>&1; then \
			echo "fuzz $$t: crash, see build-fuzz/crashes"; exit 1; fi; \
	done

# Ownership: /etc/duban and duban.conf are root:duban 0750/0640 and
# /var/lib/duban duban:duban 2770 once the tmpfiles snippet is applied
# (systemd-sysusers, then systemd-tmpfiles --create: README, "Installing");
# the Debian package runs both in its postinst.
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SBINDIR) $(DESTDIR)$(UNITDIR) \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man8 \
		$(DESTDIR)$(SYSUSERSDIR) $(DESTDIR)$(TMPFILESDIR) $(DESTDIR)$(COMPLETIONDIR)
	install -d -m 0750 $(DESTDIR)$(SYSCONFDIR)/duban
	install -d -m 0755 $(DESTDIR)$(SYSCONFDIR)/duban/calendar $(DESTDIR)$(SYSCONFDIR)/duban/templates
	install -m 0644 systemd/duban.sysusers $(DESTDIR)$(SYSUSERSDIR)/duban.conf
	sed -e 's|/etc/duban|$(SYSCONFDIR)/duban|g' systemd/duban.tmpfiles \
		>$(DESTDIR)$(TMPFILESDIR)/duban.conf
	chmod 0644 $(DESTDIR)$(TMPFILESDIR)/duban.conf
	install -m 0755 $(BUILD)/duband $(DESTDIR)$(SBINDIR)/
	install -m 0755 $(BUILD)/dubanctl $(DESTDIR)$(BINDIR)/
	install -m 0755 $(BUILD)/duban-web $(DESTDIR)$(SBINDIR)/
	install -m 0644 man/duband.8 $(DESTDIR)$(MANDIR)/man8/
	install -m 0644 man/duban-web.8 $(DESTDIR)$(MANDIR)/man8/
	install -m 0644 man/dubanctl.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 0644 man/duban.conf.5 $(DESTDIR)$(MANDIR)/man5/
	install -m 0644 completion/dubanctl.bash $(DESTDIR)$(COMPLETIONDIR)/dubanctl
	for l in $(LANGS); do \
		install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
		install -m 0644 $(BUILD)/locale/$$l/LC_MESSAGES/duban.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/; \
	done
	test -e $(DESTDIR)$(SYSCONFDIR)/duban/duban.conf || \
		install -m 0640 conf/duban.conf $(DESTDIR)$(SYSCONFDIR)/duban/duban.conf
	for t in conf/templates/*.txt; do \
		test -e $(DESTDIR)$(SYSCONFDIR)/duban/templates/$${t##*/} || \
			install -m 0644 $$t $(DESTDIR)$(SYSCONFDIR)/duban/templates/; \
	done
	test -e $(DESTDIR)$(SYSCONFDIR)/duban/calendar/cn.conf || \
		install -m 0644 conf/calendar/cn.conf $(DESTDIR)$(SYSCONFDIR)/duban/calendar/cn.conf
	sed -e 's|/usr/sbin/duband|$(SBINDIR)/duband|' -e 's|/etc/duban/|$(SYSCONFDIR)/duban/|' \
		systemd/duban.service >$(DESTDIR)$(UNITDIR)/duban.service
	sed -e 's|/usr/sbin/duban-web|$(SBINDIR)/duban-web|' -e 's|/etc/duban/|$(SYSCONFDIR)/duban/|' \
		systemd/duban-web.service >$(DESTDIR)$(UNITDIR)/duban-web.service
	chmod 0644 $(DESTDIR)$(UNITDIR)/duban.service $(DESTDIR)$(UNITDIR)/duban-web.service

uninstall:
	rm -f $(DESTDIR)$(SBINDIR)/duband $(DESTDIR)$(BINDIR)/dubanctl $(DESTDIR)$(SBINDIR)/duban-web
	rm -f $(DESTDIR)$(UNITDIR)/duban-web.service $(DESTDIR)$(MANDIR)/man8/duban-web.8
	rm -f $(DESTDIR)$(COMPLETIONDIR)/dubanctl
	rm -f $(DESTDIR)$(UNITDIR)/duban.service
	rm -f $(DESTDIR)$(SYSUSERSDIR)/duban.conf $(DESTDIR)$(TMPFILESDIR)/duban.conf
	rm -f $(DESTDIR)$(MANDIR)/man8/duband.8 $(DESTDIR)$(MANDIR)/man1/dubanctl.1
	rm -f $(DESTDIR)$(MANDIR)/man5/duban.conf.5
	for l in $(LANGS); do rm -f $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/duban.mo; done

# The Debian package (debhelper, dpkg-buildpackage) in $(BUILD)/deb.
deb:
	rm -rf $(BUILD)/deb && mkdir -p $(BUILD)/deb
	mkdir -p $(BUILD)/deb/duban
	git ls-files -co --exclude-standard | tar -c -T - | tar -x -C $(BUILD)/deb/duban
	cd $(BUILD)/deb/duban && dpkg-buildpackage -b -us -uc >../build.log 2>&1 || \
		{ tail -30 ../build.log; exit 1; }
	ls $(BUILD)/deb/*.deb

clean:
	rm -rf build build-san build-fuzz

.PHONY: all po check-po unit check check-san check-valgrind demo bench bench-peers fuzz install uninstall deb clean

-include $(shell find $(BUILD) -name '*.d' -type f -not -path '*/deb/*' 2>/dev/null)
