using System.Diagnostics;
using Earshot.Core.Understanding;
using Earshot.Engine.Insights;
using Earshot.Engine.Pipeline;
using Earshot.Storage;
using Microsoft.EntityFrameworkCore;

namespace Earshot.Benchmarks.Insights;

/// <summary>What keeping the rollups costs: a full rebuild, and the share of the classify stage's time it takes.</summary>
public static class RollupTimings
{
    public const int RebuildBatch = 2_000;

    /// <summary>
    /// Brings empty rollups in line with every post, as a rebuild does: <see cref="RollupWriter.RecountAsync"/> over
    /// a few thousand posts per transaction. Returns the seconds taken.
    /// </summary>
    public static async Task<double> RebuildAsync(EarshotDbContextFactory contexts, IReadOnlyList<Guid> postIds, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        foreach (var batch in postIds.Chunk(RebuildBatch))
        {
            await using var db = contexts.CreateDbContext();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await RollupWriter.RecountAsync(db, batch, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        return watch.Elapsed.TotalSeconds;
    }

    public sealed record ClassifyCost(int Posts, double StageSeconds, double RecountSeconds)
    {
        /// <summary>What the recount adds to the stage's work without it.</summary>
        public double Overhead => RecountSeconds / (StageSeconds - RecountSeconds);
    }

    /// <summary>
    /// The classify stage's time over <paramref name="sample"/> in the pipeline's batches of 500 (labels written and
    /// rollups recounted in its transaction), then the recount alone on the same batches. The sample's labels and
    /// tallies are first taken away (and the rollups with them), so the stage labels them as new posts; the recount
    /// alone then runs as it did inside the stage, on posts without a tally, and is rolled back.
    /// </summary>
    public static async Task<ClassifyCost> ClassifyAsync(EarshotDbContextFactory contexts, IReadOnlyList<Guid> sample, CancellationToken cancellationToken)
    {
        const int batchSize = 500;
        foreach (var batch in sample.Chunk(RebuildBatch))
        {
            await using var db = contexts.CreateDbContext();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Classifications.Where(c => batch.Contains(c.PostId)).ExecuteDeleteAsync(cancellationToken);
            await RollupWriter.RecountAsync(db, batch, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        var stage = new ClassifyStage(contexts, new BuiltInClassifier(), TimeProvider.System);
        var watch = Stopwatch.StartNew();
        foreach (var batch in sample.Chunk(batchSize))
            await stage.ProcessAsync(batch, cancellationToken);
        var stageSeconds = watch.Elapsed.TotalSeconds;

        var recount = TimeSpan.Zero;
        foreach (var batch in sample.Chunk(batchSize))
        {
            await using var db = contexts.CreateDbContext();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.PostTallies.Where(t => batch.Contains(t.PostId)).ExecuteDeleteAsync(cancellationToken);
            var one = Stopwatch.StartNew();
            await RollupWriter.RecountAsync(db, batch, cancellationToken);
            recount += one.Elapsed;
            await transaction.RollbackAsync(cancellationToken);
        }
        return new ClassifyCost(sample.Count, stageSeconds, recount.TotalSeconds);
    }
}
