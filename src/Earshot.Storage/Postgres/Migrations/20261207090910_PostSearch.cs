using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Earshot.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PostSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Full-text search over post text: a stored generated tsvector (English stemming, like SQLite's porter) with
            // a GIN index. Kept out of the EF model so that loading a post never reads its vector. PostgreSQL computes
            // it for every existing row here and for every insert or text update, whichever path writes the post.
            migrationBuilder.Sql("""
                ALTER TABLE posts ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, text)) STORED;
                CREATE INDEX ix_posts_search_vector ON posts USING GIN (search_vector);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX ix_posts_search_vector;
                ALTER TABLE posts DROP COLUMN search_vector;
                """);
        }
    }
}
