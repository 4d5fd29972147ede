using System.Diagnostics;
using System.Globalization;
using System.IO.Pipelines;
using System.Text.Json;
using Earshot.Exports;
using Earshot.Posts;
using Earshot.Storage;
using Microsoft.EntityFrameworkCore;

namespace Earshot.Benchmarks.Exports;

/// <summary>`csv-export-one DB streamed|naive`: one export of workspace "bench" in this process; prints a JSON line of its figures.</summary>
public sealed class CsvExportOneBench : IBench
{
    public string Name => "csv-export-one";
    public string Description => "(used by `csv-export`) one export run: DB streamed|naive";

    public sealed record Figures(string Mode, long Rows, long Bytes, double Seconds, double PeakManagedMiB, double PeakWorkingSetMiB)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Mode}: {Rows:N0} rows, {Bytes / 1048576.0:0} MiB in {Seconds:0.0} s = {Rows / Seconds:N0} rows/s, peak managed {PeakManagedMiB:0} MiB, peak working set {PeakWorkingSetMiB:0} MiB");
    }

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var (db, mode) = (args[0], args[1]);
        var target = DatabaseTarget.Parse(db);
        await using var context = target.CreateContext();
        var filter = new PostFilter { Workspace = "bench" };
        var output = new CountingStream();
        var pipe = PipeWriter.Create(output);
        var csv = new CsvWriter(pipe);

        using var sampler = new ManagedPeak();
        var watch = Stopwatch.StartNew();
        if (mode == "naive")
            await NaiveAsync(csv, context, filter, cancellationToken);
        else
            await PostsCsv.WriteAsync(csv, new EarshotDbContextFactory(target), filter, cancellationToken);
        await csv.FlushAsync(cancellationToken);
        watch.Stop();

        Console.WriteLine(JsonSerializer.Serialize(new Figures(mode, csv.Rows - 1, output.Length, watch.Elapsed.TotalSeconds,
            Math.Round(sampler.PeakMiB, 1), Math.Round(PeakMemory.MiB(), 1))));
        return 0;
    }

    /// <summary>The peer: every summary and every label loaded into lists first, then written with the same writer.</summary>
    private static async Task NaiveAsync(CsvWriter csv, EarshotDbContext db, PostFilter filter, CancellationToken cancellationToken)
    {
        var workspace = await db.Workspaces.Where(w => w.Name == filter.Workspace).Select(w => w.Id).SingleAsync(cancellationToken);
        var posts = await db.Posts.AsNoTracking().Where(p => p.WorkspaceId == workspace && !p.IsDeleted)
            .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Select(Summaries.Of(db)).ToListAsync(cancellationToken);
        var labels = await db.Classifications.AsNoTracking().Where(c => db.Posts.Any(p => p.Id == c.PostId && p.WorkspaceId == workspace))
            .ToDictionaryAsync(c => c.PostId, cancellationToken);
        var topics = (await db.TopicMatches.AsNoTracking().Where(m => db.Posts.Any(p => p.Id == m.PostId && p.WorkspaceId == workspace))
            .Join(db.Topics, m => m.TopicId, t => t.Id, (m, t) => new { m.PostId, t.Name }).ToListAsync(cancellationToken)).ToLookup(x => x.PostId, x => x.Name);
        csv.Header(PostsCsv.Columns);
        await csv.EndRowAsync(cancellationToken);
        foreach (var post in posts)
        {
            if (labels.TryGetValue(post.Id, out var label))
                post.Labels = new LabelSummary(label.Sentiment, label.SentimentScore, label.Intent, string.Join(',', label.Severity), label.ModelVersion);
            post.Topics = topics[post.Id].ToList();
            PostsCsv.Row(csv, post);
            await csv.EndRowAsync(cancellationToken);
        }
    }

    /// <summary>The response body stand-in: counts what it is sent and keeps none of it.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>The managed heap's largest size while it runs, sampled every 10 ms (the GC reports no peak of its own).</summary>
    private sealed class ManagedPeak : IDisposable
    {
        private readonly Timer _timer;
        private long _peak;

        public ManagedPeak()
        {
            GC.Collect();
            _timer = new Timer(_ => Sample(), null, 0, 10);
        }

        public double PeakMiB
        {
            get
            {
                Sample();
                return Interlocked.Read(ref _peak) / 1048576.0;
            }
        }

        private void Sample()
        {
            var now = GC.GetTotalMemory(false);
            long seen;
            while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
            {
            }
        }

        public void Dispose() => _timer.Dispose();
    }
}
