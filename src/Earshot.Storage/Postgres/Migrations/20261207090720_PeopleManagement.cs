using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Earshot.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PeopleManagement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "last_sign_in_at",
                table: "users",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "set_password_token_expires_at",
                table: "users",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "set_password_token_hash",
                table: "users",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_users_set_password_token_hash",
                table: "users",
                column: "set_password_token_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_users_set_password_token_hash",
                table: "users");

            migrationBuilder.DropColumn(
                name: "last_sign_in_at",
                table: "users");

            migrationBuilder.DropColumn(
                name: "set_password_token_expires_at",
                table: "users");

            migrationBuilder.DropColumn(
                name: "set_password_token_hash",
                table: "users");
        }
    }
}
