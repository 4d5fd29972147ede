using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Earshot.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ChannelHealth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "cursor",
                table: "channels",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "enabled",
                table: "channels",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "health_consecutive_failures",
                table: "channels",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "health_last_error",
                table: "channels",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "health_last_error_at",
                table: "channels",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "health_last_event_at",
                table: "channels",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "health_last_run_at",
                table: "channels",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "health_last_success_at",
                table: "channels",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "health_posts_received",
                table: "channels",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "health_rate_limit",
                table: "channels",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "cursor",
                table: "channels");

            migrationBuilder.DropColumn(
                name: "enabled",
                table: "channels");

            migrationBuilder.DropColumn(
                name: "health_consecutive_failures",
                table: "channels");

            migrationBuilder.DropColumn(
                name: "health_last_error",
                table: "channels");

            migrationBuilder.DropColumn(
                name: "health_last_error_at",
                table: "channels");

            migrationBuilder.DropColumn(
                name: "health_last_event_at",
                table: "channels");

            migrationBuilder.DropColumn(
                name: "health_last_run_at",
                table: "channels");

            migrationBuilder.DropColumn(
                name: "health_last_success_at",
                table: "channels");

            migrationBuilder.DropColumn(
                name: "health_posts_received",
                table: "channels");

            migrationBuilder.DropColumn(
                name: "health_rate_limit",
                table: "channels");
        }
    }
}
