--
-- PostgreSQL database dump
--

\restrict kQZSbDhWCpmtwvjGort5863fUrmATogKStD4X9GqecIyoHXhg21OBALvDKpSjEH

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
-- Name: formats; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.formats (
    key text NOT NULL,
    template text NOT NULL,
    sender text NOT NULL,
    body text NOT NULL,
    created_at bigint NOT NULL
);


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
    lease_until bigint,
    format text,
    vars text,
    thread_id text,
    ref text
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
1	1	1	分工处理	1793581200000	default	1794844800000	0	0	1794499200000	\N	\N	1796664612035	0	0	\N	\N	0	0	0	0	0	0	0	0	0	\N	\N	\N
3	2	1	调查核实	1795395600000	default	1796659200000	0	0	1796313600000	\N	\N	1796664612059	0	0	1795399200000	\N	0	0	0	0	0	0	0	0	0	\N	\N	\N
2	2	2	分工处理	1795136400000	default	1796400000000	0	0	\N	1795593600000	已办结	1796664612048	0	0	\N	\N	0	0	0	0	0	0	0	0	0	\N	\N	\N
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
1	2026-FX-001	某小区办证	2	0	\N	张三丰	\N	1796664612011	open	\N	0
2	2026-FX-002	某小区维修基金	3	0	\N	\N	\N	1796664612021	open	\N	0
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
2	ga	公安局	王五	ga@example.gov.cn	
\.


--
-- Data for Name: escalations; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.escalations (id, action_id, level, target, opened_at, acked_at, resolved_at, note, cycle, dept_id, due_at) FROM stdin;
\.


--
-- Data for Name: events; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.events (id, at, who, action_id, what, detail) FROM stdin;
1	1796664611983	root	\N	init	postgresql:///fx14?host=/tmp/pgdev&port=55499&user=duban
2	1796664611993	root	\N	dept add	zjj 住建局
3	1796664612004	root	\N	dept add	ga 公安局
4	1796664612012	root	\N	case add	2026-FX-001 某小区办证
5	1796664612022	root	\N	case add	2026-FX-002 某小区维修基金
6	1796664612035	root	1	assign	case 2026-FX-001 to zjj: 分工处理, rule default, due 2026-11-16 24:00
7	1796664612048	root	2	assign	case 2026-FX-002 to ga: 分工处理, rule default, due 2026-12-04 24:00
8	1796664612059	root	3	assign	case 2026-FX-002 to zjj: 调查核实, rule default, due 2026-12-07 24:00
9	1796664612071	root	3	ack	received (签收) 2026-11-23 10:00:00
10	1796664612089	root	2	done	已办结
\.


--
-- Data for Name: evidence; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.evidence (id, escalation_id, at, text) FROM stdin;
\.


--
-- Data for Name: extensions; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.extensions (id, action_id, at, length, approver, reason, who) FROM stdin;
\.


--
-- Data for Name: formats; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.formats (key, template, sender, body, created_at) FROM stdin;
\.


--
-- Data for Name: leaders; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.leaders (id, name, title, email) FROM stdin;
\.


--
-- Data for Name: meta; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.meta (key, value) FROM stdin;
instance	0c3b8675bdcff563
schema_version	14
\.


--
-- Data for Name: notices; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.notices (id, action_id, kind, level, seq, recipient, subject, message, message_id, status, attempts, next_try, reply, created_at, sent_at, recipient_name, item, digest, sent_message_id, cycle, due_at, lease_owner, lease_until, format, vars, thread_id, ref) FROM stdin;
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
open actions	2
\.


--
-- Name: actions_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.actions_id_seq', 3, true);


--
-- Name: assignments_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.assignments_id_seq', 1, false);


--
-- Name: cases_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.cases_id_seq', 2, true);


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

SELECT pg_catalog.setval('public.escalations_id_seq', 1, false);


--
-- Name: events_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.events_id_seq', 10, true);


--
-- Name: evidence_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.evidence_id_seq', 1, false);


--
-- Name: extensions_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.extensions_id_seq', 1, false);


--
-- Name: leaders_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.leaders_id_seq', 1, false);


--
-- Name: notices_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.notices_id_seq', 1, false);


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
-- Name: formats formats_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.formats
    ADD CONSTRAINT formats_pkey PRIMARY KEY (key);


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
-- Name: notices notices_format_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notices
    ADD CONSTRAINT notices_format_fkey FOREIGN KEY (format) REFERENCES public.formats(key);


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

\unrestrict kQZSbDhWCpmtwvjGort5863fUrmATogKStD4X9GqecIyoHXhg21OBALvDKpSjEH

