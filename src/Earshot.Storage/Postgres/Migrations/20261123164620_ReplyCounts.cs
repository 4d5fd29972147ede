using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Earshot.Storage.Postgres.Migrations
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
                type: "bigint",
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
