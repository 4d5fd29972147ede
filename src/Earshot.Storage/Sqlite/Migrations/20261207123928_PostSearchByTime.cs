using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Earshot.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PostSearchByTime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The full-text rows are keyed by the post's time: the second it was written (clamped to 0 .. 2^32-1) times
            // 2^31, plus a sequence within that second. A search for the newest matches then reads the index in its own
            // key order within a window of time (Earshot.Storage.Search.PostSearchKeys) instead of every match. The
            // insert trigger takes the next free key of the post's second; a post whose time changes is keyed again.
            migrationBuilder.Sql("""
                DROP TRIGGER post_search_after_insert;
                DROP TRIGGER post_search_after_update;
                DROP TRIGGER post_search_after_delete;
                DROP TABLE post_search;
                DROP TABLE post_search_rows;
                CREATE TABLE post_search_rows (id INTEGER PRIMARY KEY, post_id TEXT NOT NULL UNIQUE);
                CREATE VIRTUAL TABLE post_search USING fts5(text, tokenize = 'porter unicode61 remove_diacritics 2');
                """ + Keying("new") + """
                CREATE TRIGGER post_search_after_update AFTER UPDATE OF text ON posts WHEN new.text IS NOT old.text BEGIN
                    UPDATE post_search SET text = new.text WHERE rowid = (SELECT id FROM post_search_rows WHERE post_id = new.id);
                END;
                CREATE TRIGGER post_search_after_delete AFTER DELETE ON posts BEGIN
                    DELETE FROM post_search WHERE rowid = (SELECT id FROM post_search_rows WHERE post_id = old.id);
                    DELETE FROM post_search_rows WHERE post_id = old.id;
                END;
                WITH timed AS (SELECT id, MIN(MAX(CAST(strftime('%s', created_at) AS INTEGER), 0), 4294967295) AS second, rowid AS seq FROM posts)
                INSERT INTO post_search_rows (id, post_id)
                    SELECT (second << 31) + ROW_NUMBER() OVER (PARTITION BY second ORDER BY seq) - 1, id FROM timed;
                INSERT INTO post_search (rowid, text) SELECT r.id, p.text FROM posts p JOIN post_search_rows r ON r.post_id = p.id;
                """);
        }

        /// <summary>The triggers that key a new post, and key a post again when its time changes.</summary>
        private static string Keying(string row) => $"""
            CREATE TRIGGER post_search_after_insert AFTER INSERT ON posts BEGIN
                {Insert(row)}
            END;
            CREATE TRIGGER post_search_after_move AFTER UPDATE OF created_at ON posts WHEN new.created_at IS NOT old.created_at BEGIN
                DELETE FROM post_search WHERE rowid = (SELECT id FROM post_search_rows WHERE post_id = old.id);
                DELETE FROM post_search_rows WHERE post_id = old.id;
                {Insert(row)}
            END;

            """;

        private static string Insert(string row) => $"""
            INSERT INTO post_search_rows (id, post_id)
                    SELECT COALESCE((SELECT MAX(id) + 1 FROM post_search_rows WHERE id >= base AND id < base + 2147483648), base), {row}.id
                    FROM (SELECT MIN(MAX(CAST(strftime('%s', {row}.created_at) AS INTEGER), 0), 4294967295) << 31 AS base);
                INSERT INTO post_search (rowid, text) VALUES (last_insert_rowid(), {row}.text);
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER post_search_after_move;
                DROP TRIGGER post_search_after_delete;
                DROP TRIGGER post_search_after_update;
                DROP TRIGGER post_search_after_insert;
                DROP TABLE post_search;
                DROP TABLE post_search_rows;
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
    }
}
