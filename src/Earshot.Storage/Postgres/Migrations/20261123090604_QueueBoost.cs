using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Earshot.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class QueueBoost : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "deadline_boost",
                table: "cases",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "deadline_boost",
                table: "cases");
        }
    }
}
