using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Earshot.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class TopicKinds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "kind",
                table: "topics",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "other");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "kind",
                table: "topics");
        }
    }
}
