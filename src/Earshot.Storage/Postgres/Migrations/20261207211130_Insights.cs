using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Earshot.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Insights : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "aspect_rollups",
                columns: table => new
                {
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    topic_id = table.Column<Guid>(type: "uuid", nullable: false),
                    bucket = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    channel_id = table.Column<Guid>(type: "uuid", nullable: false),
                    language = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    sentiment = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    intent = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    aspect = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    posts = table.Column<long>(type: "bigint", nullable: false),
                    latest_post_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aspect_rollups", x => new { x.workspace_id, x.topic_id, x.bucket, x.channel_id, x.language, x.sentiment, x.intent, x.aspect });
                });

            migrationBuilder.CreateTable(
                name: "author_rollups",
                columns: table => new
                {
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    topic_id = table.Column<Guid>(type: "uuid", nullable: false),
                    bucket = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    channel_id = table.Column<Guid>(type: "uuid", nullable: false),
                    language = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    sentiment = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    intent = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    author_id = table.Column<Guid>(type: "uuid", nullable: false),
                    posts = table.Column<long>(type: "bigint", nullable: false),
                    latest_post_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_author_rollups", x => new { x.workspace_id, x.topic_id, x.bucket, x.channel_id, x.language, x.sentiment, x.intent, x.author_id });
                });

            migrationBuilder.CreateTable(
                name: "post_tallies",
                columns: table => new
                {
                    post_id = table.Column<Guid>(type: "uuid", nullable: false),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    channel_id = table.Column<Guid>(type: "uuid", nullable: false),
                    author_id = table.Column<Guid>(type: "uuid", nullable: false),
                    language = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    sentiment = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    intent = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    switcher = table.Column<bool>(type: "boolean", nullable: false),
                    aspects = table.Column<string>(type: "text", nullable: false),
                    topic_ids = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_post_tallies", x => x.post_id);
                    table.ForeignKey(
                        name: "fk_post_tallies_posts_post_id",
                        column: x => x.post_id,
                        principalTable: "posts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "rollup_rebuilds",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    topic_id = table.Column<Guid>(type: "uuid", nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    total = table.Column<int>(type: "integer", nullable: false),
                    done = table.Column<int>(type: "integer", nullable: false),
                    cursor = table.Column<Guid>(type: "uuid", nullable: true),
                    leased_until = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rollup_rebuilds", x => x.id);
                    table.ForeignKey(
                        name: "fk_rollup_rebuilds_topics_topic_id",
                        column: x => x.topic_id,
                        principalTable: "topics",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_rollup_rebuilds_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "volume_rollups",
                columns: table => new
                {
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    topic_id = table.Column<Guid>(type: "uuid", nullable: false),
                    bucket = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    channel_id = table.Column<Guid>(type: "uuid", nullable: false),
                    language = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    sentiment = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    intent = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    span = table.Column<int>(type: "integer", nullable: false),
                    switcher = table.Column<bool>(type: "boolean", nullable: false),
                    posts = table.Column<long>(type: "bigint", nullable: false),
                    latest_post_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_volume_rollups", x => new { x.workspace_id, x.topic_id, x.span, x.bucket, x.channel_id, x.language, x.sentiment, x.intent, x.switcher });
                });

            migrationBuilder.CreateIndex(
                name: "ix_rollup_rebuilds_status_created_at",
                table: "rollup_rebuilds",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_rollup_rebuilds_topic_id",
                table: "rollup_rebuilds",
                column: "topic_id");

            migrationBuilder.CreateIndex(
                name: "ix_rollup_rebuilds_workspace_id",
                table: "rollup_rebuilds",
                column: "workspace_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "aspect_rollups");

            migrationBuilder.DropTable(
                name: "author_rollups");

            migrationBuilder.DropTable(
                name: "post_tallies");

            migrationBuilder.DropTable(
                name: "rollup_rebuilds");

            migrationBuilder.DropTable(
                name: "volume_rollups");
        }
    }
}
