using System.Diagnostics;
using System.Text.Json;
using Earshot.Core.Posts;
using Earshot.Engine.Importers;
using Earshot.Engine.Workspaces;
using Earshot.Storage;
using Earshot.Storage.Ingest;
using Microsoft.EntityFrameworkCore;

namespace Earshot.Benchmarks.Import;

/// <summary>`import-one FILE DB earshot|efcore`: one import in this process; prints a JSON line of its figures.</summary>
public sealed class ImportOneBench : IBench
{
    public string Name => "import-one";
    public string Description => "(used by `import`) one import run: FILE DB earshot|efcore";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var (file, db, importer) = (args[0], args[1], args[2]);
        var target = DatabaseTarget.Parse(db);
        await Migrator.MigrateAsync(target, cancellationToken);
        var watch = Stopwatch.StartNew();
        var stored = importer switch
        {
            "efcore" => await PlainEfCoreAsync(target, file, cancellationToken),
            "parse-only" => await ParseOnlyAsync(file, cancellationToken),
            _ => await EarshotAsync(target, file, cancellationToken),
        };
        watch.Stop();
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["stored"] = stored,
            ["seconds"] = watch.Elapsed.TotalSeconds,
            ["peak_mib"] = Math.Round(PeakMemory.MiB(), 1),
            // Garbage collection pauses every thread, the writer's too: worth seeing beside the time.
            ["gc_pause_seconds"] = Math.Round(GC.GetTotalPauseDuration().TotalSeconds, 2),
            ["allocated_mib"] = GC.GetTotalAllocatedBytes() >> 20,
            ["collections"] = $"{GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}",
        }));
        return 0;
    }

    private static async Task<long> EarshotAsync(DatabaseTarget target, string file, CancellationToken cancellationToken)
    {
        await using var writer = new PostWriter(target, TimeProvider.System);
        var importer = new PostImporter(new WorkspaceDirectory(new EarshotDbContextFactory(target), TimeProvider.System), writer);
        var summary = await importer.ImportAsync(file, null, "bench", null, null, cancellationToken);
        return summary.Stored;
    }

    /// <summary>Reading and validating alone, to see what storage costs on top.</summary>
    private static async Task<long> ParseOnlyAsync(string file, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(file);
        var first = await reader.ReadLineAsync(cancellationToken);
        reader.BaseStream.Position = 0;
        reader.DiscardBufferedData();
        long count = 0;
        await foreach (var item in ImportFormats.Read(ImportFormats.Detect(file, first), reader, cancellationToken))
            count += item.Post is null ? 0 : 1;
        return count;
    }

    /// <summary>The peer: parse the same lines, then Add + SaveChanges a batch at a time, as an ORM import would.</summary>
    private static async Task<long> PlainEfCoreAsync(DatabaseTarget target, string file, CancellationToken cancellationToken)
    {
        var directory = new WorkspaceDirectory(new EarshotDbContextFactory(target), TimeProvider.System);
        var workspace = await directory.GetOrCreateWorkspaceAsync("bench", cancellationToken);
        var channels = new Dictionary<ChannelKind, Guid>();
        var authors = new HashSet<Guid>();
        long stored = 0;
        var batch = new List<IncomingPost>(5_000);
        async Task FlushAsync()
        {
            await using var db = target.CreateContext();
            foreach (var post in batch)
            {
                if (!channels.TryGetValue(post.Channel, out var channel))
                    channels[post.Channel] = channel = await directory.GetOrCreateChannelAsync(workspace, post.Channel, cancellationToken);
                var authorId = StableIds.Author(channel, post.Author);
                if (authors.Add(authorId))
                    db.Authors.Add(new Author { Id = authorId, ChannelId = channel, Handle = post.Author, Followers = post.AuthorFollowers });
                db.Posts.Add(new Post
                {
                    Id = Guid.CreateVersion7(), WorkspaceId = workspace, ChannelId = channel, ExternalId = post.ExternalId,
                    AuthorId = authorId, Text = post.Text, Language = post.Language, CreatedAt = post.CreatedAt ?? DateTime.UtcNow,
                    ReceivedAt = DateTime.UtcNow, InReplyToExternalId = post.InReplyTo, ThreadExternalId = post.InReplyTo ?? post.ExternalId,
                    RawPayload = post.RawPayload,
                });
            }
            stored += await db.SaveChangesAsync(cancellationToken) - db.ChangeTracker.Entries<Author>().Count();
            // The peer pays for the full-text index as Earshot's writer does: SQLite's triggers only queue the posts.
            if (db.Provider == DatabaseProvider.Sqlite)
                await db.Database.ExecuteSqlRawAsync(Earshot.Storage.Search.PostSearchQueue.FlushSql, cancellationToken);
            batch.Clear();
        }
        using var reader = new StreamReader(file);
        await foreach (var item in JsonlPostReader.ReadAsync(reader, cancellationToken))
        {
            if (item.Post is null)
                continue;
            batch.Add(item.Post);
            if (batch.Count == batch.Capacity)
                await FlushAsync();
        }
        await FlushAsync();
        return stored;
    }
}
