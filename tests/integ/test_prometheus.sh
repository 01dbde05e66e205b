#!/bin/bash
# A real Prometheus (Debian's) scrapes duban-web's /metrics: the target is
# up, and the figures it stored are the database's (an overdue action of
# department zjj, the notices sent, the daemon up and its last pass recent).
. "$(dirname "$0")/lib.sh"
command -v prometheus >/dev/null || fail "prometheus is needed (scripts/deps test)"

setup_dir
start_sink
web_setup
write_conf '[rule "fast"]' 'deadline = 1 second' "${WEB_LINES[@]}"
seed_db
start_daemon
start_web
ctl assign C1 zjj handling >/dev/null || fail "assign"
wait_for 15 has_mail "【催办】" || fail "no overdue notice"

PPORT=$(free_port)
cat >"$T/prometheus.yml" <<YML
global:
  scrape_interval: 1s
scrape_configs:
  - job_name: duban
    static_configs:
      - targets: ['127.0.0.1:$MPORT']
YML
prometheus --config.file="$T/prometheus.yml" --storage.tsdb.path="$T/tsdb" \
	--web.listen-address="127.0.0.1:$PPORT" >"$T/prometheus.log" 2>&1 &
query() {	# PROMQL: the first result's value
	curl -s "http://127.0.0.1:$PPORT/api/v1/query" --data-urlencode "query=$1" |
		$PY -c 'import json, sys; r = json.load(sys.stdin)["data"]["result"]; print(r[0]["value"][1] if r else "")'
}
scraped() { [ "$(query 'up{job="duban"}')" = 1 ]; }
wait_for 30 scraped || fail "Prometheus did not scrape duban-web: $(tail -5 "$T/prometheus.log")"
assert_eq "$(query 'duban_actions{dept="zjj",state="overdue"}')" 1 "overdue actions of zjj in Prometheus"
assert_eq "$(query 'duban_outbox_notices{status="sent"}')" "$(sql "SELECT count(*) FROM notices WHERE status = 'sent'")" \
	"sent notices in Prometheus"
assert_eq "$(query 'duban_daemon_up')" 1 "the daemon up in Prometheus"
age=$(query 'time() - duban_daemon_last_pass_timestamp_seconds')
$PY -c "import sys; sys.exit(0 if float('$age') < 60 else 1)" || fail "the daemon's last pass is $age s old"
exit 0
