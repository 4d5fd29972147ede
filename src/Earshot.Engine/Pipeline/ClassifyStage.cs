using System.Text.Json;
using Earshot.Core.Pipeline;
using Earshot.Core.Understanding;
using Earshot.Storage.Ingest;

namespace Earshot.Engine.Pipeline;

/// <summary>
/// Labels each post (sentiment, intent, severity cues, aspects, language) with the installed classifier and keeps
/// the reasons. Re-running replaces the post's labels, so a retry or a re-classification is harmless. An agent's
/// correction (the latest labelled example) outranks any model, so re-classifying never undoes it.
/// </summary>
public sealed class ClassifyStage(IDbContextFactory<EarshotDbContext> contexts, IPostClassifier classifier, TimeProvider clock) : IPipelineStage
{
    public PipelineStep Step => PipelineStep.Classified;

    public async Task ProcessAsync(IReadOnlyList<Guid> postIds, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var posts = await db.Posts.AsNoTracking().Where(p => postIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Text, p.Language }).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = new List<object?[]>(posts.Count);
        // Posts that arrived without a language get the detected one; a handful of languages, so one update each.
        var detected = new Dictionary<string, List<Guid>>();
        var corrections = await Learning.Corrections.LatestAsync(db, postIds, cancellationToken);
        foreach (var post in posts)
        {
            var labels = classifier.Classify(post.Text, post.Language);
            if (post.Language is null && labels.Language != "unknown")
                (detected.TryGetValue(labels.Language, out var ids) ? ids : detected[labels.Language] = []).Add(post.Id);
            var row = ToRow(post.Id, labels, classifier.ModelVersion, now);
            if (corrections.TryGetValue(post.Id, out var corrected))
                Learning.Corrections.Apply(row, corrected);
            rows.Add(Values(row));
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await PostRowLocks.LockAsync(db, postIds, cancellationToken);
        await db.Classifications.Where(c => postIds.Contains(c.PostId)).ExecuteDeleteAsync(cancellationToken);
        foreach (var (language, ids) in detected)
            await db.Posts.Where(p => ids.Contains(p.Id) && p.Language == null)
                .ExecuteUpdateAsync(set => set.SetProperty(p => p.Language, language), cancellationToken);
        await StageRows.InsertAsync(db, StageSql.InsertClassification, rows, cancellationToken);
        await Insights.RollupWriter.RecountAsync(db, postIds, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static object?[] Values(Classification row) =>
        [row.PostId, row.SentimentScore, row.Sentiment, row.Intent, CommaSeparated.Text(row.Severity), row.Aspects, row.ModelVersion, row.ExplanationJson, row.ClassifiedAt];

    public static Classification ToRow(Guid postId, PostLabels labels, string modelVersion, DateTime now) => new()
    {
        PostId = postId,
        SentimentScore = labels.SentimentScore,
        Sentiment = labels.Sentiment,
        Intent = labels.Intent,
        Severity = [.. labels.Severity.Select(s => s.Cue)],
        Aspects = string.Join(',', labels.Aspects),
        ModelVersion = modelVersion,
        ExplanationJson = JsonSerializer.Serialize(LabelsJson.From(labels), LabelsJson.Options),
        ClassifiedAt = now,
    };
}

/// <summary>The labels and their reasons as stored with a classification and printed by `earshot classify`.</summary>
public sealed record LabelsJson(
    string Sentiment,
    double SentimentScore,
    string Intent,
    IReadOnlyDictionary<string, double> IntentScores,
    IReadOnlyList<SeverityCue> Severity,
    IReadOnlyList<string> Aspects,
    string Language,
    string Summary,
    IReadOnlyList<Contribution> Contributions)
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static LabelsJson From(PostLabels labels) => new(
        labels.Sentiment, Math.Round(labels.SentimentScore, 4), labels.Intent,
        labels.IntentScores.ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value, 4)),
        labels.Severity, labels.Aspects, labels.Language, labels.Explanation.Render(labels.Sentiment),
        labels.Explanation.Contributions);
}
