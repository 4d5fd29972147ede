using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Earshot.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AgentLoadIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_cases_assignee_id_queued",
                table: "cases");

            migrationBuilder.CreateIndex(
                name: "ix_cases_assignee_id_status",
                table: "cases",
                columns: new[] { "assignee_id", "status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_cases_assignee_id_status",
                table: "cases");

            migrationBuilder.CreateIndex(
                name: "ix_cases_assignee_id_queued",
                table: "cases",
                columns: new[] { "assignee_id", "queued" });
        }
    }
}
