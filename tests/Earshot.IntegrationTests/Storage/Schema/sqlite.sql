-- index ix_alert_events_alert_id_at on alert_events
CREATE INDEX "ix_alert_events_alert_id_at" ON "alert_events" ("alert_id", "at");

-- index ix_alerts_incident_case_id on alerts
CREATE INDEX "ix_alerts_incident_case_id" ON "alerts" ("incident_case_id");

-- index ix_alerts_topic_id_kind_status on alerts
CREATE INDEX "ix_alerts_topic_id_kind_status" ON "alerts" ("topic_id", "kind", "status");

-- index ix_alerts_workspace_id_status on alerts
CREATE INDEX "ix_alerts_workspace_id_status" ON "alerts" ("workspace_id", "status");

-- index ix_api_tokens_hash on api_tokens
CREATE UNIQUE INDEX "ix_api_tokens_hash" ON "api_tokens" ("hash");

-- index ix_api_tokens_user_id on api_tokens
CREATE INDEX "ix_api_tokens_user_id" ON "api_tokens" ("user_id");

-- index ix_audit_events_workspace_id_at on audit_events
CREATE INDEX "ix_audit_events_workspace_id_at" ON "audit_events" ("workspace_id", "at");

-- index ix_authors_channel_id_handle on authors
CREATE UNIQUE INDEX "ix_authors_channel_id_handle" ON "authors" ("channel_id", "handle");

-- index ix_business_calendars_workspace_id_name on business_calendars
CREATE UNIQUE INDEX "ix_business_calendars_workspace_id_name" ON "business_calendars" ("workspace_id", "name");

-- index ix_canned_replies_workspace_id_name on canned_replies
CREATE UNIQUE INDEX "ix_canned_replies_workspace_id_name" ON "canned_replies" ("workspace_id", "name");

-- index ix_case_events_case_id_at on case_events
CREATE INDEX "ix_case_events_case_id_at" ON "case_events" ("case_id", "at");

-- index ix_case_events_kind_at on case_events
CREATE INDEX "ix_case_events_kind_at" ON "case_events" ("kind", "at");

-- index ix_case_posts_post_id on case_posts
CREATE UNIQUE INDEX "ix_case_posts_post_id" ON "case_posts" ("post_id");

-- index ix_cases_assignee_id_status on cases
CREATE INDEX "ix_cases_assignee_id_status" ON "cases" ("assignee_id", "status");

-- index ix_cases_author_id_status on cases
CREATE INDEX "ix_cases_author_id_status" ON "cases" ("author_id", "status");

-- index ix_cases_channel_id_thread_external_id on cases
CREATE INDEX "ix_cases_channel_id_thread_external_id" ON "cases" ("channel_id", "thread_external_id");

-- index ix_cases_queued_assignee_id_rank_key on cases
CREATE INDEX "ix_cases_queued_assignee_id_rank_key" ON "cases" ("queued", "assignee_id", "rank_key");

-- index ix_cases_queued_due_at on cases
CREATE INDEX "ix_cases_queued_due_at" ON "cases" ("queued", "due_at");

-- index ix_cases_queued_rank_key on cases
CREATE INDEX "ix_cases_queued_rank_key" ON "cases" ("queued", "rank_key");

-- index ix_cases_team_id on cases
CREATE INDEX "ix_cases_team_id" ON "cases" ("team_id");

-- index ix_cases_workspace_id_opened_at on cases
CREATE INDEX "ix_cases_workspace_id_opened_at" ON "cases" ("workspace_id", "opened_at");

-- index ix_channels_workspace_id_kind_name on channels
CREATE UNIQUE INDEX "ix_channels_workspace_id_kind_name" ON "channels" ("workspace_id", "kind", "name");

-- index ix_classifications_intent on classifications
CREATE INDEX "ix_classifications_intent" ON "classifications" ("intent");

-- index ix_classifications_sentiment on classifications
CREATE INDEX "ix_classifications_sentiment" ON "classifications" ("sentiment");

-- index ix_customer_links_customer_id on customer_links
CREATE INDEX "ix_customer_links_customer_id" ON "customer_links" ("customer_id");

-- index ix_email_deliveries_event_id on email_deliveries
CREATE UNIQUE INDEX "ix_email_deliveries_event_id" ON "email_deliveries" ("event_id");

-- index ix_email_deliveries_status_next_attempt_at on email_deliveries
CREATE INDEX "ix_email_deliveries_status_next_attempt_at" ON "email_deliveries" ("status", "next_attempt_at");

-- index ix_inbound_deliveries_processed_at_id on inbound_deliveries
CREATE INDEX "ix_inbound_deliveries_processed_at_id" ON "inbound_deliveries" ("processed_at", "id");

-- index ix_inbound_deliveries_source_body_hash on inbound_deliveries
CREATE UNIQUE INDEX "ix_inbound_deliveries_source_body_hash" ON "inbound_deliveries" ("source", "body_hash");

-- index ix_labelled_examples_post_id_task_at on labelled_examples
CREATE INDEX "ix_labelled_examples_post_id_task_at" ON "labelled_examples" ("post_id", "task", "at");

-- index ix_labelled_examples_task_at on labelled_examples
CREATE INDEX "ix_labelled_examples_task_at" ON "labelled_examples" ("task", "at");

-- index ix_post_revisions_post_id on post_revisions
CREATE INDEX "ix_post_revisions_post_id" ON "post_revisions" ("post_id");

-- index ix_posts_author_id on posts
CREATE INDEX "ix_posts_author_id" ON "posts" ("author_id");

-- index ix_posts_channel_id_external_id on posts
CREATE UNIQUE INDEX "ix_posts_channel_id_external_id" ON "posts" ("channel_id", "external_id");

-- index ix_posts_unfinished on posts
CREATE INDEX "ix_posts_unfinished" ON "posts" ("id") WHERE stage < 100;

-- index ix_posts_workspace_id_created_at_id on posts
CREATE INDEX "ix_posts_workspace_id_created_at_id" ON "posts" ("workspace_id", "created_at", "id");

-- index ix_reclassify_jobs_status_created_at on reclassify_jobs
CREATE INDEX "ix_reclassify_jobs_status_created_at" ON "reclassify_jobs" ("status", "created_at");

-- index ix_routing_rules_team_id on routing_rules
CREATE INDEX "ix_routing_rules_team_id" ON "routing_rules" ("team_id");

-- index ix_routing_rules_workspace_id_name on routing_rules
CREATE UNIQUE INDEX "ix_routing_rules_workspace_id_name" ON "routing_rules" ("workspace_id", "name");

-- index ix_sla_policies_calendar_id on sla_policies
CREATE INDEX "ix_sla_policies_calendar_id" ON "sla_policies" ("calendar_id");

-- index ix_sla_policies_team_id on sla_policies
CREATE INDEX "ix_sla_policies_team_id" ON "sla_policies" ("team_id");

-- index ix_sla_policies_workspace_id_name on sla_policies
CREATE UNIQUE INDEX "ix_sla_policies_workspace_id_name" ON "sla_policies" ("workspace_id", "name");

-- index ix_team_members_user_id on team_members
CREATE INDEX "ix_team_members_user_id" ON "team_members" ("user_id");

-- index ix_teams_workspace_id_name on teams
CREATE UNIQUE INDEX "ix_teams_workspace_id_name" ON "teams" ("workspace_id", "name");

-- index ix_topic_matches_topic_id on topic_matches
CREATE INDEX "ix_topic_matches_topic_id" ON "topic_matches" ("topic_id");

-- index ix_topics_team_id on topics
CREATE INDEX "ix_topics_team_id" ON "topics" ("team_id");

-- index ix_topics_workspace_id_name on topics
CREATE UNIQUE INDEX "ix_topics_workspace_id_name" ON "topics" ("workspace_id", "name");

-- index ix_trained_models_task_is_active on trained_models
CREATE INDEX "ix_trained_models_task_is_active" ON "trained_models" ("task", "is_active");

-- index ix_users_email on users
CREATE UNIQUE INDEX "ix_users_email" ON "users" ("email");

-- index ix_webhook_deliveries_status_next_attempt_at on webhook_deliveries
CREATE INDEX "ix_webhook_deliveries_status_next_attempt_at" ON "webhook_deliveries" ("status", "next_attempt_at");

-- index ix_webhook_deliveries_webhook_id_event_id on webhook_deliveries
CREATE UNIQUE INDEX "ix_webhook_deliveries_webhook_id_event_id" ON "webhook_deliveries" ("webhook_id", "event_id");

-- index ix_webhooks_team_id on webhooks
CREATE INDEX "ix_webhooks_team_id" ON "webhooks" ("team_id");

-- index ix_webhooks_workspace_id on webhooks
CREATE INDEX "ix_webhooks_workspace_id" ON "webhooks" ("workspace_id");

-- index ix_workspace_members_user_id on workspace_members
CREATE INDEX "ix_workspace_members_user_id" ON "workspace_members" ("user_id");

-- index ix_workspaces_name on workspaces
CREATE UNIQUE INDEX "ix_workspaces_name" ON "workspaces" ("name");

-- index sqlite_autoindex___EFMigrationsHistory_1 on __EFMigrationsHistory

-- index sqlite_autoindex_alert_events_1 on alert_events

-- index sqlite_autoindex_alerts_1 on alerts

-- index sqlite_autoindex_api_tokens_1 on api_tokens

-- index sqlite_autoindex_audit_events_1 on audit_events

-- index sqlite_autoindex_authors_1 on authors

-- index sqlite_autoindex_business_calendars_1 on business_calendars

-- index sqlite_autoindex_canned_replies_1 on canned_replies

-- index sqlite_autoindex_case_events_1 on case_events

-- index sqlite_autoindex_case_posts_1 on case_posts

-- index sqlite_autoindex_cases_1 on cases

-- index sqlite_autoindex_channels_1 on channels

-- index sqlite_autoindex_classifications_1 on classifications

-- index sqlite_autoindex_customer_links_1 on customer_links

-- index sqlite_autoindex_email_deliveries_1 on email_deliveries

-- index sqlite_autoindex_inbound_deliveries_1 on inbound_deliveries

-- index sqlite_autoindex_labelled_examples_1 on labelled_examples

-- index sqlite_autoindex_post_attachments_1 on post_attachments

-- index sqlite_autoindex_post_revisions_1 on post_revisions

-- index sqlite_autoindex_posts_1 on posts

-- index sqlite_autoindex_reclassify_jobs_1 on reclassify_jobs

-- index sqlite_autoindex_routing_rules_1 on routing_rules

-- index sqlite_autoindex_sla_policies_1 on sla_policies

-- index sqlite_autoindex_team_members_1 on team_members

-- index sqlite_autoindex_teams_1 on teams

-- index sqlite_autoindex_topic_matches_1 on topic_matches

-- index sqlite_autoindex_topics_1 on topics

-- index sqlite_autoindex_users_1 on users

-- index sqlite_autoindex_webhook_deliveries_1 on webhook_deliveries

-- index sqlite_autoindex_webhooks_1 on webhooks

-- index sqlite_autoindex_workspace_members_1 on workspace_members

-- index sqlite_autoindex_workspaces_1 on workspaces

-- table __EFMigrationsHistory on __EFMigrationsHistory
CREATE TABLE "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

-- table __EFMigrationsLock on __EFMigrationsLock
CREATE TABLE "__EFMigrationsLock" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY,
    "Timestamp" TEXT NOT NULL
);

-- table alert_events on alert_events
CREATE TABLE "alert_events" (
    "id" TEXT NOT NULL CONSTRAINT "pk_alert_events" PRIMARY KEY,
    "alert_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "actor_id" TEXT NULL,
    "at" TEXT NOT NULL,
    "data_json" TEXT NOT NULL,
    CONSTRAINT "fk_alert_events_alerts_alert_id" FOREIGN KEY ("alert_id") REFERENCES "alerts" ("id") ON DELETE CASCADE
);

-- table alerts on alerts
CREATE TABLE "alerts" (
    "id" TEXT NOT NULL CONSTRAINT "pk_alerts" PRIMARY KEY,
    "acknowledged_at" TEXT NULL,
    "acknowledged_by" TEXT NULL,
    "closed_at" TEXT NULL,
    "count" INTEGER NOT NULL,
    "details_json" TEXT NOT NULL,
    "incident_case_id" TEXT NULL,
    "kind" TEXT NOT NULL,
    "snoozed_until" TEXT NULL,
    "started_at" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "topic_id" TEXT NULL,
    "updated_at" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    CONSTRAINT "fk_alerts_cases_incident_case_id" FOREIGN KEY ("incident_case_id") REFERENCES "cases" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_alerts_topics_topic_id" FOREIGN KEY ("topic_id") REFERENCES "topics" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_alerts_workspaces_workspace_id" FOREIGN KEY ("workspace_id") REFERENCES "workspaces" ("id") ON DELETE CASCADE
);

-- table api_tokens on api_tokens
CREATE TABLE "api_tokens" (
    "id" TEXT NOT NULL CONSTRAINT "pk_api_tokens" PRIMARY KEY,
    "user_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "last_used_at" TEXT NULL,
    "revoked_at" TEXT NULL,
    CONSTRAINT "fk_api_tokens_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

-- table audit_events on audit_events
CREATE TABLE "audit_events" (
    "id" TEXT NOT NULL CONSTRAINT "pk_audit_events" PRIMARY KEY,
    "workspace_id" TEXT NULL,
    "actor_id" TEXT NULL,
    "kind" TEXT NOT NULL,
    "data_json" TEXT NOT NULL,
    "at" TEXT NOT NULL
);

-- table authors on authors
CREATE TABLE "authors" (
    "id" TEXT NOT NULL CONSTRAINT "pk_authors" PRIMARY KEY,
    "channel_id" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "display_name" TEXT NULL,
    "followers" INTEGER NULL,
    "profile_url" TEXT NULL,
    CONSTRAINT "fk_authors_channels_channel_id" FOREIGN KEY ("channel_id") REFERENCES "channels" ("id") ON DELETE CASCADE
);

-- table business_calendars on business_calendars
CREATE TABLE "business_calendars" (
    "id" TEXT NOT NULL CONSTRAINT "pk_business_calendars" PRIMARY KEY,
    "workspace_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "time_zone" TEXT NOT NULL,
    "hours" TEXT NOT NULL,
    "holidays" TEXT NOT NULL,
    CONSTRAINT "fk_business_calendars_workspaces_workspace_id" FOREIGN KEY ("workspace_id") REFERENCES "workspaces" ("id") ON DELETE CASCADE
);

-- table canned_replies on canned_replies
CREATE TABLE "canned_replies" (
    "id" TEXT NOT NULL CONSTRAINT "pk_canned_replies" PRIMARY KEY,
    "workspace_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    CONSTRAINT "fk_canned_replies_workspaces_workspace_id" FOREIGN KEY ("workspace_id") REFERENCES "workspaces" ("id") ON DELETE CASCADE
);

-- table case_events on case_events
CREATE TABLE "case_events" (
    "id" TEXT NOT NULL CONSTRAINT "pk_case_events" PRIMARY KEY,
    "case_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "actor_id" TEXT NULL,
    "post_id" TEXT NULL,
    "data_json" TEXT NOT NULL,
    "at" TEXT NOT NULL,
    CONSTRAINT "fk_case_events_cases_case_id" FOREIGN KEY ("case_id") REFERENCES "cases" ("id") ON DELETE CASCADE
);

-- table case_posts on case_posts
CREATE TABLE "case_posts" (
    "case_id" TEXT NOT NULL,
    "post_id" TEXT NOT NULL,
    "at" TEXT NOT NULL,
    CONSTRAINT "pk_case_posts" PRIMARY KEY ("case_id", "post_id"),
    CONSTRAINT "fk_case_posts_cases_case_id" FOREIGN KEY ("case_id") REFERENCES "cases" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_case_posts_posts_post_id" FOREIGN KEY ("post_id") REFERENCES "posts" ("id") ON DELETE CASCADE
);

-- table cases on cases
CREATE TABLE "cases" (
    "id" TEXT NOT NULL CONSTRAINT "pk_cases" PRIMARY KEY,
    "assignee_id" TEXT NULL,
    "author_id" TEXT NOT NULL,
    "breached_due_at" TEXT NULL,
    "breaches" INTEGER NOT NULL,
    "channel_id" TEXT NOT NULL,
    "due_at" TEXT NULL,
    "first_responded_at" TEXT NULL,
    "first_response_due_at" TEXT NULL,
    "intent" TEXT NOT NULL,
    "language" TEXT NULL,
    "last_customer_post_at" TEXT NULL,
    "merged_into_id" TEXT NULL,
    "next_response_due_at" TEXT NULL,
    "opened_at" TEXT NOT NULL,
    "paused_at" TEXT NULL,
    "priority" REAL NOT NULL,
    "queued" INTEGER NOT NULL,
    "rank_key" REAL NOT NULL,
    "resolution_due_at" TEXT NULL,
    "resolved_at" TEXT NULL,
    "routed_by" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "sla_policy_id" TEXT NULL,
    "status" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "tags" TEXT NOT NULL,
    "team_id" TEXT NULL,
    "thread_external_id" TEXT NULL,
    "updated_at" TEXT NOT NULL,
    "waiting_since" TEXT NULL,
    "workspace_id" TEXT NOT NULL, "deadline_boost" REAL NOT NULL DEFAULT 0.0,
    CONSTRAINT "fk_cases_authors_author_id" FOREIGN KEY ("author_id") REFERENCES "authors" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_cases_channels_channel_id" FOREIGN KEY ("channel_id") REFERENCES "channels" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_cases_teams_team_id" FOREIGN KEY ("team_id") REFERENCES "teams" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_cases_users_assignee_id" FOREIGN KEY ("assignee_id") REFERENCES "users" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_cases_workspaces_workspace_id" FOREIGN KEY ("workspace_id") REFERENCES "workspaces" ("id") ON DELETE CASCADE
);

-- table channels on channels
CREATE TABLE "channels" (
    "id" TEXT NOT NULL CONSTRAINT "pk_channels" PRIMARY KEY,
    "workspace_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "settings_json" TEXT NOT NULL,
    "created_at" TEXT NOT NULL, "cursor" TEXT NULL, "enabled" INTEGER NOT NULL DEFAULT 0, "health_consecutive_failures" INTEGER NOT NULL DEFAULT 0, "health_last_error" TEXT NULL, "health_last_error_at" TEXT NULL, "health_last_event_at" TEXT NULL, "health_last_run_at" TEXT NULL, "health_last_success_at" TEXT NULL, "health_posts_received" INTEGER NOT NULL DEFAULT 0, "health_rate_limit" TEXT NULL, "health_replies_sent" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "fk_channels_workspaces_workspace_id" FOREIGN KEY ("workspace_id") REFERENCES "workspaces" ("id") ON DELETE CASCADE
);

-- table classifications on classifications
CREATE TABLE "classifications" (
    "post_id" TEXT NOT NULL CONSTRAINT "pk_classifications" PRIMARY KEY,
    "sentiment_score" REAL NOT NULL,
    "sentiment" TEXT NOT NULL,
    "intent" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "aspects" TEXT NOT NULL,
    "model_version" TEXT NOT NULL,
    "explanation_json" TEXT NOT NULL,
    "classified_at" TEXT NOT NULL,
    CONSTRAINT "fk_classifications_posts_post_id" FOREIGN KEY ("post_id") REFERENCES "posts" ("id") ON DELETE CASCADE
);

-- table customer_links on customer_links
CREATE TABLE "customer_links" (
    "author_id" TEXT NOT NULL CONSTRAINT "pk_customer_links" PRIMARY KEY,
    "customer_id" TEXT NOT NULL,
    CONSTRAINT "fk_customer_links_authors_author_id" FOREIGN KEY ("author_id") REFERENCES "authors" ("id") ON DELETE CASCADE
);

-- table email_deliveries on email_deliveries
CREATE TABLE "email_deliveries" (
    "id" TEXT NOT NULL CONSTRAINT "pk_email_deliveries" PRIMARY KEY,
    "event_id" TEXT NOT NULL,
    "event_type" TEXT NOT NULL,
    "alert_id" TEXT NULL,
    "recipients" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text_body" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    "next_attempt_at" TEXT NOT NULL,
    "delivered_at" TEXT NULL,
    "last_error" TEXT NULL
);

-- table inbound_deliveries on inbound_deliveries
CREATE TABLE "inbound_deliveries" (
    "id" TEXT NOT NULL CONSTRAINT "pk_inbound_deliveries" PRIMARY KEY,
    "source" TEXT NOT NULL,
    "body_hash" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "received_at" TEXT NOT NULL,
    "processed_at" TEXT NULL,
    "attempts" INTEGER NOT NULL,
    "last_error" TEXT NULL
);

-- table labelled_examples on labelled_examples
CREATE TABLE "labelled_examples" (
    "id" TEXT NOT NULL CONSTRAINT "pk_labelled_examples" PRIMARY KEY,
    "post_id" TEXT NOT NULL,
    "task" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "user_id" TEXT NULL,
    "at" TEXT NOT NULL,
    CONSTRAINT "fk_labelled_examples_posts_post_id" FOREIGN KEY ("post_id") REFERENCES "posts" ("id") ON DELETE CASCADE
);

-- table post_attachments on post_attachments
CREATE TABLE "post_attachments" (
    "post_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "too_large" INTEGER NOT NULL,
    "content" BLOB NULL,
    CONSTRAINT "pk_post_attachments" PRIMARY KEY ("post_id", "position"),
    CONSTRAINT "fk_post_attachments_posts_post_id" FOREIGN KEY ("post_id") REFERENCES "posts" ("id") ON DELETE CASCADE
);

-- table post_revisions on post_revisions
CREATE TABLE "post_revisions" (
    "id" TEXT NOT NULL CONSTRAINT "pk_post_revisions" PRIMARY KEY,
    "post_id" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "raw_payload" TEXT NOT NULL,
    "replaced_at" TEXT NOT NULL,
    CONSTRAINT "fk_post_revisions_posts_post_id" FOREIGN KEY ("post_id") REFERENCES "posts" ("id") ON DELETE CASCADE
);

-- table posts on posts
CREATE TABLE "posts" (
    "id" TEXT NOT NULL CONSTRAINT "pk_posts" PRIMARY KEY,
    "workspace_id" TEXT NOT NULL,
    "channel_id" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "author_id" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "language" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "received_at" TEXT NOT NULL,
    "edited_at" TEXT NULL,
    "url" TEXT NULL,
    "in_reply_to_external_id" TEXT NULL,
    "thread_external_id" TEXT NULL,
    "is_brand" INTEGER NOT NULL,
    "is_deleted" INTEGER NOT NULL,
    "raw_payload" TEXT NOT NULL,
    "stage" INTEGER NOT NULL,
    CONSTRAINT "fk_posts_authors_author_id" FOREIGN KEY ("author_id") REFERENCES "authors" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_posts_channels_channel_id" FOREIGN KEY ("channel_id") REFERENCES "channels" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_posts_workspaces_workspace_id" FOREIGN KEY ("workspace_id") REFERENCES "workspaces" ("id") ON DELETE CASCADE
);

-- table reclassify_jobs on reclassify_jobs
CREATE TABLE "reclassify_jobs" (
    "id" TEXT NOT NULL CONSTRAINT "pk_reclassify_jobs" PRIMARY KEY,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "started_at" TEXT NULL,
    "finished_at" TEXT NULL,
    "total" INTEGER NOT NULL,
    "done" INTEGER NOT NULL,
    "cursor" TEXT NULL,
    "error" TEXT NULL
);

-- table routing_rules on routing_rules
CREATE TABLE "routing_rules" (
    "id" TEXT NOT NULL CONSTRAINT "pk_routing_rules" PRIMARY KEY,
    "workspace_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "team_id" TEXT NOT NULL,
    "topic_ids" TEXT NOT NULL,
    "intents" TEXT NOT NULL,
    "severities" TEXT NOT NULL,
    "channel_kinds" TEXT NOT NULL,
    "languages" TEXT NOT NULL,
    "enabled" INTEGER NOT NULL,
    CONSTRAINT "fk_routing_rules_teams_team_id" FOREIGN KEY ("team_id") REFERENCES "teams" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_routing_rules_workspaces_workspace_id" FOREIGN KEY ("workspace_id") REFERENCES "workspaces" ("id") ON DELETE CASCADE
);

-- table sla_policies on sla_policies
CREATE TABLE "sla_policies" (
    "id" TEXT NOT NULL CONSTRAINT "pk_sla_policies" PRIMARY KEY,
    "workspace_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "team_id" TEXT NULL,
    "intent" TEXT NULL,
    "first_response_minutes" INTEGER NOT NULL,
    "next_response_minutes" INTEGER NOT NULL,
    "resolution_minutes" INTEGER NOT NULL,
    "calendar_id" TEXT NULL,
    CONSTRAINT "fk_sla_policies_business_calendars_calendar_id" FOREIGN KEY ("calendar_id") REFERENCES "business_calendars" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_sla_policies_teams_team_id" FOREIGN KEY ("team_id") REFERENCES "teams" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_sla_policies_workspaces_workspace_id" FOREIGN KEY ("workspace_id") REFERENCES "workspaces" ("id") ON DELETE CASCADE
);

-- table team_members on team_members
CREATE TABLE "team_members" (
    "team_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "is_lead" INTEGER NOT NULL,
    CONSTRAINT "pk_team_members" PRIMARY KEY ("team_id", "user_id"),
    CONSTRAINT "fk_team_members_teams_team_id" FOREIGN KEY ("team_id") REFERENCES "teams" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_team_members_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

-- table teams on teams
CREATE TABLE "teams" (
    "id" TEXT NOT NULL CONSTRAINT "pk_teams" PRIMARY KEY,
    "workspace_id" TEXT NOT NULL,
    "name" TEXT NOT NULL, "assignment" TEXT NOT NULL DEFAULT '', "last_assigned_user_id" TEXT NULL, "alert_email" TEXT NULL,
    CONSTRAINT "fk_teams_workspaces_workspace_id" FOREIGN KEY ("workspace_id") REFERENCES "workspaces" ("id") ON DELETE CASCADE
);

-- table topic_matches on topic_matches
CREATE TABLE "topic_matches" (
    "post_id" TEXT NOT NULL,
    "topic_id" TEXT NOT NULL,
    "matched_at" TEXT NOT NULL,
    CONSTRAINT "pk_topic_matches" PRIMARY KEY ("post_id", "topic_id"),
    CONSTRAINT "fk_topic_matches_posts_post_id" FOREIGN KEY ("post_id") REFERENCES "posts" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_topic_matches_topics_topic_id" FOREIGN KEY ("topic_id") REFERENCES "topics" ("id") ON DELETE CASCADE
);

-- table topics on topics
CREATE TABLE "topics" (
    "id" TEXT NOT NULL CONSTRAINT "pk_topics" PRIMARY KEY,
    "workspace_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "team_id" TEXT NULL,
    "created_at" TEXT NOT NULL, "sensitivity" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "fk_topics_teams_team_id" FOREIGN KEY ("team_id") REFERENCES "teams" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_topics_workspaces_workspace_id" FOREIGN KEY ("workspace_id") REFERENCES "workspaces" ("id") ON DELETE CASCADE
);

-- table trained_models on trained_models
CREATE TABLE "trained_models" (
    "version" INTEGER NOT NULL CONSTRAINT "pk_trained_models" PRIMARY KEY,
    "task" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "train_count" INTEGER NOT NULL,
    "test_count" INTEGER NOT NULL,
    "accuracy" REAL NOT NULL,
    "macro_f1" REAL NOT NULL,
    "baseline_accuracy" REAL NOT NULL,
    "baseline" TEXT NOT NULL,
    "is_active" INTEGER NOT NULL,
    "content" BLOB NOT NULL
);

-- table users on users
CREATE TABLE "users" (
    "id" TEXT NOT NULL CONSTRAINT "pk_users" PRIMARY KEY,
    "email" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "password_hash" TEXT NULL,
    "created_at" TEXT NOT NULL
, "available" INTEGER NOT NULL DEFAULT 0, "capacity" INTEGER NOT NULL DEFAULT 0, "failed_logins" INTEGER NOT NULL DEFAULT 0, "locked_until" TEXT NULL);

-- table webhook_deliveries on webhook_deliveries
CREATE TABLE "webhook_deliveries" (
    "id" TEXT NOT NULL CONSTRAINT "pk_webhook_deliveries" PRIMARY KEY,
    "webhook_id" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "event_type" TEXT NOT NULL,
    "alert_id" TEXT NULL,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    "next_attempt_at" TEXT NOT NULL,
    "delivered_at" TEXT NULL,
    "last_status_code" INTEGER NULL,
    "last_error" TEXT NULL,
    CONSTRAINT "fk_webhook_deliveries_webhooks_webhook_id" FOREIGN KEY ("webhook_id") REFERENCES "webhooks" ("id") ON DELETE CASCADE
);

-- table webhooks on webhooks
CREATE TABLE "webhooks" (
    "id" TEXT NOT NULL CONSTRAINT "pk_webhooks" PRIMARY KEY,
    "workspace_id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "secret_protected" TEXT NOT NULL,
    "events" TEXT NOT NULL,
    "team_id" TEXT NULL,
    "format" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_webhooks_teams_team_id" FOREIGN KEY ("team_id") REFERENCES "teams" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_webhooks_workspaces_workspace_id" FOREIGN KEY ("workspace_id") REFERENCES "workspaces" ("id") ON DELETE CASCADE
);

-- table workspace_members on workspace_members
CREATE TABLE "workspace_members" (
    "workspace_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    CONSTRAINT "pk_workspace_members" PRIMARY KEY ("workspace_id", "user_id"),
    CONSTRAINT "fk_workspace_members_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_workspace_members_workspaces_workspace_id" FOREIGN KEY ("workspace_id") REFERENCES "workspaces" ("id") ON DELETE CASCADE
);

-- table workspaces on workspaces
CREATE TABLE "workspaces" (
    "id" TEXT NOT NULL CONSTRAINT "pk_workspaces" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "brand_names" TEXT NOT NULL,
    "competitor_names" TEXT NOT NULL,
    "created_at" TEXT NOT NULL
, "case_policy_json" TEXT NOT NULL DEFAULT '', "fallback_team_id" TEXT NULL);
