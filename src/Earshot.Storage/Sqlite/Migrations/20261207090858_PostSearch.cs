using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Earshot.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PostSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Full-text search over post text (FTS5, porter stemming over unicode61 without diacritics). EF Core cannot
            // model a virtual table or triggers. post_search_rows gives each post a stable integer key for the FTS row
            // (a posts rowid may change on VACUUM); the triggers keep the index in step with every write to posts,
            // including the raw-SQL ingest path, and the INSERTs below index the posts already stored.
            migrationBuilder.Sql("""
                CREATE TABLE post_search_rows (id INTEGER PRIMARY KEY, post_id TEXT NOT NULL UNIQUE);
                CREATE VIRTUAL TABLE post_search USING fts5(text, post_id UNINDEXED, tokenize = 'porter unicode61 remove_diacritics 2');
                CREATE TRIGGER post_search_after_insert AFTER INSERT ON posts BEGIN
                    INSERT INTO post_search_rows (post_id) VALUES (new.id);
                    INSERT INTO post_search (rowid, text, post_id) VALUES (last_insert_rowid(), new.text, new.id);
                END;
                CREATE TRIGGER post_search_after_update AFTER UPDATE OF text ON posts WHEN new.text IS NOT old.text BEGIN
                    UPDATE post_search SET text = new.text WHERE rowid = (SELECT id FROM post_search_rows WHERE post_id = new.id);
                END;
                CREATE TRIGGER post_search_after_delete AFTER DELETE ON posts BEGIN
                    DELETE FROM post_search WHERE rowid = (SELECT id FROM post_search_rows WHERE post_id = old.id);
                    DELETE FROM post_search_rows WHERE post_id = old.id;
                END;
                INSERT INTO post_search_rows (post_id) SELECT id FROM posts;
                INSERT INTO post_search (rowid, text, post_id) SELECT r.id, p.text, p.id FROM posts p JOIN post_search_rows r ON r.post_id = p.id;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER post_search_after_delete;
                DROP TRIGGER post_search_after_update;
                DROP TRIGGER post_search_after_insert;
                DROP TABLE post_search;
                DROP TABLE post_search_rows;
                """);
        }
    }
}
