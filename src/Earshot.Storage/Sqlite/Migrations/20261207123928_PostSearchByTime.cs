using Earshot.Storage.Search;
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
            // key order within a window of time (Earshot.Storage.Search.PostSearchWindow) instead of every match. New
            // posts, and posts whose time changes, are queued by the triggers and indexed by the ingest writer in one
            // statement per commit (Earshot.Storage.Search.PostSearchQueue); the statements below index the posts stored.
            migrationBuilder.Sql("""
                DROP TRIGGER post_search_after_insert;
                DROP TRIGGER post_search_after_update;
                DROP TRIGGER post_search_after_delete;
                DROP TABLE post_search;
                DROP TABLE post_search_rows;
                CREATE TABLE post_search_rows (id INTEGER PRIMARY KEY, post_id TEXT NOT NULL UNIQUE);
                CREATE TABLE post_search_queue (post_id TEXT NOT NULL PRIMARY KEY);
                CREATE VIRTUAL TABLE post_search USING fts5(text, tokenize = 'porter unicode61 remove_diacritics 2');
                CREATE TRIGGER post_search_after_insert AFTER INSERT ON posts BEGIN
                    INSERT OR IGNORE INTO post_search_queue (post_id) VALUES (new.id);
                END;
                CREATE TRIGGER post_search_after_move AFTER UPDATE OF created_at ON posts WHEN new.created_at IS NOT old.created_at BEGIN
                    DELETE FROM post_search WHERE rowid = (SELECT id FROM post_search_rows WHERE post_id = old.id);
                    DELETE FROM post_search_rows WHERE post_id = old.id;
                    INSERT OR IGNORE INTO post_search_queue (post_id) VALUES (new.id);
                END;
                CREATE TRIGGER post_search_after_update AFTER UPDATE OF text ON posts WHEN new.text IS NOT old.text BEGIN
                    UPDATE post_search SET text = new.text WHERE rowid = (SELECT id FROM post_search_rows WHERE post_id = new.id);
                END;
                CREATE TRIGGER post_search_after_delete AFTER DELETE ON posts BEGIN
                    DELETE FROM post_search WHERE rowid = (SELECT id FROM post_search_rows WHERE post_id = old.id);
                    DELETE FROM post_search_rows WHERE post_id = old.id;
                    DELETE FROM post_search_queue WHERE post_id = old.id;
                END;
                INSERT INTO post_search_queue (post_id) SELECT id FROM posts;
                """ + PostSearchQueue.FlushSql);
        }

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
                DROP TABLE post_search_queue;
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
