/*
 * /report: the figures of the acceptance check for a period, counted by the
 * office layer as dubanctl report counts them (the same numbers to the last
 * digit), as a table and a bar chart per department drawn here in SVG: no
 * script, no file from elsewhere, colours as attributes (the policy allows
 * no inline style but the page's own).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web.h"
#include "duban/day.h"
#include "duban/tz.h"

#define CHART_LABEL	190	/* px for a department's name */
#define CHART_BARS	440	/* px for its bar */
#define CHART_ROW	26

static void
cell_int(struct buf *b, long v)
{
	buf_printf(b, "<td class=\"n\">%ld</td>", v);
}

static void
cell_text(struct buf *b, const char *v)
{
	buf_puts(b, "<td class=\"n\">");
	html_escape(b, v);
	buf_puts(b, "</td>");
}

/* A row in the order of dubanctl --json report's keys. */
static void
tally_row(struct buf *b, const struct office_tally *t)
{
	char r[3][16], avg[16];
	int done = t->on_time + t->late - t->handed_on;

	buf_puts(b, "<tr><td>");
	html_escape(b, t->dept);
	buf_puts(b, "</td><td>");
	html_escape(b, t->name);
	buf_puts(b, "</td>");
	cell_int(b, t->assigned);
	cell_int(b, t->on_time);
	cell_int(b, t->late);
	cell_int(b, t->open);
	cell_int(b, t->overdue);
	cell_int(b, t->escalated);
	cell_text(b, office_rate(r[0], sizeof(r[0]), t->on_time, t->assigned));
	cell_int(b, t->cases);
	cell_int(b, t->closed);
	cell_text(b, office_rate(r[1], sizeof(r[1]), t->closed, t->cases));
	cell_text(b, office_rate(r[2], sizeof(r[2]), t->ceased, t->closed));
	cell_text(b, office_average(avg, sizeof(avg), t->workdays, done));
	cell_int(b, t->uncertain);
	buf_puts(b, "</tr>\n");
}

static void
bar(struct buf *b, int *x, int y, int n, int max, const char *fill)
{
	int wd = max > 0 ? (int)((long)n * CHART_BARS / max) : 0;

	if (n == 0)
		return;
	if (wd < 2)
		wd = 2;
	buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>", *x, y, wd,
	    CHART_ROW - 8, fill);
	*x += wd;
}

/* Per department: on time, late and still open, stacked, to the scale of the largest. */
static void
chart(struct buf *b, const struct office_report *r)
{
	int i, n = 0, max = 1, x, y, h;

	for (i = 0; i < r->n; i++)
		n += r->t[i].on_time + r->t[i].late + r->t[i].open > 0;
	h = (n + 1) * CHART_ROW + 10;
	for (i = 0; i < r->n; i++)
		if (r->t[i].on_time + r->t[i].late + r->t[i].open > max)
			max = r->t[i].on_time + r->t[i].late + r->t[i].open;
	buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"%d\""
	    " height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"各单位交办事项办理情况\">\n",
	    CHART_LABEL + CHART_BARS + 60, h, CHART_LABEL + CHART_BARS + 60, h);
	buf_printf(b, "<g font-size=\"13\" fill=\"#1b1b1b\"><rect x=\"%d\" y=\"4\" width=\"12\""
	    " height=\"12\" fill=\"#2e7d32\"/><text x=\"%d\" y=\"15\">按时办结</text>"
	    "<rect x=\"%d\" y=\"4\" width=\"12\" height=\"12\" fill=\"#c62828\"/>"
	    "<text x=\"%d\" y=\"15\">逾期</text><rect x=\"%d\" y=\"4\" width=\"12\" height=\"12\""
	    " fill=\"#9e9e9e\"/><text x=\"%d\" y=\"15\">在办</text></g>\n", CHART_LABEL,
	    CHART_LABEL + 16, CHART_LABEL + 100, CHART_LABEL + 116, CHART_LABEL + 170,
	    CHART_LABEL + 186);
	for (i = 0, y = 0; i < r->n; i++) {
		const struct office_tally *t = &r->t[i];

		if (t->on_time + t->late + t->open == 0)
			continue;	/* cases only (a lead department's), no action */
		y += CHART_ROW;
		buf_printf(b, "<g><text x=\"%d\" y=\"%d\" font-size=\"13\" text-anchor=\"end\""
		    " fill=\"#1b1b1b\">", CHART_LABEL - 8, y + 13);
		html_escape(b, t->name);
		buf_puts(b, "</text>");
		x = CHART_LABEL;
		bar(b, &x, y, t->on_time, max, "#2e7d32");
		bar(b, &x, y, t->late, max, "#c62828");
		bar(b, &x, y, t->open, max, "#9e9e9e");
		buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"#555\">%d</text></g>\n",
		    x + 6, y + 13, t->on_time + t->late + t->open);
	}
	buf_puts(b, "</svg>\n");
}

/* GET /report?from=DATE&to=DATE (default: everything up to today, as dubanctl report). */
int
page_report(struct web *w, struct MHD_Connection *c, const struct user *u, const char *form_tok,
    instant_t now, struct buf *b)
{
	struct office_report r;
	bool bad = false;
	const char *from_s = web_arg(c, "from", &bad), *to_s = web_arg(c, "to", &bad);
	int32_t from = day_from_civil(1970, 1, 2), to = tz_day_of(now);
	int y1, m1, d1, y2, m2, d2, i;

	if (bad || (from_s != NULL && day_parse(from_s, &from) != 0) ||
	    (to_s != NULL && day_parse(to_s, &to) != 0) || from > to)
		return 400;
	if (office_report(w->store, w->conf, now, from, to, NULL, &r) != 0)
		return -1;
	day_to_civil(from, &y1, &m1, &d1);
	day_to_civil(to, &y2, &m2, &d2);
	page_nav(w, u, "", "督办工作统计", form_tok, b);
	buf_puts(b, "<h2>督办工作统计</h2>\n<form method=\"get\" action=\"report\" class=\"filters\">");
	buf_printf(b, "<label>自 <input type=\"date\" name=\"from\" value=\"%04d-%02d-%02d\"></label> "
	    "<label>至 <input type=\"date\" name=\"to\" value=\"%04d-%02d-%02d\"></label> "
	    "<button type=\"submit\">统计</button></form>\n", y1, m1, d1, y2, m2, d2);
	buf_printf(b, "<p>%04d-%02d-%02d 至 %04d-%02d-%02d 交办的事项与受理的案件，"
	    "与 <code>dubanctl report</code> 同一口径。</p>\n", y1, m1, d1, y2, m2, d2);
	if (r.n > 0)
		chart(b, &r);
	buf_puts(b, "<table class=\"list figures\"><tr><th>代码</th><th>单位</th><th>交办</th>"
	    "<th>按时</th><th>逾期</th><th>在办</th><th>已超期</th><th>移交督办</th><th>按时率</th>"
	    "<th>案件</th><th>办结</th><th>办结率</th><th>息诉率</th><th>平均工作日</th>"
	    "<th>期限存疑</th></tr>\n");
	for (i = 0; i < r.n; i++)
		tally_row(b, &r.t[i]);
	tally_row(b, &r.all);
	buf_puts(b, "</table>\n");
	if (r.all.uncertain > 0)
		buf_printf(b, "<p class=\"refused\">其中 %d 项的期限跨越日历尚未收录的年份，"
		    "按时与逾期的数字在补充该年日历后可能变化。</p>\n", r.all.uncertain);
	buf_puts(b, "</main></body></html>\n");
	office_report_clear(&r);
	return 200;
}
