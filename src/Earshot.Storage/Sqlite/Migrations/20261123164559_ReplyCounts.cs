using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Earshot.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReplyCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "health_replies_sent",
                table: "channels",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "health_replies_sent",
                table: "channels");
        }
    }
}
