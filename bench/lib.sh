# Sourced by the bench scripts (after TOP and T are set).

free_port() {
	/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# bench_conf PORT DIGEST [FROM]: a configuration in $T with one one-week rule
# "r", mail to the server on PORT ([smtp] in-flight from IN_FLIGHT if set).
bench_conf() {
	cat >"$T/duban.conf" <<CONF
[daemon]
database = $T/duban.db
calendar = $TOP/conf/calendar/cn.conf
socket = $T/duban.sock
[mail]
digest = $2
[smtp]
host = 127.0.0.1
port = $1
starttls = off
from = ${3:-fxb@example.gov.cn}
${IN_FLIGHT:+in-flight = $IN_FLIGHT}
[rule "r"]
deadline = 1 week
CONF
}

# A host running duband has a syslog socket (journald's or rsyslog's
# /dev/log); without one each log line costs a failed connect. devlog_start
# binds a /dev/log that reads and drops the lines when the machine has none,
# and devlog_stop removes it again.
devlog_start() {
	[ -S /dev/log ] || [ ! -w /dev ] && return 0
	/usr/bin/python3 -c '
import os, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind("/dev/log")
os.chmod("/dev/log", 0o666)
sys.stdout.write("bound\n"); sys.stdout.flush()
while True:
    s.recv(65536)
' >"${T:-/tmp}/devlog.out" 2>/dev/null &
	DEVLOG_PID=$!
	while [ ! -s "${T:-/tmp}/devlog.out" ]; do sleep 0.05; done
}
devlog_stop() {
	[ -n "${DEVLOG_PID:-}" ] || return 0
	kill "$DEVLOG_PID" 2>/dev/null
	wait "$DEVLOG_PID" 2>/dev/null
	rm -f /dev/log
	DEVLOG_PID=
}

# bench_sink: postfix's smtp-sink on a free port when installed, else
# aiosmtpd; sets port and server, adds the pid to PIDS.
bench_sink() {
	port=$(free_port)
	if [ -x /usr/sbin/smtp-sink ]; then
		/usr/sbin/smtp-sink -u nobody 127.0.0.1:$port 1000 >/dev/null 2>&1 &
		server="postfix smtp-sink"
	else
		/usr/bin/python3 "$TOP/tests/integ/smtpsink.py" --dir "$T/mail" --port "$port" --quiet --no-fsync &
		server="aiosmtpd"
	fi
	PIDS+=($!)
	sleep 0.5
}
