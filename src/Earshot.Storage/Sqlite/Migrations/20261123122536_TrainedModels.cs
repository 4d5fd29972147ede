using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Earshot.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TrainedModels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "labelled_examples",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    post_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    task = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    label = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_labelled_examples", x => x.id);
                    table.ForeignKey(
                        name: "fk_labelled_examples_posts_post_id",
                        column: x => x.post_id,
                        principalTable: "posts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "reclassify_jobs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    started_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    finished_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    total = table.Column<int>(type: "INTEGER", nullable: false),
                    done = table.Column<int>(type: "INTEGER", nullable: false),
                    cursor = table.Column<Guid>(type: "TEXT", nullable: true),
                    error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reclassify_jobs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "trained_models",
                columns: table => new
                {
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    task = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    train_count = table.Column<int>(type: "INTEGER", nullable: false),
                    test_count = table.Column<int>(type: "INTEGER", nullable: false),
                    accuracy = table.Column<double>(type: "REAL", nullable: false),
                    macro_f1 = table.Column<double>(type: "REAL", nullable: false),
                    baseline_accuracy = table.Column<double>(type: "REAL", nullable: false),
                    baseline = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false),
                    content = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trained_models", x => x.version);
                });

            migrationBuilder.CreateIndex(
                name: "ix_labelled_examples_post_id_task_at",
                table: "labelled_examples",
                columns: new[] { "post_id", "task", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_labelled_examples_task_at",
                table: "labelled_examples",
                columns: new[] { "task", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_reclassify_jobs_status_created_at",
                table: "reclassify_jobs",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_trained_models_task_is_active",
                table: "trained_models",
                columns: new[] { "task", "is_active" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "labelled_examples");

            migrationBuilder.DropTable(
                name: "reclassify_jobs");

            migrationBuilder.DropTable(
                name: "trained_models");
        }
    }
}
