using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Earshot.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AlertIncidentCase : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "incident_case_id",
                table: "alerts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_alerts_incident_case_id",
                table: "alerts",
                column: "incident_case_id");

            migrationBuilder.AddForeignKey(
                name: "fk_alerts_cases_incident_case_id",
                table: "alerts",
                column: "incident_case_id",
                principalTable: "cases",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_alerts_cases_incident_case_id",
                table: "alerts");

            migrationBuilder.DropIndex(
                name: "ix_alerts_incident_case_id",
                table: "alerts");

            migrationBuilder.DropColumn(
                name: "incident_case_id",
                table: "alerts");
        }
    }
}
