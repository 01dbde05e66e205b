--
-- PostgreSQL database dump
--

\restrict ADZGPDAcVOwrF8DdFWPjDvY5D6fy1isiP39dMKbuRiNHGJ0heErSt0BvsvanJfJ

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: duban_refuse(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.duban_refuse() RETURNS trigger
    LANGUAGE plpgsql
    AS $$BEGIN RAISE EXCEPTION '%', TG_ARGV[0]; END$$;


--
-- Name: duban_tally(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.duban_tally() RETURNS trigger
    LANGUAGE plpgsql
    AS $$BEGIN IF TG_OP = 'INSERT' AND new.done_at IS NULL THEN  UPDATE tallies SET n = n + 1 WHERE name = 'open actions'; ELSIF TG_OP = 'DELETE' AND old.done_at IS NULL THEN  UPDATE tallies SET n = n - 1 WHERE name = 'open actions'; ELSIF TG_OP = 'UPDATE' AND (old.done_at IS NULL) <> (new.done_at IS NULL) THEN  UPDATE tallies SET n = n + (CASE WHEN new.done_at IS NULL THEN 1 ELSE -1 END)  WHERE name = 'open actions'; END IF; RETURN NULL; END$$;


--
-- Name: duban_withdraw(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.duban_withdraw() RETURNS trigger
    LANGUAGE plpgsql
    AS $$BEGIN UPDATE notices SET status = 'withdrawn', next_try = NULL, reply = 'withdrawn before it was sent: ' || CASE WHEN new.done_at IS NOT NULL AND old.done_at IS NULL THEN 'the action was done' WHEN new.paused_at IS NOT NULL AND old.paused_at IS NULL THEN 'the action was paused' WHEN new.dept_id <> old.dept_id THEN 'the action was reassigned' ELSE 'the deadline moved' END WHERE action_id = new.id AND status = 'queued' AND kind IN ('reminder', 'overdue'); RETURN NULL; END$$;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: actions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.actions (
    id bigint NOT NULL,
    case_id bigint NOT NULL,
    dept_id bigint NOT NULL,
    step text NOT NULL,
    notified_at bigint NOT NULL,
    rule text,
    due_at bigint,
    uncertain bigint DEFAULT 0 NOT NULL,
    stage bigint DEFAULT 0 NOT NULL,
    next_at bigint,
    done_at bigint,
    note text,
    created_at bigint NOT NULL,
    checked_at bigint DEFAULT 0 NOT NULL,
    rule_pinned bigint DEFAULT 0 NOT NULL,
    acked_at bigint,
    paused_at bigint,
    pause_days bigint DEFAULT 0 NOT NULL,
    pause_workdays bigint DEFAULT 0 NOT NULL,
    pause_ms bigint DEFAULT 0 NOT NULL,
    ext_days bigint DEFAULT 0 NOT NULL,
    ext_workdays bigint DEFAULT 0 NOT NULL,
    ext_ms bigint DEFAULT 0 NOT NULL,
    nextensions bigint DEFAULT 0 NOT NULL,
    cycle bigint DEFAULT 0 NOT NULL,
    first_cycle bigint DEFAULT 0 NOT NULL,
    what text,
    agreed_due bigint,
    responsible text
);


--
-- Name: actions_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.actions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: actions_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.actions_id_seq OWNED BY public.actions.id;


--
-- Name: assignments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.assignments (
    id bigint NOT NULL,
    action_id bigint NOT NULL,
    dept_id bigint NOT NULL,
    notified_at bigint NOT NULL,
    rule text,
    due_at bigint,
    uncertain bigint DEFAULT 0 NOT NULL,
    first_cycle bigint NOT NULL,
    last_cycle bigint NOT NULL,
    ended_at bigint NOT NULL,
    why text NOT NULL
);


--
-- Name: assignments_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.assignments_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: assignments_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.assignments_id_seq OWNED BY public.assignments.id;


--
-- Name: cases; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cases (
    id bigint NOT NULL,
    number text NOT NULL,
    title text NOT NULL,
    category bigint DEFAULT 9 NOT NULL,
    key_case bigint DEFAULT 0 NOT NULL,
    leader text,
    petitioner text,
    lead_dept bigint,
    received_at bigint NOT NULL,
    status text DEFAULT 'open'::text NOT NULL,
    closed_at bigint,
    ceased bigint DEFAULT 0 NOT NULL,
    CONSTRAINT cases_category_check CHECK (((category >= 1) AND (category <= 9)))
);


--
-- Name: cases_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.cases_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: cases_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.cases_id_seq OWNED BY public.cases.id;


--
-- Name: closings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.closings (
    id bigint NOT NULL,
    case_id bigint NOT NULL,
    closed_at bigint NOT NULL,
    ceased bigint NOT NULL,
    reopened_at bigint NOT NULL,
    reason text NOT NULL
);


--
-- Name: closings_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.closings_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: closings_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.closings_id_seq OWNED BY public.closings.id;


--
-- Name: deadline_audit; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.deadline_audit (
    id bigint NOT NULL,
    action_id bigint NOT NULL,
    at bigint NOT NULL,
    old_due bigint,
    new_due bigint,
    old_rule text,
    new_rule text,
    why text NOT NULL
);


--
-- Name: deadline_audit_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.deadline_audit_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: deadline_audit_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.deadline_audit_id_seq OWNED BY public.deadline_audit.id;


--
-- Name: departments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.departments (
    id bigint NOT NULL,
    code text NOT NULL,
    name text NOT NULL,
    head text DEFAULT ''::text NOT NULL,
    email text DEFAULT ''::text NOT NULL,
    cc text DEFAULT ''::text NOT NULL
);


--
-- Name: departments_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.departments_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: departments_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.departments_id_seq OWNED BY public.departments.id;


--
-- Name: escalations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.escalations (
    id bigint NOT NULL,
    action_id bigint NOT NULL,
    level bigint NOT NULL,
    target text NOT NULL,
    opened_at bigint NOT NULL,
    acked_at bigint,
    resolved_at bigint,
    note text,
    cycle bigint DEFAULT 0 NOT NULL,
    dept_id bigint,
    due_at bigint
);


--
-- Name: escalations_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.escalations_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: escalations_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.escalations_id_seq OWNED BY public.escalations.id;


--
-- Name: events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.events (
    id bigint NOT NULL,
    at bigint NOT NULL,
    who text NOT NULL,
    action_id bigint,
    what text NOT NULL,
    detail text
);


--
-- Name: events_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.events_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: events_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.events_id_seq OWNED BY public.events.id;


--
-- Name: evidence; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.evidence (
    id bigint NOT NULL,
    escalation_id bigint NOT NULL,
    at bigint NOT NULL,
    text text NOT NULL
);


--
-- Name: evidence_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.evidence_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: evidence_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.evidence_id_seq OWNED BY public.evidence.id;


--
-- Name: extensions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.extensions (
    id bigint NOT NULL,
    action_id bigint NOT NULL,
    at bigint NOT NULL,
    length text NOT NULL,
    approver text NOT NULL,
    reason text NOT NULL,
    who text NOT NULL
);


--
-- Name: extensions_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.extensions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: extensions_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.extensions_id_seq OWNED BY public.extensions.id;


--
-- Name: leaders; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.leaders (
    id bigint NOT NULL,
    name text NOT NULL,
    title text,
    email text NOT NULL
);


--
-- Name: leaders_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.leaders_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: leaders_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.leaders_id_seq OWNED BY public.leaders.id;


--
-- Name: meta; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.meta (
    key text NOT NULL,
    value text NOT NULL
);


--
-- Name: notices; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.notices (
    id bigint NOT NULL,
    action_id bigint NOT NULL,
    kind text NOT NULL,
    level bigint NOT NULL,
    seq bigint NOT NULL,
    recipient text NOT NULL,
    subject text NOT NULL,
    message text NOT NULL,
    message_id text NOT NULL,
    status text DEFAULT 'queued'::text NOT NULL,
    attempts bigint DEFAULT 0 NOT NULL,
    next_try bigint,
    reply text,
    created_at bigint NOT NULL,
    sent_at bigint,
    recipient_name text,
    item text,
    digest bigint DEFAULT 1 NOT NULL,
    sent_message_id text,
    cycle bigint DEFAULT 0 NOT NULL,
    due_at bigint,
    lease_owner text,
    lease_until bigint
);


--
-- Name: notices_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.notices_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: notices_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.notices_id_seq OWNED BY public.notices.id;


--
-- Name: pauses; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.pauses (
    id bigint NOT NULL,
    action_id bigint NOT NULL,
    from_at bigint NOT NULL,
    to_at bigint,
    reason text NOT NULL,
    who text NOT NULL,
    to_whom text
);


--
-- Name: pauses_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.pauses_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: pauses_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.pauses_id_seq OWNED BY public.pauses.id;


--
-- Name: proposals; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.proposals (
    id bigint NOT NULL,
    case_id bigint NOT NULL,
    after_action bigint,
    step text NOT NULL,
    dept_id bigint,
    proposed_at bigint NOT NULL,
    why text NOT NULL,
    decided_at bigint,
    decided_by text,
    action_id bigint,
    reason text
);


--
-- Name: proposals_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.proposals_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: proposals_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.proposals_id_seq OWNED BY public.proposals.id;


--
-- Name: tallies; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.tallies (
    name text NOT NULL,
    n bigint NOT NULL
);


--
-- Name: actions id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.actions ALTER COLUMN id SET DEFAULT nextval('public.actions_id_seq'::regclass);


--
-- Name: assignments id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assignments ALTER COLUMN id SET DEFAULT nextval('public.assignments_id_seq'::regclass);


--
-- Name: cases id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cases ALTER COLUMN id SET DEFAULT nextval('public.cases_id_seq'::regclass);


--
-- Name: closings id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.closings ALTER COLUMN id SET DEFAULT nextval('public.closings_id_seq'::regclass);


--
-- Name: deadline_audit id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.deadline_audit ALTER COLUMN id SET DEFAULT nextval('public.deadline_audit_id_seq'::regclass);


--
-- Name: departments id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.departments ALTER COLUMN id SET DEFAULT nextval('public.departments_id_seq'::regclass);


--
-- Name: escalations id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.escalations ALTER COLUMN id SET DEFAULT nextval('public.escalations_id_seq'::regclass);


--
-- Name: events id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.events ALTER COLUMN id SET DEFAULT nextval('public.events_id_seq'::regclass);


--
-- Name: evidence id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.evidence ALTER COLUMN id SET DEFAULT nextval('public.evidence_id_seq'::regclass);


--
-- Name: extensions id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.extensions ALTER COLUMN id SET DEFAULT nextval('public.extensions_id_seq'::regclass);


--
-- Name: leaders id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.leaders ALTER COLUMN id SET DEFAULT nextval('public.leaders_id_seq'::regclass);


--
-- Name: notices id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notices ALTER COLUMN id SET DEFAULT nextval('public.notices_id_seq'::regclass);


--
-- Name: pauses id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.pauses ALTER COLUMN id SET DEFAULT nextval('public.pauses_id_seq'::regclass);


--
-- Name: proposals id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.proposals ALTER COLUMN id SET DEFAULT nextval('public.proposals_id_seq'::regclass);


--
-- Data for Name: actions; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.actions (id, case_id, dept_id, step, notified_at, rule, due_at, uncertain, stage, next_at, done_at, note, created_at, checked_at, rule_pinned, acked_at, paused_at, pause_days, pause_workdays, pause_ms, ext_days, ext_workdays, ext_ms, nextensions, cycle, first_cycle, what, agreed_due, responsible) FROM stdin;
1	1	1	handling	1780275600000	slow	1780588800000	0	3	\N	\N	\N	1781056800003	1781056800003	0	\N	\N	0	0	0	0	0	0	0	0	0	\N	\N	\N
2	2	1	handling	1780646400000	slow	1781107200000	0	1	1781107200000	\N	\N	1781056800003	1781056800003	0	\N	\N	0	0	0	0	0	0	0	0	0	核实产权并出具意见	\N	赵六
4	1	1	reply	1781056785000	fast	1781056815000	0	2	\N	\N	\N	1781056800003	1781056815002	0	\N	\N	0	0	0	0	0	0	0	0	0	\N	\N	\N
3	3	2	reply	1781056790000	fast	1781056820000	0	2	\N	\N	\N	1781056800003	1781056820001	0	\N	\N	0	0	0	0	0	0	0	0	0	\N	\N	\N
\.


--
-- Data for Name: assignments; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.assignments (id, action_id, dept_id, notified_at, rule, due_at, uncertain, first_cycle, last_cycle, ended_at, why) FROM stdin;
\.


--
-- Data for Name: cases; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cases (id, number, title, category, key_case, leader, petitioner, lead_dept, received_at, status, closed_at, ceased) FROM stdin;
1	C1	某小区办证	2	0	\N	\N	\N	1781056800002	open	\N	0
2	C2	有信访人的案件："引号" <尖括号> & 符号，一个很长的标题用来折行看看编码后的主题是否正确	9	0	刘副市长	李四光	\N	1781056800002	open	\N	0
3	C3	退回的通知	9	0	\N	\N	\N	1781056800002	open	\N	0
\.


--
-- Data for Name: closings; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.closings (id, case_id, closed_at, ceased, reopened_at, reason) FROM stdin;
\.


--
-- Data for Name: deadline_audit; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.deadline_audit (id, action_id, at, old_due, new_due, old_rule, new_rule, why) FROM stdin;
\.


--
-- Data for Name: departments; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.departments (id, code, name, head, email, cc) FROM stdin;
1	zjj	住建局	于海滨	zjj@example.gov.cn	
2	gone	已撤销局	王五	gone@example.gov.cn	
\.


--
-- Data for Name: escalations; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.escalations (id, action_id, level, target, opened_at, acked_at, resolved_at, note, cycle, dept_id, due_at) FROM stdin;
1	1	0	discipline	1781056800003	\N	\N	\N	0	1	1780588800000
2	1	1	discipline	1781056800003	\N	\N	\N	0	1	1780588800000
\.


--
-- Data for Name: events; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.events (id, at, who, action_id, what, detail) FROM stdin;
1	1781056800020	root	\N	init	postgresql:///t_dubantestyf0myz?host=/tmp/pgdev&port=55499&user=duban
2	1781056800003	root	\N	dept add	zjj 住建局
3	1781056800003	root	\N	case add	C1 某小区办证
4	1781056800003	root	\N	dept add	gone 已撤销局
5	1781056800003	root	\N	leader	刘副市长, 副市长 <liu@example.gov.cn>
6	1781056800003	root	\N	case add	C2 有信访人的案件："引号" <尖括号> & 符号，一个很长的标题用来折行看看编码后的主题是否正确
7	1781056800003	root	\N	case add	C3 退回的通知
8	1781056800003	root	1	assign	case C1 to zjj: handling, rule slow, due 2026-06-04 24:00
9	1781056800003	root	2	assign	case C2 to zjj: handling (核实产权并出具意见), rule slow, due 2026-06-10 24:00, responsible 赵六
10	1781056800003	root	3	assign	case C3 to gone: reply, rule fast, due 2026-06-10 10:00:20
11	1781056800003	root	4	assign	case C1 to zjj: reply, rule fast, due 2026-06-10 10:00:15
12	1781056800003	root	1	refer	referred to discipline <jw@example.gov.cn>: 疑难案件，提请督办
13	1781056800003	duband@vm	1	overdue	to 于海滨 <zjj@example.gov.cn>, scheduled 2026-06-05 00:00:00
14	1781056800003	duband@vm	1	escalation level 1	to discipline <jw@example.gov.cn>, scheduled 2026-06-06 00:00:00
15	1781056800003	duband@vm	2	reminder	to 于海滨 <zjj@example.gov.cn>, scheduled 2026-06-10 00:00:00
16	1781056805001	duband@vm	4	reminder	to 于海滨 <zjj@example.gov.cn>, scheduled 2026-06-10 10:00:05
17	1781056810001	duband@vm	3	reminder	to 王五 <gone@example.gov.cn>, scheduled 2026-06-10 10:00:10
18	1781056815002	duband@vm	4	overdue	to 于海滨 <zjj@example.gov.cn>, scheduled 2026-06-10 10:00:15
19	1781056820001	duband@vm	3	overdue	to 王五 <gone@example.gov.cn>, scheduled 2026-06-10 10:00:20
\.


--
-- Data for Name: evidence; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.evidence (id, escalation_id, at, text) FROM stdin;
1	1	1781056800003	督办记录 / evidence record: referral 1 (to discipline, by the office)\nescalated 2026-06-10 10:00:00; recorded then, and never changed since\n\ncase:        C1 某小区办证 (category 2)\ndepartment:  zjj 住建局, head 于海滨 <zjj@example.gov.cn>\naction:      1 分工处理, rule slow\nnotified:    2026-06-01 09:00:00\nreceived:    not acknowledged\ndeadline:    2026-06-04 24:00\ndone:        not done\n\nhow the deadline was counted:\nrule "slow": deadline = 3 workdays\nnotified 2026-06-01 09:00:00\n  2026-06-01 Mon  start    working day\n  2026-06-02 Tue  counted  working day\n  2026-06-03 Wed  counted  working day\n  2026-06-04 Thu  last     working day\n3 working days counted\ndeadline 2026-06-04 24:00\n\nearlier departments of this action:\n\nextensions and pauses:\n\ndeadline changes:\n\nnotices and their delivery:\n  escalation queued  sent not yet to jw@example.gov.cn, 0 tries; server: (no reply yet)\n    subject: 【上报】疑难案件报请研究推动解决：C1 某小区办证\n    for the deadline 2026-06-04 24:00\n  escalation queued  sent not yet to fxb@example.gov.cn, 0 tries; server: (no reply yet)\n    subject: 【上报】疑难案件报请研究推动解决：C1 某小区办证\n    for the deadline 2026-06-04 24:00\n\ntimeline (who did what, when):\n  2026-06-10 10:00:00  root       assign             case C1 to zjj: handling, rule slow, due 2026-06-04 24:00\n  2026-06-10 10:00:00  root       refer              referred to discipline <jw@example.gov.cn>: 疑难案件，提请督办\n
2	2	1781056800003	督办记录 / evidence record: escalation 2 (level 1, to discipline)\nescalated 2026-06-10 10:00:00; recorded then, and never changed since\n\ncase:        C1 某小区办证 (category 2)\ndepartment:  zjj 住建局, head 于海滨 <zjj@example.gov.cn>\naction:      1 分工处理, rule slow\nnotified:    2026-06-01 09:00:00\nreceived:    not acknowledged\ndeadline:    2026-06-04 24:00\ndone:        not done\n\nhow the deadline was counted:\nrule "slow": deadline = 3 workdays\nnotified 2026-06-01 09:00:00\n  2026-06-01 Mon  start    working day\n  2026-06-02 Tue  counted  working day\n  2026-06-03 Wed  counted  working day\n  2026-06-04 Thu  last     working day\n3 working days counted\ndeadline 2026-06-04 24:00\n\nearlier departments of this action:\n\nextensions and pauses:\n\ndeadline changes:\n\nnotices and their delivery:\n  escalation queued  sent not yet to jw@example.gov.cn, 0 tries; server: (no reply yet)\n    subject: 【上报】疑难案件报请研究推动解决：C1 某小区办证\n    for the deadline 2026-06-04 24:00\n  escalation queued  sent not yet to fxb@example.gov.cn, 0 tries; server: (no reply yet)\n    subject: 【上报】疑难案件报请研究推动解决：C1 某小区办证\n    for the deadline 2026-06-04 24:00\n  overdue    queued  sent not yet to zjj@example.gov.cn, 0 tries; server: (no reply yet)\n    subject: 【催办】C1 分工处理 已逾期\n    for the deadline 2026-06-04 24:00\n  overdue    queued  sent not yet to fxb@example.gov.cn, 0 tries; server: (no reply yet)\n    subject: 【催办】C1 分工处理 已逾期\n    for the deadline 2026-06-04 24:00\n  escalation queued  sent not yet to jw@example.gov.cn, 0 tries; server: (no reply yet)\n    subject: 【督办】住建局逾期未办理事项移交督办：C1 分工处理\n    for the deadline 2026-06-04 24:00\n  escalation queued  sent not yet to zjj@example.gov.cn, 0 tries; server: (no reply yet)\n    subject: 【督办】住建局逾期未办理事项移交督办：C1 分工处理\n    for the deadline 2026-06-04 24:00\n  escalation queued  sent not yet to fxb@example.gov.cn, 0 tries; server: (no reply yet)\n    subject: 【督办】住建局逾期未办理事项移交督办：C1 分工处理\n    for the deadline 2026-06-04 24:00\n\ntimeline (who did what, when):\n  2026-06-10 10:00:00  root       assign             case C1 to zjj: handling, rule slow, due 2026-06-04 24:00\n  2026-06-10 10:00:00  root       refer              referred to discipline <jw@example.gov.cn>: 疑难案件，提请督办\n  2026-06-10 10:00:00  duband@vm  overdue            to 于海滨 <zjj@example.gov.cn>, scheduled 2026-06-05 00:00:00\n  2026-06-10 10:00:00  duband@vm  escalation level 1 to discipline <jw@example.gov.cn>, scheduled 2026-06-06 00:00:00\n
\.


--
-- Data for Name: extensions; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.extensions (id, action_id, at, length, approver, reason, who) FROM stdin;
\.


--
-- Data for Name: leaders; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.leaders (id, name, title, email) FROM stdin;
1	刘副市长	副市长	liu@example.gov.cn
\.


--
-- Data for Name: meta; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.meta (key, value) FROM stdin;
schema_version	13
instance	golden
\.


--
-- Data for Name: notices; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.notices (id, action_id, kind, level, seq, recipient, subject, message, message_id, status, attempts, next_try, reply, created_at, sent_at, recipient_name, item, digest, sent_message_id, cycle, due_at, lease_owner, lease_until) FROM stdin;
3	1	overdue	0	0	zjj@example.gov.cn	【催办】C1 分工处理 已逾期	From: =?UTF-8?B?5ZCM5rGf5biC5oi/5L+h5Yqe?= <fxb@example.gov.cn>\r\nTo: =?UTF-8?B?5LqO5rW35ruo?= <zjj@example.gov.cn>\r\nSubject: =?UTF-8?B?44CQ5YKs5Yqe44CRQzEg5YiG5bel5aSE55CGIOW3sumAvuacnw==?=\r\nDate: Wed, 10 Jun 2026 10:00:00 +0800\r\nMessage-ID: <duban.golden.1.overdue.0.0.d1b4bce0@example.gov.cn>\r\nIn-Reply-To: <duban.golden.1@example.gov.cn>\r\nReferences: <duban.golden.1@example.gov.cn>\r\nX-Duban-Action: 1 overdue\r\nAuto-Submitted: auto-generated\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n5LqO5rW35ruo5ZCM5b+X77yaDQoNCui0teWNleS9je+8iOS9j+W7uuWxgO+8ieaJv+WKnueahOS4\r\ni+WIl+S6i+mhueW3suS6jiAyMDI2LTA2LTA0IDI0OjAwIOWIsOacn++8jOiHs+S7iuacquWKnue7\r\nk+OAguivt+eri+WNs+WKnueQhu+8jOW5tuWwhuWKnueQhuaDheWGteWPiumAvuacn+WOn+WboOaK\r\npeaIv+S/oeWKnuOAgumAvuacn+S7jeacquWKnueQhueahO+8jOWwhuaMieinhOWumuenu+S6pOeb\r\nkeedo+OAgg0KDQrmoYjku7bnvJblj7fvvJpDMQ0K5qGI5Lu25ZCN56ew77ya5p+Q5bCP5Yy65Yqe\r\n6K+BDQrmib/lip7ljZXkvY3vvJrkvY/lu7rlsYDvvIjotJ/otKPkurrvvJrkuo7mtbfmu6jvvIkN\r\nCuWKnueQhuS6i+mhue+8muWIhuW3peWkhOeQhg0K6YCa55+l5pe26Ze077yaMjAyNi0wNi0wMSAw\r\nOTowMDowMA0K5Yqe55CG5pyf6ZmQ77yaMjAyNi0wNi0wNCAyNDowMA0K5ZCO57ut552j5Yqe77ya\r\n5aaC6IezIDIwMjYtMDYtMDUgMjQ6MDAg5LuN5pyq5Yqe57uT77yM5bCG56e75Lqk5biC57qq5aeU\r\n55uR5aeU55uR552j5bel5L2c57uE552j5YqeDQrkuovpobnnvJblj7fvvJoxDQoNCuaIv+S/oeWK\r\nng0K6IGU57O75Lq677ya6IGU57O75Lq6IOW8oOafkOafkO+8jOeUteivnSAwNDU0LTAwMDAwMDAN\r\nCu+8iOacrOmCruS7tueUseedo+WKnuezu+e7n+iHquWKqOWPkemAge+8jOivt+WLv+ebtOaOpeWb\r\nnuWkjeOAgu+8iQ0K\r\n	duban.golden.1.overdue.0.0.d1b4bce0@example.gov.cn	queued	11	1781056821025	Connection refused	1781056800004	\N	于海滨	C1 某小区办证：住建局分工处理，期限 2026-06-04 24:00（事项 1）	0	\N	0	1780588800000	\N	\N
8	2	reminder	0	0	zjj@example.gov.cn	【预警】C2 分工处理：核实产权并出具意见 将于2026-06-10 24:00到期	From: =?UTF-8?B?5ZCM5rGf5biC5oi/5L+h5Yqe?= <fxb@example.gov.cn>\r\nTo: =?UTF-8?B?5LqO5rW35ruo?= <zjj@example.gov.cn>\r\nSubject: =?UTF-8?B?44CQ6aKE6K2m44CRQzIg5YiG5bel5aSE55CG77ya5qC45a6e5Lqn5p2D?=\r\n =?UTF-8?B?5bm25Ye65YW35oSP6KeBIOWwhuS6jjIwMjYtMDYtMTAgMjQ6MDDliLDmnJ8=?=\r\nDate: Wed, 10 Jun 2026 10:00:00 +0800\r\nMessage-ID: <duban.golden.2.reminder.0.0.d1b4bce0@example.gov.cn>\r\nIn-Reply-To: <duban.golden.2@example.gov.cn>\r\nReferences: <duban.golden.2@example.gov.cn>\r\nX-Duban-Action: 2 reminder\r\nAuto-Submitted: auto-generated\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n5LqO5rW35ruo5ZCM5b+X77yaDQoNCui0teWNleS9je+8iOS9j+W7uuWxgO+8ieaJv+WKnueahOS4\r\ni+WIl+S6i+mhueWwhuS6jiAyMDI2LTA2LTEwIDI0OjAwIOWIsOacn++8jOivt+aKk+e0p+WKnueQ\r\nhu+8jOW5tuWcqOacn+mZkOWGheWwhuWKnueQhuaDheWGteaKpeaIv+S/oeWKnuOAgg0KDQrmoYjk\r\nu7bnvJblj7fvvJpDMg0K5qGI5Lu25ZCN56ew77ya5pyJ5L+h6K6/5Lq655qE5qGI5Lu277yaIuW8\r\nleWPtyIgPOWwluaLrOWPtz4gJiDnrKblj7fvvIzkuIDkuKrlvojplb/nmoTmoIfpopjnlKjmnaXm\r\nipjooYznnIvnnIvnvJbnoIHlkI7nmoTkuLvpopjmmK/lkKbmraPnoa4NCuS/oeiuv+S6uu+8muad\r\njioqDQrmib/lip7ljZXkvY3vvJrkvY/lu7rlsYDvvIjotJ/otKPkurrvvJrkuo7mtbfmu6jvvIkN\r\nCui0o+S7u+S6uu+8mui1teWFrQ0K5Yqe55CG5LqL6aG577ya5YiG5bel5aSE55CG77ya5qC45a6e\r\n5Lqn5p2D5bm25Ye65YW35oSP6KeBDQrpgJrnn6Xml7bpl7TvvJoyMDI2LTA2LTA1IDE2OjAwOjAw\r\nDQrlip7nkIbmnJ/pmZDvvJoyMDI2LTA2LTEwIDI0OjAwDQrpgL7mnJ/lkI7mnpzvvJrlpoLoh7Mg\r\nMjAyNi0wNi0xMSAyNDowMCDku43mnKrlip7nu5PvvIzlsIbnp7vkuqTluILnuqrlp5Tnm5Hlp5Tn\r\nm5HnnaPlt6XkvZznu4TnnaPlip4NCuS6i+mhuee8luWPt++8mjINCg0K5oi/5L+h5YqeDQrogZTn\r\ns7vkurrvvJrogZTns7vkurog5byg5p+Q5p+Q77yM55S16K+dIDA0NTQtMDAwMDAwMA0K77yI5pys\r\n6YKu5Lu255Sx552j5Yqe57O757uf6Ieq5Yqo5Y+R6YCB77yM6K+35Yu/55u05o6l5Zue5aSN44CC\r\n77yJDQo=\r\n	duban.golden.2.reminder.0.0.d1b4bce0@example.gov.cn	queued	11	1781056821025	Connection refused	1781056800008	\N	于海滨	C2 有信访人的案件："引号" <尖括号> & 符号，一个很长的标题用来折行看看编码后的主题是否正确：住建局分工处理：核实产权并出具意见，期限 2026-06-10 24:00（事项 2）	0	\N	0	1781107200000	\N	\N
1	1	escalation	0	0	jw@example.gov.cn	【上报】疑难案件报请研究推动解决：C1 某小区办证	From: =?UTF-8?B?5ZCM5rGf5biC5oi/5L+h5Yqe?= <fxb@example.gov.cn>\r\nTo: =?UTF-8?B?5biC57qq5aeU55uR5aeU55uR552j5bel5L2c57uE?= <jw@example.gov.cn>\r\nSubject: =?UTF-8?B?44CQ5LiK5oql44CR55aR6Zq+5qGI5Lu25oql6K+356CU56m25o6o5Yqo?=\r\n =?UTF-8?B?6Kej5Yaz77yaQzEg5p+Q5bCP5Yy65Yqe6K+B?=\r\nDate: Wed, 10 Jun 2026 10:00:00 +0800\r\nMessage-ID: <duban.golden.1.escalation.0.0.dd21f0d5@example.gov.cn>\r\nIn-Reply-To: <duban.golden.1@example.gov.cn>\r\nReferences: <duban.golden.1@example.gov.cn>\r\nX-Duban-Action: 1 escalation\r\nAuto-Submitted: auto-generated\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n5biC57qq5aeU55uR5aeU55uR552j5bel5L2c57uE77yaDQoNCuS4i+WIl+ahiOS7tue7j+aIv+S/\r\noeWKnueglOeptu+8jOWxnueWkemavuahiOS7tu+8jOagueaNruOAiuWQjOaxn+W4guaIv+WcsOS6\r\np+mihuWfn+S/oeiuv+mXrumimOS4k+mhueaVtOayu+W3peS9nOWunuaWveaWueahiOOAi+KAnOeW\r\nkemavuahiOS7tuimgeWPiuaXtuS4iuaKpemihuWvvOWwj+e7hO+8jOeUsemihuWvvOWwj+e7hOeg\r\nlOeptuaOqOWKqOino+WGs+KAneeahOimgeaxgu+8jOeOsOaKpeivt+eglOeptuaOqOWKqOino+WG\r\ns+OAguS4iuaKpeeQhueUseWPiuahiOS7tuWFqOmDqOaDheWGteingeedo+WKnuiusOW9leOAgg0K\r\nDQrmoYjku7bnvJblj7fvvJpDMQ0K5qGI5Lu25ZCN56ew77ya5p+Q5bCP5Yy65Yqe6K+BDQrmib/l\r\nip7ljZXkvY3vvJrkvY/lu7rlsYDvvIjotJ/otKPkurrvvJrkuo7mtbfmu6jvvIkNCuWKnueQhuS6\r\ni+mhue+8muWIhuW3peWkhOeQhg0K6YCa55+l5pe26Ze077yaMjAyNi0wNi0wMSAwOTowMDowMA0K\r\n5Yqe55CG5pyf6ZmQ77yaMjAyNi0wNi0wNCAyNDowMA0K5LqL6aG557yW5Y+377yaMQ0KDQrmiL/k\r\nv6Hlip4NCuiBlOezu+S6uu+8muiBlOezu+S6uiDlvKDmn5Dmn5DvvIznlLXor50gMDQ1NC0wMDAw\r\nMDAwDQrvvIjmnKzpgq7ku7bnlLHnnaPlip7ns7vnu5/oh6rliqjlj5HpgIHvvIzor7fli7/nm7Tm\r\njqXlm57lpI3jgILvvIkNCg==\r\n	duban.golden.1.escalation.0.0.dd21f0d5@example.gov.cn	queued	11	1781056821024	Connection refused	1781056800004	\N	市纪委监委监督工作组	C1 某小区办证：住建局分工处理，期限 2026-06-04 24:00（事项 1）	0	\N	0	1780588800000	\N	\N
10	3	reminder	0	0	gone@example.gov.cn	【预警】C3 答复 将于2026-06-10 10:00:20到期	From: =?UTF-8?B?5ZCM5rGf5biC5oi/5L+h5Yqe?= <fxb@example.gov.cn>\r\nTo: =?UTF-8?B?546L5LqU?= <gone@example.gov.cn>\r\nSubject: =?UTF-8?B?44CQ6aKE6K2m44CRQzMg562U5aSNIOWwhuS6jjIwMjYtMDYtMTAgMTA6?=\r\n =?UTF-8?B?MDA6MjDliLDmnJ8=?=\r\nDate: Wed, 10 Jun 2026 10:00:10 +0800\r\nMessage-ID: <duban.golden.3.reminder.0.0.35ee7f45@example.gov.cn>\r\nIn-Reply-To: <duban.golden.3@example.gov.cn>\r\nReferences: <duban.golden.3@example.gov.cn>\r\nX-Duban-Action: 3 reminder\r\nAuto-Submitted: auto-generated\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n546L5LqU5ZCM5b+X77yaDQoNCui0teWNleS9je+8iOW3suaSpOmUgOWxgO+8ieaJv+WKnueahOS4\r\ni+WIl+S6i+mhueWwhuS6jiAyMDI2LTA2LTEwIDEwOjAwOjIwIOWIsOacn++8jOivt+aKk+e0p+WK\r\nnueQhu+8jOW5tuWcqOacn+mZkOWGheWwhuWKnueQhuaDheWGteaKpeaIv+S/oeWKnuOAgg0KDQrm\r\noYjku7bnvJblj7fvvJpDMw0K5qGI5Lu25ZCN56ew77ya6YCA5Zue55qE6YCa55+lDQrmib/lip7l\r\njZXkvY3vvJrlt7LmkqTplIDlsYDvvIjotJ/otKPkurrvvJrnjovkupTvvIkNCuWKnueQhuS6i+mh\r\nue+8muetlOWkjQ0K6YCa55+l5pe26Ze077yaMjAyNi0wNi0xMCAwOTo1OTo1MA0K5Yqe55CG5pyf\r\n6ZmQ77yaMjAyNi0wNi0xMCAxMDowMDoyMA0K5LqL6aG557yW5Y+377yaMw0KDQrmiL/kv6Hlip4N\r\nCuiBlOezu+S6uu+8muiBlOezu+S6uiDlvKDmn5Dmn5DvvIznlLXor50gMDQ1NC0wMDAwMDAwDQrv\r\nvIjmnKzpgq7ku7bnlLHnnaPlip7ns7vnu5/oh6rliqjlj5HpgIHvvIzor7fli7/nm7TmjqXlm57l\r\npI3jgILvvIkNCg==\r\n	duban.golden.3.reminder.0.0.35ee7f45@example.gov.cn	queued	6	1781056821008	Connection refused	1781056810001	\N	王五	C3 退回的通知：已撤销局答复，期限 2026-06-10 10:00:20（事项 3）	0	\N	0	1781056820000	\N	\N
5	1	escalation	1	0	jw@example.gov.cn	【督办】住建局逾期未办理事项移交督办：C1 分工处理	From: =?UTF-8?B?5ZCM5rGf5biC5oi/5L+h5Yqe?= <fxb@example.gov.cn>\r\nTo: =?UTF-8?B?5biC57qq5aeU55uR5aeU55uR552j5bel5L2c57uE?= <jw@example.gov.cn>\r\nSubject: =?UTF-8?B?44CQ552j5Yqe44CR5L2P5bu65bGA6YC+5pyf5pyq5Yqe55CG5LqL6aG5?=\r\n =?UTF-8?B?56e75Lqk552j5Yqe77yaQzEg5YiG5bel5aSE55CG?=\r\nDate: Wed, 10 Jun 2026 10:00:00 +0800\r\nMessage-ID: <duban.golden.1.escalation.1.0.dd21f0d5@example.gov.cn>\r\nIn-Reply-To: <duban.golden.1@example.gov.cn>\r\nReferences: <duban.golden.1@example.gov.cn>\r\nX-Duban-Action: 1 escalation\r\nAuto-Submitted: auto-generated\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n5biC57qq5aeU55uR5aeU55uR552j5bel5L2c57uE77yaDQoNCuS9j+W7uuWxgO+8iOi0n+i0o+S6\r\nuu+8muS6jua1t+a7qO+8ieaJv+WKnueahOS4i+WIl+S6i+mhueW3suS6jiAyMDI2LTA2LTA0IDI0\r\nOjAwIOWIsOacn++8jOe7j+WCrOWKnuS7jeacquWKnue7k+OAguagueaNruOAiuWQjOaxn+W4guaI\r\nv+WcsOS6p+mihuWfn+S/oeiuv+mXrumimOW4uOiuvuWKnuWFrOWupOW3peS9nOeoi+W6j+OAi+es\r\nrOS4g+mhueKAnOedo+WKnui9rOWKnuKAne+8jOeOsOenu+S6pOi0tee7hOi/m+ihjOedo+WKnuOA\r\ngg0KDQrmoYjku7bnvJblj7fvvJpDMQ0K5qGI5Lu25ZCN56ew77ya5p+Q5bCP5Yy65Yqe6K+BDQrm\r\nib/lip7ljZXkvY3vvJrkvY/lu7rlsYDvvIjotJ/otKPkurrvvJrkuo7mtbfmu6jvvIkNCuWKnueQ\r\nhuS6i+mhue+8muWIhuW3peWkhOeQhg0K6YCa55+l5pe26Ze077yaMjAyNi0wNi0wMSAwOTowMDow\r\nMA0K5Yqe55CG5pyf6ZmQ77yaMjAyNi0wNi0wNCAyNDowMA0K5LqL6aG557yW5Y+377yaMQ0K552j\r\n5Yqe57qn5Yir77yaMQ0KDQrmiL/kv6Hlip4NCuiBlOezu+S6uu+8muiBlOezu+S6uiDlvKDmn5Dm\r\nn5DvvIznlLXor50gMDQ1NC0wMDAwMDAwDQrvvIjmnKzpgq7ku7bnlLHnnaPlip7ns7vnu5/oh6rl\r\niqjlj5HpgIHvvIzor7fli7/nm7TmjqXlm57lpI3jgILvvIkNCg==\r\n	duban.golden.1.escalation.1.0.dd21f0d5@example.gov.cn	queued	11	1781056821025	Connection refused	1781056800005	\N	市纪委监委监督工作组	C1 某小区办证：住建局分工处理，期限 2026-06-04 24:00（事项 1）	0	\N	0	1780588800000	\N	\N
6	1	escalation	1	0	zjj@example.gov.cn	【督办】住建局逾期未办理事项移交督办：C1 分工处理	From: =?UTF-8?B?5ZCM5rGf5biC5oi/5L+h5Yqe?= <fxb@example.gov.cn>\r\nTo: =?UTF-8?B?5LqO5rW35ruo?= <zjj@example.gov.cn>\r\nSubject: =?UTF-8?B?44CQ552j5Yqe44CR5L2P5bu65bGA6YC+5pyf5pyq5Yqe55CG5LqL6aG5?=\r\n =?UTF-8?B?56e75Lqk552j5Yqe77yaQzEg5YiG5bel5aSE55CG?=\r\nDate: Wed, 10 Jun 2026 10:00:00 +0800\r\nMessage-ID: <duban.golden.1.escalation.1.0.d1b4bce0@example.gov.cn>\r\nIn-Reply-To: <duban.golden.1@example.gov.cn>\r\nReferences: <duban.golden.1@example.gov.cn>\r\nX-Duban-Action: 1 escalation\r\nAuto-Submitted: auto-generated\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n5biC57qq5aeU55uR5aeU55uR552j5bel5L2c57uE77yaDQoNCuS9j+W7uuWxgO+8iOi0n+i0o+S6\r\nuu+8muS6jua1t+a7qO+8ieaJv+WKnueahOS4i+WIl+S6i+mhueW3suS6jiAyMDI2LTA2LTA0IDI0\r\nOjAwIOWIsOacn++8jOe7j+WCrOWKnuS7jeacquWKnue7k+OAguagueaNruOAiuWQjOaxn+W4guaI\r\nv+WcsOS6p+mihuWfn+S/oeiuv+mXrumimOW4uOiuvuWKnuWFrOWupOW3peS9nOeoi+W6j+OAi+es\r\nrOS4g+mhueKAnOedo+WKnui9rOWKnuKAne+8jOeOsOenu+S6pOi0tee7hOi/m+ihjOedo+WKnuOA\r\ngg0KDQrmoYjku7bnvJblj7fvvJpDMQ0K5qGI5Lu25ZCN56ew77ya5p+Q5bCP5Yy65Yqe6K+BDQrm\r\nib/lip7ljZXkvY3vvJrkvY/lu7rlsYDvvIjotJ/otKPkurrvvJrkuo7mtbfmu6jvvIkNCuWKnueQ\r\nhuS6i+mhue+8muWIhuW3peWkhOeQhg0K6YCa55+l5pe26Ze077yaMjAyNi0wNi0wMSAwOTowMDow\r\nMA0K5Yqe55CG5pyf6ZmQ77yaMjAyNi0wNi0wNCAyNDowMA0K5LqL6aG557yW5Y+377yaMQ0K552j\r\n5Yqe57qn5Yir77yaMQ0KDQrmiL/kv6Hlip4NCuiBlOezu+S6uu+8muiBlOezu+S6uiDlvKDmn5Dm\r\nn5DvvIznlLXor50gMDQ1NC0wMDAwMDAwDQrvvIjmnKzpgq7ku7bnlLHnnaPlip7ns7vnu5/oh6rl\r\niqjlj5HpgIHvvIzor7fli7/nm7TmjqXlm57lpI3jgILvvIkNCg==\r\n	duban.golden.1.escalation.1.0.d1b4bce0@example.gov.cn	queued	11	1781056821025	Connection refused	1781056800005	\N	于海滨	C1 某小区办证：住建局分工处理，期限 2026-06-04 24:00（事项 1）	0	\N	0	1780588800000	\N	\N
7	1	escalation	1	0	fxb@example.gov.cn	【督办】住建局逾期未办理事项移交督办：C1 分工处理	From: =?UTF-8?B?5ZCM5rGf5biC5oi/5L+h5Yqe?= <fxb@example.gov.cn>\r\nTo: =?UTF-8?B?5oi/5L+h5Yqe?= <fxb@example.gov.cn>\r\nSubject: =?UTF-8?B?44CQ552j5Yqe44CR5L2P5bu65bGA6YC+5pyf5pyq5Yqe55CG5LqL6aG5?=\r\n =?UTF-8?B?56e75Lqk552j5Yqe77yaQzEg5YiG5bel5aSE55CG?=\r\nDate: Wed, 10 Jun 2026 10:00:00 +0800\r\nMessage-ID: <duban.golden.1.escalation.1.0.3a627c5e@example.gov.cn>\r\nIn-Reply-To: <duban.golden.1@example.gov.cn>\r\nReferences: <duban.golden.1@example.gov.cn>\r\nX-Duban-Action: 1 escalation\r\nAuto-Submitted: auto-generated\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n5biC57qq5aeU55uR5aeU55uR552j5bel5L2c57uE77yaDQoNCuS9j+W7uuWxgO+8iOi0n+i0o+S6\r\nuu+8muS6jua1t+a7qO+8ieaJv+WKnueahOS4i+WIl+S6i+mhueW3suS6jiAyMDI2LTA2LTA0IDI0\r\nOjAwIOWIsOacn++8jOe7j+WCrOWKnuS7jeacquWKnue7k+OAguagueaNruOAiuWQjOaxn+W4guaI\r\nv+WcsOS6p+mihuWfn+S/oeiuv+mXrumimOW4uOiuvuWKnuWFrOWupOW3peS9nOeoi+W6j+OAi+es\r\nrOS4g+mhueKAnOedo+WKnui9rOWKnuKAne+8jOeOsOenu+S6pOi0tee7hOi/m+ihjOedo+WKnuOA\r\ngg0KDQrmoYjku7bnvJblj7fvvJpDMQ0K5qGI5Lu25ZCN56ew77ya5p+Q5bCP5Yy65Yqe6K+BDQrm\r\nib/lip7ljZXkvY3vvJrkvY/lu7rlsYDvvIjotJ/otKPkurrvvJrkuo7mtbfmu6jvvIkNCuWKnueQ\r\nhuS6i+mhue+8muWIhuW3peWkhOeQhg0K6YCa55+l5pe26Ze077yaMjAyNi0wNi0wMSAwOTowMDow\r\nMA0K5Yqe55CG5pyf6ZmQ77yaMjAyNi0wNi0wNCAyNDowMA0K5LqL6aG557yW5Y+377yaMQ0K552j\r\n5Yqe57qn5Yir77yaMQ0KDQrmiL/kv6Hlip4NCuiBlOezu+S6uu+8muiBlOezu+S6uiDlvKDmn5Dm\r\nn5DvvIznlLXor50gMDQ1NC0wMDAwMDAwDQrvvIjmnKzpgq7ku7bnlLHnnaPlip7ns7vnu5/oh6rl\r\niqjlj5HpgIHvvIzor7fli7/nm7TmjqXlm57lpI3jgILvvIkNCg==\r\n	duban.golden.1.escalation.1.0.3a627c5e@example.gov.cn	queued	11	1781056821025	Connection refused	1781056800006	\N	房信办	C1 某小区办证：住建局分工处理，期限 2026-06-04 24:00（事项 1）	0	\N	0	1780588800000	\N	\N
4	1	overdue	0	0	fxb@example.gov.cn	【催办】C1 分工处理 已逾期	From: =?UTF-8?B?5ZCM5rGf5biC5oi/5L+h5Yqe?= <fxb@example.gov.cn>\r\nTo: =?UTF-8?B?5oi/5L+h5Yqe?= <fxb@example.gov.cn>\r\nSubject: =?UTF-8?B?44CQ5YKs5Yqe44CRQzEg5YiG5bel5aSE55CGIOW3sumAvuacnw==?=\r\nDate: Wed, 10 Jun 2026 10:00:00 +0800\r\nMessage-ID: <duban.golden.1.overdue.0.0.3a627c5e@example.gov.cn>\r\nIn-Reply-To: <duban.golden.1@example.gov.cn>\r\nReferences: <duban.golden.1@example.gov.cn>\r\nX-Duban-Action: 1 overdue\r\nAuto-Submitted: auto-generated\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n5LqO5rW35ruo5ZCM5b+X77yaDQoNCui0teWNleS9je+8iOS9j+W7uuWxgO+8ieaJv+WKnueahOS4\r\ni+WIl+S6i+mhueW3suS6jiAyMDI2LTA2LTA0IDI0OjAwIOWIsOacn++8jOiHs+S7iuacquWKnue7\r\nk+OAguivt+eri+WNs+WKnueQhu+8jOW5tuWwhuWKnueQhuaDheWGteWPiumAvuacn+WOn+WboOaK\r\npeaIv+S/oeWKnuOAgumAvuacn+S7jeacquWKnueQhueahO+8jOWwhuaMieinhOWumuenu+S6pOeb\r\nkeedo+OAgg0KDQrmoYjku7bnvJblj7fvvJpDMQ0K5qGI5Lu25ZCN56ew77ya5p+Q5bCP5Yy65Yqe\r\n6K+BDQrmib/lip7ljZXkvY3vvJrkvY/lu7rlsYDvvIjotJ/otKPkurrvvJrkuo7mtbfmu6jvvIkN\r\nCuWKnueQhuS6i+mhue+8muWIhuW3peWkhOeQhg0K6YCa55+l5pe26Ze077yaMjAyNi0wNi0wMSAw\r\nOTowMDowMA0K5Yqe55CG5pyf6ZmQ77yaMjAyNi0wNi0wNCAyNDowMA0K5ZCO57ut552j5Yqe77ya\r\n5aaC6IezIDIwMjYtMDYtMDUgMjQ6MDAg5LuN5pyq5Yqe57uT77yM5bCG56e75Lqk5biC57qq5aeU\r\n55uR5aeU55uR552j5bel5L2c57uE552j5YqeDQrkuovpobnnvJblj7fvvJoxDQoNCuaIv+S/oeWK\r\nng0K6IGU57O75Lq677ya6IGU57O75Lq6IOW8oOafkOafkO+8jOeUteivnSAwNDU0LTAwMDAwMDAN\r\nCu+8iOacrOmCruS7tueUseedo+WKnuezu+e7n+iHquWKqOWPkemAge+8jOivt+WLv+ebtOaOpeWb\r\nnuWkjeOAgu+8iQ0K\r\n	duban.golden.1.overdue.0.0.3a627c5e@example.gov.cn	queued	11	1781056821025	Connection refused	1781056800005	\N	房信办	C1 某小区办证：住建局分工处理，期限 2026-06-04 24:00（事项 1）	0	\N	0	1780588800000	\N	\N
9	4	reminder	0	0	zjj@example.gov.cn	【预警】C1 答复 将于2026-06-10 10:00:15到期	From: =?UTF-8?B?5ZCM5rGf5biC5oi/5L+h5Yqe?= <fxb@example.gov.cn>\r\nTo: =?UTF-8?B?5LqO5rW35ruo?= <zjj@example.gov.cn>\r\nSubject: =?UTF-8?B?44CQ6aKE6K2m44CRQzEg562U5aSNIOWwhuS6jjIwMjYtMDYtMTAgMTA6?=\r\n =?UTF-8?B?MDA6MTXliLDmnJ8=?=\r\nDate: Wed, 10 Jun 2026 10:00:05 +0800\r\nMessage-ID: <duban.golden.4.reminder.0.0.d1b4bce0@example.gov.cn>\r\nIn-Reply-To: <duban.golden.4@example.gov.cn>\r\nReferences: <duban.golden.4@example.gov.cn>\r\nX-Duban-Action: 4 reminder\r\nAuto-Submitted: auto-generated\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n5LqO5rW35ruo5ZCM5b+X77yaDQoNCui0teWNleS9je+8iOS9j+W7uuWxgO+8ieaJv+WKnueahOS4\r\ni+WIl+S6i+mhueWwhuS6jiAyMDI2LTA2LTEwIDEwOjAwOjE1IOWIsOacn++8jOivt+aKk+e0p+WK\r\nnueQhu+8jOW5tuWcqOacn+mZkOWGheWwhuWKnueQhuaDheWGteaKpeaIv+S/oeWKnuOAgg0KDQrm\r\noYjku7bnvJblj7fvvJpDMQ0K5qGI5Lu25ZCN56ew77ya5p+Q5bCP5Yy65Yqe6K+BDQrmib/lip7l\r\njZXkvY3vvJrkvY/lu7rlsYDvvIjotJ/otKPkurrvvJrkuo7mtbfmu6jvvIkNCuWKnueQhuS6i+mh\r\nue+8muetlOWkjQ0K6YCa55+l5pe26Ze077yaMjAyNi0wNi0xMCAwOTo1OTo0NQ0K5Yqe55CG5pyf\r\n6ZmQ77yaMjAyNi0wNi0xMCAxMDowMDoxNQ0K5LqL6aG557yW5Y+377yaNA0KDQrmiL/kv6Hlip4N\r\nCuiBlOezu+S6uu+8muiBlOezu+S6uiDlvKDmn5Dmn5DvvIznlLXor50gMDQ1NC0wMDAwMDAwDQrv\r\nvIjmnKzpgq7ku7bnlLHnnaPlip7ns7vnu5/oh6rliqjlj5HpgIHvvIzor7fli7/nm7TmjqXlm57l\r\npI3jgILvvIkNCg==\r\n	duban.golden.4.reminder.0.0.d1b4bce0@example.gov.cn	queued	9	1781056822014	Connection refused	1781056805002	\N	于海滨	C1 某小区办证：住建局答复，期限 2026-06-10 10:00:15（事项 4）	0	\N	0	1781056815000	\N	\N
2	1	escalation	0	0	fxb@example.gov.cn	【上报】疑难案件报请研究推动解决：C1 某小区办证	From: =?UTF-8?B?5ZCM5rGf5biC5oi/5L+h5Yqe?= <fxb@example.gov.cn>\r\nTo: =?UTF-8?B?5oi/5L+h5Yqe?= <fxb@example.gov.cn>\r\nSubject: =?UTF-8?B?44CQ5LiK5oql44CR55aR6Zq+5qGI5Lu25oql6K+356CU56m25o6o5Yqo?=\r\n =?UTF-8?B?6Kej5Yaz77yaQzEg5p+Q5bCP5Yy65Yqe6K+B?=\r\nDate: Wed, 10 Jun 2026 10:00:00 +0800\r\nMessage-ID: <duban.golden.1.escalation.0.0.3a627c5e@example.gov.cn>\r\nIn-Reply-To: <duban.golden.1@example.gov.cn>\r\nReferences: <duban.golden.1@example.gov.cn>\r\nX-Duban-Action: 1 escalation\r\nAuto-Submitted: auto-generated\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n5biC57qq5aeU55uR5aeU55uR552j5bel5L2c57uE77yaDQoNCuS4i+WIl+ahiOS7tue7j+aIv+S/\r\noeWKnueglOeptu+8jOWxnueWkemavuahiOS7tu+8jOagueaNruOAiuWQjOaxn+W4guaIv+WcsOS6\r\np+mihuWfn+S/oeiuv+mXrumimOS4k+mhueaVtOayu+W3peS9nOWunuaWveaWueahiOOAi+KAnOeW\r\nkemavuahiOS7tuimgeWPiuaXtuS4iuaKpemihuWvvOWwj+e7hO+8jOeUsemihuWvvOWwj+e7hOeg\r\nlOeptuaOqOWKqOino+WGs+KAneeahOimgeaxgu+8jOeOsOaKpeivt+eglOeptuaOqOWKqOino+WG\r\ns+OAguS4iuaKpeeQhueUseWPiuahiOS7tuWFqOmDqOaDheWGteingeedo+WKnuiusOW9leOAgg0K\r\nDQrmoYjku7bnvJblj7fvvJpDMQ0K5qGI5Lu25ZCN56ew77ya5p+Q5bCP5Yy65Yqe6K+BDQrmib/l\r\nip7ljZXkvY3vvJrkvY/lu7rlsYDvvIjotJ/otKPkurrvvJrkuo7mtbfmu6jvvIkNCuWKnueQhuS6\r\ni+mhue+8muWIhuW3peWkhOeQhg0K6YCa55+l5pe26Ze077yaMjAyNi0wNi0wMSAwOTowMDowMA0K\r\n5Yqe55CG5pyf6ZmQ77yaMjAyNi0wNi0wNCAyNDowMA0K5LqL6aG557yW5Y+377yaMQ0KDQrmiL/k\r\nv6Hlip4NCuiBlOezu+S6uu+8muiBlOezu+S6uiDlvKDmn5Dmn5DvvIznlLXor50gMDQ1NC0wMDAw\r\nMDAwDQrvvIjmnKzpgq7ku7bnlLHnnaPlip7ns7vnu5/oh6rliqjlj5HpgIHvvIzor7fli7/nm7Tm\r\njqXlm57lpI3jgILvvIkNCg==\r\n	duban.golden.1.escalation.0.0.3a627c5e@example.gov.cn	queued	11	1781056821025	Connection refused	1781056800005	\N	房信办	C1 某小区办证：住建局分工处理，期限 2026-06-04 24:00（事项 1）	0	\N	0	1780588800000	\N	\N
12	3	overdue	0	0	gone@example.gov.cn	【催办】C3 答复 已逾期	From: =?UTF-8?B?5ZCM5rGf5biC5oi/5L+h5Yqe?= <fxb@example.gov.cn>\r\nTo: =?UTF-8?B?546L5LqU?= <gone@example.gov.cn>\r\nSubject: =?UTF-8?B?44CQ5YKs5Yqe44CRQzMg562U5aSNIOW3sumAvuacnw==?=\r\nDate: Wed, 10 Jun 2026 10:00:20 +0800\r\nMessage-ID: <duban.golden.3.overdue.0.0.35ee7f45@example.gov.cn>\r\nIn-Reply-To: <duban.golden.3@example.gov.cn>\r\nReferences: <duban.golden.3@example.gov.cn>\r\nX-Duban-Action: 3 overdue\r\nAuto-Submitted: auto-generated\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n546L5LqU5ZCM5b+X77yaDQoNCui0teWNleS9je+8iOW3suaSpOmUgOWxgO+8ieaJv+WKnueahOS4\r\ni+WIl+S6i+mhueW3suS6jiAyMDI2LTA2LTEwIDEwOjAwOjIwIOWIsOacn++8jOiHs+S7iuacquWK\r\nnue7k+OAguivt+eri+WNs+WKnueQhu+8jOW5tuWwhuWKnueQhuaDheWGteWPiumAvuacn+WOn+Wb\r\noOaKpeaIv+S/oeWKnuOAgumAvuacn+S7jeacquWKnueQhueahO+8jOWwhuaMieinhOWumuenu+S6\r\npOebkeedo+OAgg0KDQrmoYjku7bnvJblj7fvvJpDMw0K5qGI5Lu25ZCN56ew77ya6YCA5Zue55qE\r\n6YCa55+lDQrmib/lip7ljZXkvY3vvJrlt7LmkqTplIDlsYDvvIjotJ/otKPkurrvvJrnjovkupTv\r\nvIkNCuWKnueQhuS6i+mhue+8muetlOWkjQ0K6YCa55+l5pe26Ze077yaMjAyNi0wNi0xMCAwOTo1\r\nOTo1MA0K5Yqe55CG5pyf6ZmQ77yaMjAyNi0wNi0xMCAxMDowMDoyMA0K5LqL6aG557yW5Y+377ya\r\nMw0KDQrmiL/kv6Hlip4NCuiBlOezu+S6uu+8muiBlOezu+S6uiDlvKDmn5Dmn5DvvIznlLXor50g\r\nMDQ1NC0wMDAwMDAwDQrvvIjmnKzpgq7ku7bnlLHnnaPlip7ns7vnu5/oh6rliqjlj5HpgIHvvIzo\r\nr7fli7/nm7TmjqXlm57lpI3jgILvvIkNCg==\r\n	duban.golden.3.overdue.0.0.35ee7f45@example.gov.cn	queued	1	1781056821002	Connection refused	1781056820001	\N	王五	C3 退回的通知：已撤销局答复，期限 2026-06-10 10:00:20（事项 3）	0	\N	0	1781056820000	\N	\N
11	4	overdue	0	0	zjj@example.gov.cn	【催办】C1 答复 已逾期	From: =?UTF-8?B?5ZCM5rGf5biC5oi/5L+h5Yqe?= <fxb@example.gov.cn>\r\nTo: =?UTF-8?B?5LqO5rW35ruo?= <zjj@example.gov.cn>\r\nSubject: =?UTF-8?B?44CQ5YKs5Yqe44CRQzEg562U5aSNIOW3sumAvuacnw==?=\r\nDate: Wed, 10 Jun 2026 10:00:15 +0800\r\nMessage-ID: <duban.golden.4.overdue.0.0.d1b4bce0@example.gov.cn>\r\nIn-Reply-To: <duban.golden.4@example.gov.cn>\r\nReferences: <duban.golden.4@example.gov.cn>\r\nX-Duban-Action: 4 overdue\r\nAuto-Submitted: auto-generated\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n5LqO5rW35ruo5ZCM5b+X77yaDQoNCui0teWNleS9je+8iOS9j+W7uuWxgO+8ieaJv+WKnueahOS4\r\ni+WIl+S6i+mhueW3suS6jiAyMDI2LTA2LTEwIDEwOjAwOjE1IOWIsOacn++8jOiHs+S7iuacquWK\r\nnue7k+OAguivt+eri+WNs+WKnueQhu+8jOW5tuWwhuWKnueQhuaDheWGteWPiumAvuacn+WOn+Wb\r\noOaKpeaIv+S/oeWKnuOAgumAvuacn+S7jeacquWKnueQhueahO+8jOWwhuaMieinhOWumuenu+S6\r\npOebkeedo+OAgg0KDQrmoYjku7bnvJblj7fvvJpDMQ0K5qGI5Lu25ZCN56ew77ya5p+Q5bCP5Yy6\r\n5Yqe6K+BDQrmib/lip7ljZXkvY3vvJrkvY/lu7rlsYDvvIjotJ/otKPkurrvvJrkuo7mtbfmu6jv\r\nvIkNCuWKnueQhuS6i+mhue+8muetlOWkjQ0K6YCa55+l5pe26Ze077yaMjAyNi0wNi0xMCAwOTo1\r\nOTo0NQ0K5Yqe55CG5pyf6ZmQ77yaMjAyNi0wNi0xMCAxMDowMDoxNQ0K5LqL6aG557yW5Y+377ya\r\nNA0KDQrmiL/kv6Hlip4NCuiBlOezu+S6uu+8muiBlOezu+S6uiDlvKDmn5Dmn5DvvIznlLXor50g\r\nMDQ1NC0wMDAwMDAwDQrvvIjmnKzpgq7ku7bnlLHnnaPlip7ns7vnu5/oh6rliqjlj5HpgIHvvIzo\r\nr7fli7/nm7TmjqXlm57lpI3jgILvvIkNCg==\r\n	duban.golden.4.overdue.0.0.d1b4bce0@example.gov.cn	queued	4	1781056822006	Connection refused	1781056815002	\N	于海滨	C1 某小区办证：住建局答复，期限 2026-06-10 10:00:15（事项 4）	0	\N	0	1781056815000	\N	\N
\.


--
-- Data for Name: pauses; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.pauses (id, action_id, from_at, to_at, reason, who, to_whom) FROM stdin;
\.


--
-- Data for Name: proposals; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.proposals (id, case_id, after_action, step, dept_id, proposed_at, why, decided_at, decided_by, action_id, reason) FROM stdin;
\.


--
-- Data for Name: tallies; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.tallies (name, n) FROM stdin;
open actions	4
\.


--
-- Name: actions_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.actions_id_seq', 4, true);


--
-- Name: assignments_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.assignments_id_seq', 1, false);


--
-- Name: cases_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.cases_id_seq', 3, true);


--
-- Name: closings_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.closings_id_seq', 1, false);


--
-- Name: deadline_audit_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.deadline_audit_id_seq', 1, false);


--
-- Name: departments_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.departments_id_seq', 2, true);


--
-- Name: escalations_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.escalations_id_seq', 2, true);


--
-- Name: events_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.events_id_seq', 19, true);


--
-- Name: evidence_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.evidence_id_seq', 2, true);


--
-- Name: extensions_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.extensions_id_seq', 1, false);


--
-- Name: leaders_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.leaders_id_seq', 1, true);


--
-- Name: notices_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.notices_id_seq', 12, true);


--
-- Name: pauses_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.pauses_id_seq', 1, false);


--
-- Name: proposals_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.proposals_id_seq', 1, false);


--
-- Name: actions actions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.actions
    ADD CONSTRAINT actions_pkey PRIMARY KEY (id);


--
-- Name: assignments assignments_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assignments
    ADD CONSTRAINT assignments_pkey PRIMARY KEY (id);


--
-- Name: cases cases_number_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT cases_number_key UNIQUE (number);


--
-- Name: cases cases_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT cases_pkey PRIMARY KEY (id);


--
-- Name: closings closings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.closings
    ADD CONSTRAINT closings_pkey PRIMARY KEY (id);


--
-- Name: deadline_audit deadline_audit_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.deadline_audit
    ADD CONSTRAINT deadline_audit_pkey PRIMARY KEY (id);


--
-- Name: departments departments_code_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.departments
    ADD CONSTRAINT departments_code_key UNIQUE (code);


--
-- Name: departments departments_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.departments
    ADD CONSTRAINT departments_pkey PRIMARY KEY (id);


--
-- Name: escalations escalations_action_id_cycle_level_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.escalations
    ADD CONSTRAINT escalations_action_id_cycle_level_key UNIQUE (action_id, cycle, level);


--
-- Name: escalations escalations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.escalations
    ADD CONSTRAINT escalations_pkey PRIMARY KEY (id);


--
-- Name: events events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.events
    ADD CONSTRAINT events_pkey PRIMARY KEY (id);


--
-- Name: evidence evidence_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.evidence
    ADD CONSTRAINT evidence_pkey PRIMARY KEY (id);


--
-- Name: extensions extensions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.extensions
    ADD CONSTRAINT extensions_pkey PRIMARY KEY (id);


--
-- Name: leaders leaders_name_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.leaders
    ADD CONSTRAINT leaders_name_key UNIQUE (name);


--
-- Name: leaders leaders_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.leaders
    ADD CONSTRAINT leaders_pkey PRIMARY KEY (id);


--
-- Name: meta meta_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meta
    ADD CONSTRAINT meta_pkey PRIMARY KEY (key);


--
-- Name: notices notices_action_id_cycle_kind_level_seq_recipient_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notices
    ADD CONSTRAINT notices_action_id_cycle_kind_level_seq_recipient_key UNIQUE (action_id, cycle, kind, level, seq, recipient);


--
-- Name: notices notices_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notices
    ADD CONSTRAINT notices_pkey PRIMARY KEY (id);


--
-- Name: pauses pauses_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.pauses
    ADD CONSTRAINT pauses_pkey PRIMARY KEY (id);


--
-- Name: proposals proposals_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.proposals
    ADD CONSTRAINT proposals_pkey PRIMARY KEY (id);


--
-- Name: tallies tallies_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tallies
    ADD CONSTRAINT tallies_pkey PRIMARY KEY (name);


--
-- Name: actions_identity; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX actions_identity ON public.actions USING btree (case_id, dept_id, step, COALESCE(what, ''::text), notified_at);


--
-- Name: actions_next; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX actions_next ON public.actions USING btree (next_at) WHERE (next_at IS NOT NULL);


--
-- Name: actions_open; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX actions_open ON public.actions USING btree (due_at) WHERE (done_at IS NULL);


--
-- Name: assignments_action; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX assignments_action ON public.assignments USING btree (action_id);


--
-- Name: assignments_identity; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX assignments_identity ON public.assignments USING btree (dept_id, notified_at);


--
-- Name: deadline_audit_action; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX deadline_audit_action ON public.deadline_audit USING btree (action_id);


--
-- Name: escalations_action; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX escalations_action ON public.escalations USING btree (action_id);


--
-- Name: events_action; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX events_action ON public.events USING btree (action_id);


--
-- Name: evidence_escalation; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX evidence_escalation ON public.evidence USING btree (escalation_id, id);


--
-- Name: notices_action; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX notices_action ON public.notices USING btree (action_id);


--
-- Name: notices_digests; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX notices_digests ON public.notices USING btree (status, digest, recipient, next_try) WHERE ((status = 'queued'::text) AND (digest = 1));


--
-- Name: notices_failed; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX notices_failed ON public.notices USING btree (status) WHERE (status = 'failed'::text);


--
-- Name: notices_leases; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX notices_leases ON public.notices USING btree (lease_until) WHERE ((status = 'queued'::text) AND (lease_until IS NOT NULL));


--
-- Name: notices_owner; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX notices_owner ON public.notices USING btree (lease_owner) WHERE (status = 'queued'::text);


--
-- Name: notices_queue; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX notices_queue ON public.notices USING btree (status, next_try) WHERE (status = 'queued'::text);


--
-- Name: notices_singles; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX notices_singles ON public.notices USING btree (status, digest, next_try) WHERE ((status = 'queued'::text) AND (digest = 0));


--
-- Name: assignments assignments_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER assignments_no_delete BEFORE DELETE ON public.assignments FOR EACH ROW EXECUTE FUNCTION public.duban_refuse('an earlier assignment is never deleted');


--
-- Name: assignments assignments_no_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER assignments_no_update BEFORE UPDATE ON public.assignments FOR EACH ROW EXECUTE FUNCTION public.duban_refuse('an earlier assignment is never rewritten');


--
-- Name: escalations escalation_fixed; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER escalation_fixed BEFORE UPDATE OF id, action_id, level, target, opened_at, cycle, dept_id, due_at ON public.escalations FOR EACH ROW EXECUTE FUNCTION public.duban_refuse('an escalation is never rewritten');


--
-- Name: escalations escalation_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER escalation_no_delete BEFORE DELETE ON public.escalations FOR EACH ROW EXECUTE FUNCTION public.duban_refuse('an escalation is never deleted');


--
-- Name: escalations escalations_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER escalations_no_truncate BEFORE TRUNCATE ON public.escalations FOR EACH STATEMENT EXECUTE FUNCTION public.duban_refuse('an escalation is never deleted');


--
-- Name: events events_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER events_no_delete BEFORE DELETE ON public.events FOR EACH ROW EXECUTE FUNCTION public.duban_refuse('the audit log is append-only');


--
-- Name: events events_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON public.events FOR EACH STATEMENT EXECUTE FUNCTION public.duban_refuse('the audit log is append-only');


--
-- Name: events events_no_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER events_no_update BEFORE UPDATE ON public.events FOR EACH ROW EXECUTE FUNCTION public.duban_refuse('the audit log is append-only');


--
-- Name: evidence evidence_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER evidence_no_delete BEFORE DELETE ON public.evidence FOR EACH ROW EXECUTE FUNCTION public.duban_refuse('the evidence record is append-only');


--
-- Name: evidence evidence_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER evidence_no_truncate BEFORE TRUNCATE ON public.evidence FOR EACH STATEMENT EXECUTE FUNCTION public.duban_refuse('the evidence record is append-only');


--
-- Name: evidence evidence_no_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER evidence_no_update BEFORE UPDATE ON public.evidence FOR EACH ROW EXECUTE FUNCTION public.duban_refuse('the evidence record is append-only');


--
-- Name: actions notices_withdraw; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER notices_withdraw AFTER UPDATE OF done_at, paused_at, due_at, dept_id ON public.actions FOR EACH ROW WHEN ((((new.done_at IS NOT NULL) AND (old.done_at IS NULL)) OR ((new.paused_at IS NOT NULL) AND (old.paused_at IS NULL)) OR (new.due_at IS DISTINCT FROM old.due_at) OR (new.dept_id <> old.dept_id))) EXECUTE FUNCTION public.duban_withdraw();


--
-- Name: actions tally_open; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tally_open AFTER INSERT OR DELETE OR UPDATE OF done_at ON public.actions FOR EACH ROW EXECUTE FUNCTION public.duban_tally();


--
-- Name: actions actions_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.actions
    ADD CONSTRAINT actions_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id);


--
-- Name: actions actions_dept_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.actions
    ADD CONSTRAINT actions_dept_id_fkey FOREIGN KEY (dept_id) REFERENCES public.departments(id);


--
-- Name: assignments assignments_action_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assignments
    ADD CONSTRAINT assignments_action_id_fkey FOREIGN KEY (action_id) REFERENCES public.actions(id);


--
-- Name: assignments assignments_dept_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assignments
    ADD CONSTRAINT assignments_dept_id_fkey FOREIGN KEY (dept_id) REFERENCES public.departments(id);


--
-- Name: cases cases_lead_dept_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT cases_lead_dept_fkey FOREIGN KEY (lead_dept) REFERENCES public.departments(id);


--
-- Name: closings closings_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.closings
    ADD CONSTRAINT closings_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id);


--
-- Name: deadline_audit deadline_audit_action_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.deadline_audit
    ADD CONSTRAINT deadline_audit_action_id_fkey FOREIGN KEY (action_id) REFERENCES public.actions(id);


--
-- Name: escalations escalations_action_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.escalations
    ADD CONSTRAINT escalations_action_id_fkey FOREIGN KEY (action_id) REFERENCES public.actions(id);


--
-- Name: escalations escalations_dept_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.escalations
    ADD CONSTRAINT escalations_dept_id_fkey FOREIGN KEY (dept_id) REFERENCES public.departments(id);


--
-- Name: evidence evidence_escalation_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.evidence
    ADD CONSTRAINT evidence_escalation_id_fkey FOREIGN KEY (escalation_id) REFERENCES public.escalations(id);


--
-- Name: extensions extensions_action_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.extensions
    ADD CONSTRAINT extensions_action_id_fkey FOREIGN KEY (action_id) REFERENCES public.actions(id);


--
-- Name: notices notices_action_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notices
    ADD CONSTRAINT notices_action_id_fkey FOREIGN KEY (action_id) REFERENCES public.actions(id);


--
-- Name: pauses pauses_action_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.pauses
    ADD CONSTRAINT pauses_action_id_fkey FOREIGN KEY (action_id) REFERENCES public.actions(id);


--
-- Name: proposals proposals_action_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.proposals
    ADD CONSTRAINT proposals_action_id_fkey FOREIGN KEY (action_id) REFERENCES public.actions(id);


--
-- Name: proposals proposals_after_action_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.proposals
    ADD CONSTRAINT proposals_after_action_fkey FOREIGN KEY (after_action) REFERENCES public.actions(id);


--
-- Name: proposals proposals_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.proposals
    ADD CONSTRAINT proposals_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id);


--
-- Name: proposals proposals_dept_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.proposals
    ADD CONSTRAINT proposals_dept_id_fkey FOREIGN KEY (dept_id) REFERENCES public.departments(id);


--
-- PostgreSQL database dump complete
--

\unrestrict ADZGPDAcVOwrF8DdFWPjDvY5D6fy1isiP39dMKbuRiNHGJ0heErSt0BvsvanJfJ

