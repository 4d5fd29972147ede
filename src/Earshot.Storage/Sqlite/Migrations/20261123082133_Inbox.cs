using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Earshot.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Inbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_cases_assignee_id",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_workspace_id_status_priority",
                table: "cases");

            migrationBuilder.AddColumn<string>(
                name: "case_policy_json",
                table: "workspaces",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Guid>(
                name: "fallback_team_id",
                table: "workspaces",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "available",
                table: "users",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "capacity",
                table: "users",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "failed_logins",
                table: "users",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "locked_until",
                table: "users",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "assignment",
                table: "teams",
                type: "TEXT",
                maxLength: 24,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Guid>(
                name: "last_assigned_user_id",
                table: "teams",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "breached_due_at",
                table: "cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "breaches",
                table: "cases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "channel_id",
                table: "cases",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<DateTime>(
                name: "due_at",
                table: "cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "intent",
                table: "cases",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "language",
                table: "cases",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "last_customer_post_at",
                table: "cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "merged_into_id",
                table: "cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "next_response_due_at",
                table: "cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "paused_at",
                table: "cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "queued",
                table: "cases",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<double>(
                name: "rank_key",
                table: "cases",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<string>(
                name: "routed_by",
                table: "cases",
                type: "TEXT",
                maxLength: 240,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "severity",
                table: "cases",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Guid>(
                name: "sla_policy_id",
                table: "cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "subject",
                table: "cases",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "tags",
                table: "cases",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<DateTime>(
                name: "updated_at",
                table: "cases",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<DateTime>(
                name: "waiting_since",
                table: "cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "api_tokens",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    prefix = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    scope = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    last_used_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    revoked_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_tokens", x => x.id);
                    table.ForeignKey(
                        name: "fk_api_tokens_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "audit_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    actor_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    data_json = table.Column<string>(type: "TEXT", nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "business_calendars",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    time_zone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    hours = table.Column<string>(type: "TEXT", nullable: false),
                    holidays = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_business_calendars", x => x.id);
                    table.ForeignKey(
                        name: "fk_business_calendars_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "canned_replies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    body = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_canned_replies", x => x.id);
                    table.ForeignKey(
                        name: "fk_canned_replies_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_posts",
                columns: table => new
                {
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    post_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_posts", x => new { x.case_id, x.post_id });
                    table.ForeignKey(
                        name: "fk_case_posts_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_case_posts_posts_post_id",
                        column: x => x.post_id,
                        principalTable: "posts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "customer_links",
                columns: table => new
                {
                    author_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    customer_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customer_links", x => x.author_id);
                    table.ForeignKey(
                        name: "fk_customer_links_authors_author_id",
                        column: x => x.author_id,
                        principalTable: "authors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "routing_rules",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    topic_ids = table.Column<string>(type: "TEXT", nullable: false),
                    intents = table.Column<string>(type: "TEXT", nullable: false),
                    severities = table.Column<string>(type: "TEXT", nullable: false),
                    channel_kinds = table.Column<string>(type: "TEXT", nullable: false),
                    languages = table.Column<string>(type: "TEXT", nullable: false),
                    enabled = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_routing_rules", x => x.id);
                    table.ForeignKey(
                        name: "fk_routing_rules_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_routing_rules_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "team_members",
                columns: table => new
                {
                    team_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    is_lead = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_team_members", x => new { x.team_id, x.user_id });
                    table.ForeignKey(
                        name: "fk_team_members_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_team_members_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "workspace_members",
                columns: table => new
                {
                    workspace_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workspace_members", x => new { x.workspace_id, x.user_id });
                    table.ForeignKey(
                        name: "fk_workspace_members_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_workspace_members_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sla_policies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    intent = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    first_response_minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    next_response_minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    resolution_minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    calendar_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sla_policies", x => x.id);
                    table.ForeignKey(
                        name: "fk_sla_policies_business_calendars_calendar_id",
                        column: x => x.calendar_id,
                        principalTable: "business_calendars",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_sla_policies_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_sla_policies_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_cases_assignee_id_queued",
                table: "cases",
                columns: new[] { "assignee_id", "queued" });

            migrationBuilder.CreateIndex(
                name: "ix_cases_channel_id_thread_external_id",
                table: "cases",
                columns: new[] { "channel_id", "thread_external_id" });

            migrationBuilder.CreateIndex(
                name: "ix_cases_queued_due_at",
                table: "cases",
                columns: new[] { "queued", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_cases_queued_rank_key",
                table: "cases",
                columns: new[] { "queued", "rank_key" });

            migrationBuilder.CreateIndex(
                name: "ix_cases_workspace_id_opened_at",
                table: "cases",
                columns: new[] { "workspace_id", "opened_at" });

            migrationBuilder.CreateIndex(
                name: "ix_case_events_kind_at",
                table: "case_events",
                columns: new[] { "kind", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_api_tokens_hash",
                table: "api_tokens",
                column: "hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_api_tokens_user_id",
                table: "api_tokens",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_workspace_id_at",
                table: "audit_events",
                columns: new[] { "workspace_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_business_calendars_workspace_id_name",
                table: "business_calendars",
                columns: new[] { "workspace_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_canned_replies_workspace_id_name",
                table: "canned_replies",
                columns: new[] { "workspace_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_case_posts_post_id",
                table: "case_posts",
                column: "post_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_customer_links_customer_id",
                table: "customer_links",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_routing_rules_team_id",
                table: "routing_rules",
                column: "team_id");

            migrationBuilder.CreateIndex(
                name: "ix_routing_rules_workspace_id_name",
                table: "routing_rules",
                columns: new[] { "workspace_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sla_policies_calendar_id",
                table: "sla_policies",
                column: "calendar_id");

            migrationBuilder.CreateIndex(
                name: "ix_sla_policies_team_id",
                table: "sla_policies",
                column: "team_id");

            migrationBuilder.CreateIndex(
                name: "ix_sla_policies_workspace_id_name",
                table: "sla_policies",
                columns: new[] { "workspace_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_team_members_user_id",
                table: "team_members",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_workspace_members_user_id",
                table: "workspace_members",
                column: "user_id");

            migrationBuilder.AddForeignKey(
                name: "fk_cases_channels_channel_id",
                table: "cases",
                column: "channel_id",
                principalTable: "channels",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_cases_channels_channel_id",
                table: "cases");

            migrationBuilder.DropTable(
                name: "api_tokens");

            migrationBuilder.DropTable(
                name: "audit_events");

            migrationBuilder.DropTable(
                name: "canned_replies");

            migrationBuilder.DropTable(
                name: "case_posts");

            migrationBuilder.DropTable(
                name: "customer_links");

            migrationBuilder.DropTable(
                name: "routing_rules");

            migrationBuilder.DropTable(
                name: "sla_policies");

            migrationBuilder.DropTable(
                name: "team_members");

            migrationBuilder.DropTable(
                name: "workspace_members");

            migrationBuilder.DropTable(
                name: "business_calendars");

            migrationBuilder.DropIndex(
                name: "ix_cases_assignee_id_queued",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_channel_id_thread_external_id",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_queued_due_at",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_queued_rank_key",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_workspace_id_opened_at",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_case_events_kind_at",
                table: "case_events");

            migrationBuilder.DropColumn(
                name: "case_policy_json",
                table: "workspaces");

            migrationBuilder.DropColumn(
                name: "fallback_team_id",
                table: "workspaces");

            migrationBuilder.DropColumn(
                name: "available",
                table: "users");

            migrationBuilder.DropColumn(
                name: "capacity",
                table: "users");

            migrationBuilder.DropColumn(
                name: "failed_logins",
                table: "users");

            migrationBuilder.DropColumn(
                name: "locked_until",
                table: "users");

            migrationBuilder.DropColumn(
                name: "assignment",
                table: "teams");

            migrationBuilder.DropColumn(
                name: "last_assigned_user_id",
                table: "teams");

            migrationBuilder.DropColumn(
                name: "breached_due_at",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "breaches",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "channel_id",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "due_at",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "intent",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "language",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "last_customer_post_at",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "merged_into_id",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "next_response_due_at",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "paused_at",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "queued",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "rank_key",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "routed_by",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "severity",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "sla_policy_id",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "subject",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "tags",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "updated_at",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "waiting_since",
                table: "cases");

            migrationBuilder.CreateIndex(
                name: "ix_cases_assignee_id",
                table: "cases",
                column: "assignee_id");

            migrationBuilder.CreateIndex(
                name: "ix_cases_workspace_id_status_priority",
                table: "cases",
                columns: new[] { "workspace_id", "status", "priority" });
        }
    }
}
