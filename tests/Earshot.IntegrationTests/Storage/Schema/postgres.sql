ALTER TABLE ONLY public."__EFMigrationsHistory"
    ADD CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY ("MigrationId");

ALTER TABLE ONLY public.alert_events
    ADD CONSTRAINT fk_alert_events_alerts_alert_id FOREIGN KEY (alert_id) REFERENCES public.alerts(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.alert_events
    ADD CONSTRAINT pk_alert_events PRIMARY KEY (id);

ALTER TABLE ONLY public.alerts
    ADD CONSTRAINT fk_alerts_cases_incident_case_id FOREIGN KEY (incident_case_id) REFERENCES public.cases(id) ON DELETE SET NULL;

ALTER TABLE ONLY public.alerts
    ADD CONSTRAINT fk_alerts_topics_topic_id FOREIGN KEY (topic_id) REFERENCES public.topics(id) ON DELETE SET NULL;

ALTER TABLE ONLY public.alerts
    ADD CONSTRAINT fk_alerts_workspaces_workspace_id FOREIGN KEY (workspace_id) REFERENCES public.workspaces(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.alerts
    ADD CONSTRAINT pk_alerts PRIMARY KEY (id);

ALTER TABLE ONLY public.api_tokens
    ADD CONSTRAINT fk_api_tokens_users_user_id FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.api_tokens
    ADD CONSTRAINT pk_api_tokens PRIMARY KEY (id);

ALTER TABLE ONLY public.audit_events
    ADD CONSTRAINT pk_audit_events PRIMARY KEY (id);

ALTER TABLE ONLY public.authors
    ADD CONSTRAINT fk_authors_channels_channel_id FOREIGN KEY (channel_id) REFERENCES public.channels(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.authors
    ADD CONSTRAINT pk_authors PRIMARY KEY (id);

ALTER TABLE ONLY public.business_calendars
    ADD CONSTRAINT fk_business_calendars_workspaces_workspace_id FOREIGN KEY (workspace_id) REFERENCES public.workspaces(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.business_calendars
    ADD CONSTRAINT pk_business_calendars PRIMARY KEY (id);

ALTER TABLE ONLY public.canned_replies
    ADD CONSTRAINT fk_canned_replies_workspaces_workspace_id FOREIGN KEY (workspace_id) REFERENCES public.workspaces(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.canned_replies
    ADD CONSTRAINT pk_canned_replies PRIMARY KEY (id);

ALTER TABLE ONLY public.case_events
    ADD CONSTRAINT fk_case_events_cases_case_id FOREIGN KEY (case_id) REFERENCES public.cases(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.case_events
    ADD CONSTRAINT pk_case_events PRIMARY KEY (id);

ALTER TABLE ONLY public.case_posts
    ADD CONSTRAINT fk_case_posts_cases_case_id FOREIGN KEY (case_id) REFERENCES public.cases(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.case_posts
    ADD CONSTRAINT fk_case_posts_posts_post_id FOREIGN KEY (post_id) REFERENCES public.posts(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.case_posts
    ADD CONSTRAINT pk_case_posts PRIMARY KEY (case_id, post_id);

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT fk_cases_authors_author_id FOREIGN KEY (author_id) REFERENCES public.authors(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT fk_cases_channels_channel_id FOREIGN KEY (channel_id) REFERENCES public.channels(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT fk_cases_teams_team_id FOREIGN KEY (team_id) REFERENCES public.teams(id) ON DELETE SET NULL;

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT fk_cases_users_assignee_id FOREIGN KEY (assignee_id) REFERENCES public.users(id) ON DELETE SET NULL;

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT fk_cases_workspaces_workspace_id FOREIGN KEY (workspace_id) REFERENCES public.workspaces(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT pk_cases PRIMARY KEY (id);

ALTER TABLE ONLY public.channels
    ADD CONSTRAINT fk_channels_workspaces_workspace_id FOREIGN KEY (workspace_id) REFERENCES public.workspaces(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.channels
    ADD CONSTRAINT pk_channels PRIMARY KEY (id);

ALTER TABLE ONLY public.classifications
    ADD CONSTRAINT fk_classifications_posts_post_id FOREIGN KEY (post_id) REFERENCES public.posts(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.classifications
    ADD CONSTRAINT pk_classifications PRIMARY KEY (post_id);

ALTER TABLE ONLY public.customer_links
    ADD CONSTRAINT fk_customer_links_authors_author_id FOREIGN KEY (author_id) REFERENCES public.authors(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.customer_links
    ADD CONSTRAINT pk_customer_links PRIMARY KEY (author_id);

ALTER TABLE ONLY public.email_deliveries
    ADD CONSTRAINT pk_email_deliveries PRIMARY KEY (id);

ALTER TABLE ONLY public.inbound_deliveries
    ADD CONSTRAINT pk_inbound_deliveries PRIMARY KEY (id);

ALTER TABLE ONLY public.labelled_examples
    ADD CONSTRAINT fk_labelled_examples_posts_post_id FOREIGN KEY (post_id) REFERENCES public.posts(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.labelled_examples
    ADD CONSTRAINT pk_labelled_examples PRIMARY KEY (id);

ALTER TABLE ONLY public.post_attachments
    ADD CONSTRAINT fk_post_attachments_posts_post_id FOREIGN KEY (post_id) REFERENCES public.posts(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.post_attachments
    ADD CONSTRAINT pk_post_attachments PRIMARY KEY (post_id, "position");

ALTER TABLE ONLY public.post_revisions
    ADD CONSTRAINT fk_post_revisions_posts_post_id FOREIGN KEY (post_id) REFERENCES public.posts(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.post_revisions
    ADD CONSTRAINT pk_post_revisions PRIMARY KEY (id);

ALTER TABLE ONLY public.posts
    ADD CONSTRAINT fk_posts_authors_author_id FOREIGN KEY (author_id) REFERENCES public.authors(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.posts
    ADD CONSTRAINT fk_posts_channels_channel_id FOREIGN KEY (channel_id) REFERENCES public.channels(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.posts
    ADD CONSTRAINT fk_posts_workspaces_workspace_id FOREIGN KEY (workspace_id) REFERENCES public.workspaces(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.posts
    ADD CONSTRAINT pk_posts PRIMARY KEY (id);

ALTER TABLE ONLY public.reclassify_jobs
    ADD CONSTRAINT pk_reclassify_jobs PRIMARY KEY (id);

ALTER TABLE ONLY public.routing_rules
    ADD CONSTRAINT fk_routing_rules_teams_team_id FOREIGN KEY (team_id) REFERENCES public.teams(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.routing_rules
    ADD CONSTRAINT fk_routing_rules_workspaces_workspace_id FOREIGN KEY (workspace_id) REFERENCES public.workspaces(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.routing_rules
    ADD CONSTRAINT pk_routing_rules PRIMARY KEY (id);

ALTER TABLE ONLY public.sla_policies
    ADD CONSTRAINT fk_sla_policies_business_calendars_calendar_id FOREIGN KEY (calendar_id) REFERENCES public.business_calendars(id) ON DELETE SET NULL;

ALTER TABLE ONLY public.sla_policies
    ADD CONSTRAINT fk_sla_policies_teams_team_id FOREIGN KEY (team_id) REFERENCES public.teams(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.sla_policies
    ADD CONSTRAINT fk_sla_policies_workspaces_workspace_id FOREIGN KEY (workspace_id) REFERENCES public.workspaces(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.sla_policies
    ADD CONSTRAINT pk_sla_policies PRIMARY KEY (id);

ALTER TABLE ONLY public.team_members
    ADD CONSTRAINT fk_team_members_teams_team_id FOREIGN KEY (team_id) REFERENCES public.teams(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.team_members
    ADD CONSTRAINT fk_team_members_users_user_id FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.team_members
    ADD CONSTRAINT pk_team_members PRIMARY KEY (team_id, user_id);

ALTER TABLE ONLY public.teams
    ADD CONSTRAINT fk_teams_workspaces_workspace_id FOREIGN KEY (workspace_id) REFERENCES public.workspaces(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.teams
    ADD CONSTRAINT pk_teams PRIMARY KEY (id);

ALTER TABLE ONLY public.topic_matches
    ADD CONSTRAINT fk_topic_matches_posts_post_id FOREIGN KEY (post_id) REFERENCES public.posts(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.topic_matches
    ADD CONSTRAINT fk_topic_matches_topics_topic_id FOREIGN KEY (topic_id) REFERENCES public.topics(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.topic_matches
    ADD CONSTRAINT pk_topic_matches PRIMARY KEY (post_id, topic_id);

ALTER TABLE ONLY public.topics
    ADD CONSTRAINT fk_topics_teams_team_id FOREIGN KEY (team_id) REFERENCES public.teams(id) ON DELETE SET NULL;

ALTER TABLE ONLY public.topics
    ADD CONSTRAINT fk_topics_workspaces_workspace_id FOREIGN KEY (workspace_id) REFERENCES public.workspaces(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.topics
    ADD CONSTRAINT pk_topics PRIMARY KEY (id);

ALTER TABLE ONLY public.trained_models
    ADD CONSTRAINT pk_trained_models PRIMARY KEY (version);

ALTER TABLE ONLY public.users
    ADD CONSTRAINT pk_users PRIMARY KEY (id);

ALTER TABLE ONLY public.webhook_deliveries
    ADD CONSTRAINT fk_webhook_deliveries_webhooks_webhook_id FOREIGN KEY (webhook_id) REFERENCES public.webhooks(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.webhook_deliveries
    ADD CONSTRAINT pk_webhook_deliveries PRIMARY KEY (id);

ALTER TABLE ONLY public.webhooks
    ADD CONSTRAINT fk_webhooks_teams_team_id FOREIGN KEY (team_id) REFERENCES public.teams(id) ON DELETE SET NULL;

ALTER TABLE ONLY public.webhooks
    ADD CONSTRAINT fk_webhooks_workspaces_workspace_id FOREIGN KEY (workspace_id) REFERENCES public.workspaces(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.webhooks
    ADD CONSTRAINT pk_webhooks PRIMARY KEY (id);

ALTER TABLE ONLY public.workspace_members
    ADD CONSTRAINT fk_workspace_members_users_user_id FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.workspace_members
    ADD CONSTRAINT fk_workspace_members_workspaces_workspace_id FOREIGN KEY (workspace_id) REFERENCES public.workspaces(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.workspace_members
    ADD CONSTRAINT pk_workspace_members PRIMARY KEY (workspace_id, user_id);

ALTER TABLE ONLY public.workspaces
    ADD CONSTRAINT pk_workspaces PRIMARY KEY (id);

CREATE INDEX ix_alert_events_alert_id_at ON public.alert_events USING btree (alert_id, at);

CREATE INDEX ix_alerts_incident_case_id ON public.alerts USING btree (incident_case_id);

CREATE INDEX ix_alerts_topic_id_kind_status ON public.alerts USING btree (topic_id, kind, status);

CREATE INDEX ix_alerts_workspace_id_status ON public.alerts USING btree (workspace_id, status);

CREATE INDEX ix_api_tokens_user_id ON public.api_tokens USING btree (user_id);

CREATE INDEX ix_audit_events_workspace_id_at ON public.audit_events USING btree (workspace_id, at);

CREATE INDEX ix_case_events_case_id_at ON public.case_events USING btree (case_id, at);

CREATE INDEX ix_case_events_kind_at ON public.case_events USING btree (kind, at);

CREATE INDEX ix_cases_assignee_id_status ON public.cases USING btree (assignee_id, status);

CREATE INDEX ix_cases_author_id_status ON public.cases USING btree (author_id, status);

CREATE INDEX ix_cases_channel_id_thread_external_id ON public.cases USING btree (channel_id, thread_external_id);

CREATE INDEX ix_cases_queued_assignee_id_rank_key ON public.cases USING btree (queued, assignee_id, rank_key);

CREATE INDEX ix_cases_queued_due_at ON public.cases USING btree (queued, due_at);

CREATE INDEX ix_cases_queued_rank_key ON public.cases USING btree (queued, rank_key);

CREATE INDEX ix_cases_team_id ON public.cases USING btree (team_id);

CREATE INDEX ix_cases_workspace_id_opened_at ON public.cases USING btree (workspace_id, opened_at);

CREATE INDEX ix_classifications_intent ON public.classifications USING btree (intent);

CREATE INDEX ix_classifications_sentiment ON public.classifications USING btree (sentiment);

CREATE INDEX ix_customer_links_customer_id ON public.customer_links USING btree (customer_id);

CREATE INDEX ix_email_deliveries_status_next_attempt_at ON public.email_deliveries USING btree (status, next_attempt_at);

CREATE INDEX ix_inbound_deliveries_processed_at_id ON public.inbound_deliveries USING btree (processed_at, id);

CREATE INDEX ix_labelled_examples_post_id_task_at ON public.labelled_examples USING btree (post_id, task, at);

CREATE INDEX ix_labelled_examples_task_at ON public.labelled_examples USING btree (task, at);

CREATE INDEX ix_post_revisions_post_id ON public.post_revisions USING btree (post_id);

CREATE INDEX ix_posts_author_id ON public.posts USING btree (author_id);

CREATE INDEX ix_posts_unfinished ON public.posts USING btree (id) WHERE (stage < 100);

CREATE INDEX ix_posts_workspace_id_created_at_id ON public.posts USING btree (workspace_id, created_at, id);

CREATE INDEX ix_reclassify_jobs_status_created_at ON public.reclassify_jobs USING btree (status, created_at);

CREATE INDEX ix_routing_rules_team_id ON public.routing_rules USING btree (team_id);

CREATE INDEX ix_sla_policies_calendar_id ON public.sla_policies USING btree (calendar_id);

CREATE INDEX ix_sla_policies_team_id ON public.sla_policies USING btree (team_id);

CREATE INDEX ix_team_members_user_id ON public.team_members USING btree (user_id);

CREATE INDEX ix_topic_matches_topic_id ON public.topic_matches USING btree (topic_id);

CREATE INDEX ix_topics_team_id ON public.topics USING btree (team_id);

CREATE INDEX ix_trained_models_task_is_active ON public.trained_models USING btree (task, is_active);

CREATE INDEX ix_webhook_deliveries_status_next_attempt_at ON public.webhook_deliveries USING btree (status, next_attempt_at);

CREATE INDEX ix_webhooks_team_id ON public.webhooks USING btree (team_id);

CREATE INDEX ix_webhooks_workspace_id ON public.webhooks USING btree (workspace_id);

CREATE INDEX ix_workspace_members_user_id ON public.workspace_members USING btree (user_id);

CREATE TABLE public."__EFMigrationsHistory" (
    "MigrationId" character varying(150) NOT NULL,
    "ProductVersion" character varying(32) NOT NULL
);

CREATE TABLE public.alert_events (
    id uuid NOT NULL,
    alert_id uuid NOT NULL,
    type character varying(48) NOT NULL,
    actor_id uuid,
    at timestamp with time zone NOT NULL,
    data_json text NOT NULL
);

CREATE TABLE public.alerts (
    id uuid NOT NULL,
    workspace_id uuid NOT NULL,
    topic_id uuid,
    kind character varying(32) NOT NULL,
    status character varying(16) NOT NULL,
    started_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    closed_at timestamp with time zone,
    count integer NOT NULL,
    details_json text NOT NULL,
    acknowledged_at timestamp with time zone,
    acknowledged_by uuid,
    snoozed_until timestamp with time zone,
    incident_case_id uuid
);

CREATE TABLE public.api_tokens (
    id uuid NOT NULL,
    user_id uuid NOT NULL,
    name character varying(200) NOT NULL,
    hash character varying(64) NOT NULL,
    prefix character varying(16) NOT NULL,
    scope character varying(16) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    last_used_at timestamp with time zone,
    revoked_at timestamp with time zone
);

CREATE TABLE public.audit_events (
    id uuid NOT NULL,
    workspace_id uuid,
    actor_id uuid,
    kind character varying(64) NOT NULL,
    data_json text NOT NULL,
    at timestamp with time zone NOT NULL
);

CREATE TABLE public.authors (
    id uuid NOT NULL,
    channel_id uuid NOT NULL,
    handle character varying(256) NOT NULL,
    display_name text,
    followers integer,
    profile_url text
);

CREATE TABLE public.business_calendars (
    id uuid NOT NULL,
    workspace_id uuid NOT NULL,
    name character varying(200) NOT NULL,
    time_zone character varying(64) NOT NULL,
    hours text[] NOT NULL,
    holidays text[] NOT NULL
);

CREATE TABLE public.canned_replies (
    id uuid NOT NULL,
    workspace_id uuid NOT NULL,
    name character varying(200) NOT NULL,
    body text NOT NULL
);

CREATE TABLE public.case_events (
    id uuid NOT NULL,
    case_id uuid NOT NULL,
    kind character varying(48) NOT NULL,
    actor_id uuid,
    post_id uuid,
    data_json text NOT NULL,
    at timestamp with time zone NOT NULL
);

CREATE TABLE public.case_posts (
    case_id uuid NOT NULL,
    post_id uuid NOT NULL,
    at timestamp with time zone NOT NULL
);

CREATE TABLE public.cases (
    id uuid NOT NULL,
    workspace_id uuid NOT NULL,
    team_id uuid,
    author_id uuid NOT NULL,
    assignee_id uuid,
    thread_external_id character varying(512),
    status character varying(24) NOT NULL,
    priority double precision NOT NULL,
    opened_at timestamp with time zone NOT NULL,
    first_response_due_at timestamp with time zone,
    resolution_due_at timestamp with time zone,
    first_responded_at timestamp with time zone,
    resolved_at timestamp with time zone,
    breached_due_at timestamp with time zone,
    breaches integer DEFAULT 0 NOT NULL,
    channel_id uuid DEFAULT '00000000-0000-0000-0000-000000000000'::uuid NOT NULL,
    due_at timestamp with time zone,
    intent character varying(32) DEFAULT ''::character varying NOT NULL,
    language character varying(16),
    last_customer_post_at timestamp with time zone,
    merged_into_id uuid,
    next_response_due_at timestamp with time zone,
    paused_at timestamp with time zone,
    queued boolean DEFAULT false NOT NULL,
    rank_key double precision DEFAULT 0.0 NOT NULL,
    routed_by character varying(240) DEFAULT ''::character varying NOT NULL,
    severity character varying(200) DEFAULT ''::character varying NOT NULL,
    sla_policy_id uuid,
    subject character varying(200) DEFAULT ''::character varying NOT NULL,
    tags text[] NOT NULL,
    updated_at timestamp with time zone DEFAULT '-infinity'::timestamp with time zone NOT NULL,
    waiting_since timestamp with time zone,
    deadline_boost double precision DEFAULT 0.0 NOT NULL
);

CREATE TABLE public.channels (
    id uuid NOT NULL,
    workspace_id uuid NOT NULL,
    kind character varying(32) NOT NULL,
    name character varying(200) NOT NULL,
    settings_json text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    cursor text,
    enabled boolean DEFAULT false NOT NULL,
    health_consecutive_failures integer DEFAULT 0 NOT NULL,
    health_last_error text,
    health_last_error_at timestamp with time zone,
    health_last_event_at timestamp with time zone,
    health_last_run_at timestamp with time zone,
    health_last_success_at timestamp with time zone,
    health_posts_received bigint DEFAULT 0 NOT NULL,
    health_rate_limit text,
    health_replies_sent bigint DEFAULT 0 NOT NULL
);

CREATE TABLE public.classifications (
    post_id uuid NOT NULL,
    sentiment_score double precision NOT NULL,
    sentiment character varying(16) NOT NULL,
    intent character varying(16) NOT NULL,
    severity text NOT NULL,
    aspects text NOT NULL,
    model_version text NOT NULL,
    explanation_json text NOT NULL,
    classified_at timestamp with time zone NOT NULL
);

CREATE TABLE public.customer_links (
    author_id uuid NOT NULL,
    customer_id uuid NOT NULL
);

CREATE TABLE public.email_deliveries (
    id uuid NOT NULL,
    event_id uuid NOT NULL,
    event_type character varying(48) NOT NULL,
    alert_id uuid,
    recipients character varying(2000) NOT NULL,
    subject character varying(500) NOT NULL,
    text_body text NOT NULL,
    status character varying(16) NOT NULL,
    attempts integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    next_attempt_at timestamp with time zone NOT NULL,
    delivered_at timestamp with time zone,
    last_error character varying(1000)
);

CREATE TABLE public.inbound_deliveries (
    id uuid NOT NULL,
    source character varying(32) NOT NULL,
    body_hash character varying(64) NOT NULL,
    body text NOT NULL,
    received_at timestamp with time zone NOT NULL,
    processed_at timestamp with time zone,
    attempts integer NOT NULL,
    last_error character varying(2000)
);

CREATE TABLE public.labelled_examples (
    id uuid NOT NULL,
    post_id uuid NOT NULL,
    task character varying(16) NOT NULL,
    label character varying(32) NOT NULL,
    user_id uuid,
    at timestamp with time zone NOT NULL
);

CREATE TABLE public.post_attachments (
    post_id uuid NOT NULL,
    "position" integer NOT NULL,
    file_name character varying(512) NOT NULL,
    content_type character varying(255) NOT NULL,
    size bigint NOT NULL,
    sha256 character varying(64) NOT NULL,
    too_large boolean NOT NULL,
    content bytea
);

CREATE TABLE public.post_revisions (
    id uuid NOT NULL,
    post_id uuid NOT NULL,
    text text NOT NULL,
    raw_payload text NOT NULL,
    replaced_at timestamp with time zone NOT NULL
);

CREATE TABLE public.posts (
    id uuid NOT NULL,
    workspace_id uuid NOT NULL,
    channel_id uuid NOT NULL,
    external_id character varying(512) NOT NULL,
    author_id uuid NOT NULL,
    text text NOT NULL,
    language character varying(16),
    created_at timestamp with time zone NOT NULL,
    received_at timestamp with time zone NOT NULL,
    edited_at timestamp with time zone,
    url text,
    in_reply_to_external_id character varying(512),
    thread_external_id character varying(512),
    is_brand boolean NOT NULL,
    is_deleted boolean NOT NULL,
    raw_payload text NOT NULL,
    stage integer NOT NULL
);

CREATE TABLE public.reclassify_jobs (
    id uuid NOT NULL,
    reason character varying(300) NOT NULL,
    status character varying(16) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    started_at timestamp with time zone,
    finished_at timestamp with time zone,
    total integer NOT NULL,
    done integer NOT NULL,
    cursor uuid,
    error character varying(2000)
);

CREATE TABLE public.routing_rules (
    id uuid NOT NULL,
    workspace_id uuid NOT NULL,
    "position" integer NOT NULL,
    name character varying(200) NOT NULL,
    team_id uuid NOT NULL,
    topic_ids uuid[] NOT NULL,
    intents text[] NOT NULL,
    severities text[] NOT NULL,
    channel_kinds text[] NOT NULL,
    languages text[] NOT NULL,
    enabled boolean NOT NULL
);

CREATE TABLE public.sla_policies (
    id uuid NOT NULL,
    workspace_id uuid NOT NULL,
    name character varying(200) NOT NULL,
    team_id uuid,
    intent character varying(32),
    first_response_minutes integer NOT NULL,
    next_response_minutes integer NOT NULL,
    resolution_minutes integer NOT NULL,
    calendar_id uuid
);

CREATE TABLE public.team_members (
    team_id uuid NOT NULL,
    user_id uuid NOT NULL,
    is_lead boolean NOT NULL
);

CREATE TABLE public.teams (
    id uuid NOT NULL,
    workspace_id uuid NOT NULL,
    name character varying(200) NOT NULL,
    assignment character varying(24) DEFAULT ''::character varying NOT NULL,
    last_assigned_user_id uuid,
    alert_email character varying(320)
);

CREATE TABLE public.topic_matches (
    post_id uuid NOT NULL,
    topic_id uuid NOT NULL,
    matched_at timestamp with time zone NOT NULL
);

CREATE TABLE public.topics (
    id uuid NOT NULL,
    workspace_id uuid NOT NULL,
    name character varying(200) NOT NULL,
    query text NOT NULL,
    team_id uuid,
    created_at timestamp with time zone NOT NULL,
    sensitivity character varying(16) DEFAULT ''::character varying NOT NULL
);

CREATE TABLE public.trained_models (
    version integer NOT NULL,
    task character varying(16) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    source character varying(300) NOT NULL,
    train_count integer NOT NULL,
    test_count integer NOT NULL,
    accuracy double precision NOT NULL,
    macro_f1 double precision NOT NULL,
    baseline_accuracy double precision NOT NULL,
    baseline character varying(100) NOT NULL,
    is_active boolean NOT NULL,
    content bytea NOT NULL
);

CREATE TABLE public.users (
    id uuid NOT NULL,
    email character varying(320) NOT NULL,
    display_name text NOT NULL,
    role character varying(16) NOT NULL,
    password_hash text,
    created_at timestamp with time zone NOT NULL,
    available boolean DEFAULT false NOT NULL,
    capacity integer DEFAULT 0 NOT NULL,
    failed_logins integer DEFAULT 0 NOT NULL,
    locked_until timestamp with time zone
);

CREATE TABLE public.webhook_deliveries (
    id uuid NOT NULL,
    webhook_id uuid NOT NULL,
    event_id uuid NOT NULL,
    event_type character varying(48) NOT NULL,
    alert_id uuid,
    body text NOT NULL,
    status character varying(16) NOT NULL,
    attempts integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    next_attempt_at timestamp with time zone NOT NULL,
    delivered_at timestamp with time zone,
    last_status_code integer,
    last_error character varying(1000)
);

CREATE TABLE public.webhooks (
    id uuid NOT NULL,
    workspace_id uuid NOT NULL,
    url character varying(2048) NOT NULL,
    secret_protected text NOT NULL,
    events character varying(512) NOT NULL,
    team_id uuid,
    format character varying(16) NOT NULL,
    created_at timestamp with time zone NOT NULL
);

CREATE TABLE public.workspace_members (
    workspace_id uuid NOT NULL,
    user_id uuid NOT NULL
);

CREATE TABLE public.workspaces (
    id uuid NOT NULL,
    name character varying(200) NOT NULL,
    brand_names text[] NOT NULL,
    competitor_names text[] NOT NULL,
    created_at timestamp with time zone NOT NULL,
    case_policy_json text DEFAULT ''::text NOT NULL,
    fallback_team_id uuid
);

CREATE UNIQUE INDEX ix_api_tokens_hash ON public.api_tokens USING btree (hash);

CREATE UNIQUE INDEX ix_authors_channel_id_handle ON public.authors USING btree (channel_id, handle);

CREATE UNIQUE INDEX ix_business_calendars_workspace_id_name ON public.business_calendars USING btree (workspace_id, name);

CREATE UNIQUE INDEX ix_canned_replies_workspace_id_name ON public.canned_replies USING btree (workspace_id, name);

CREATE UNIQUE INDEX ix_case_posts_post_id ON public.case_posts USING btree (post_id);

CREATE UNIQUE INDEX ix_channels_workspace_id_kind_name ON public.channels USING btree (workspace_id, kind, name);

CREATE UNIQUE INDEX ix_email_deliveries_event_id ON public.email_deliveries USING btree (event_id);

CREATE UNIQUE INDEX ix_inbound_deliveries_source_body_hash ON public.inbound_deliveries USING btree (source, body_hash);

CREATE UNIQUE INDEX ix_posts_channel_id_external_id ON public.posts USING btree (channel_id, external_id);

CREATE UNIQUE INDEX ix_routing_rules_workspace_id_name ON public.routing_rules USING btree (workspace_id, name);

CREATE UNIQUE INDEX ix_sla_policies_workspace_id_name ON public.sla_policies USING btree (workspace_id, name);

CREATE UNIQUE INDEX ix_teams_workspace_id_name ON public.teams USING btree (workspace_id, name);

CREATE UNIQUE INDEX ix_topics_workspace_id_name ON public.topics USING btree (workspace_id, name);

CREATE UNIQUE INDEX ix_users_email ON public.users USING btree (email);

CREATE UNIQUE INDEX ix_webhook_deliveries_webhook_id_event_id ON public.webhook_deliveries USING btree (webhook_id, event_id);

CREATE UNIQUE INDEX ix_workspaces_name ON public.workspaces USING btree (name);
