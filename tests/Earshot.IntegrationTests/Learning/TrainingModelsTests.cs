using System.Globalization;
using System.Text.Json;
using Earshot.Core.Understanding.Learning;
using Earshot.Engine.Learning;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Earshot.IntegrationTests.Cases.CasePosts;

namespace Earshot.IntegrationTests.Learning;

/// <summary>
/// Agents label posts with a house taxonomy the built-in model cannot know (reference codes); a model trained on
/// those labels is promoted, stored posts are re-classified in the background, and a rollback does it again.
/// </summary>
public sealed class TrainingModelsTests(PostgresServer postgres)
{
    private static readonly (string Code, string Intent)[] Codes = [("ZX", "complaint"), ("QV", "question"), ("PW", "praise")];

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task TrainPromoteRollback_StoredPostsReclassified(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres, services => services.AddSingleton(new LearningOptions
        {
            JobPollInterval = TimeSpan.FromMilliseconds(100),
            ReclassifyBatch = 16,
            MinimumLabels = 30,
        }));
        var texts = Enumerable.Range(0, 60).Select(i => (Id: $"p-{i}", Code: Codes[i % 3], Text: Text(Codes[i % 3].Code, i))).ToList();
        foreach (var (id, _, text) in texts)
            await PostAsync(app, id, "customer" + (id.Length % 7).ToString(CultureInfo.InvariantCulture), text);
        await PostAsync(app, "probe", "someone", Text("QV", 999));
        await Wait.UntilAsync(async () => await CountAsync(app, db => db.Classifications) == 61, "every post is classified");

        await using (var db = app.Database.Target.CreateContext())
        {
            var ids = await db.Posts.ToDictionaryAsync(p => p.ExternalId, p => p.Id);
            foreach (var (id, code, _) in texts)
                await Corrections.RecordAsync(db, ids[id], null, null, code.Intent, DateTime.UtcNow, CancellationToken.None);
            var tooFew = await ModelRegistry.TrainAsync(db, LearningTasks.Intent, await ModelRegistry.LabelsAsync(db, LearningTasks.Intent, default), "labels", 100, DateTime.UtcNow, default);
            Assert.Null(tooFew.Version);

            var first = await ModelRegistry.TrainAsync(db, LearningTasks.Intent, await ModelRegistry.LabelsAsync(db, LearningTasks.Intent, default), "labels", 30, DateTime.UtcNow, default);
            Assert.True(first.Promoted, first.Message);
            Assert.Equal((1, 1.0), (first.Version, first.Accuracy));
            Assert.True(first.BaselineAccuracy < 0.7, first.Message);
        }
        await WaitForReclassificationAsync(app, "intent model v1 promoted", 61);
        Assert.Equal(("question", true), await ProbeAsync(app, "+intent-v1"));
        // The trained label is explained by the trained model: the house code is what tells the labels apart.
        var reasons = await ProbeReasonsAsync(app);
        Assert.Contains(reasons, r => r.Label == "model" && r.Note!.StartsWith("question rather than", StringComparison.Ordinal));
        var strongest = reasons.First(r => r.Label == "trained:intent");
        Assert.True(strongest.Source.Contains("qv", StringComparison.OrdinalIgnoreCase), string.Join("; ", reasons.Select(r => $"{r.Label} {r.Source} {r.Weight}")));
        Assert.True(strongest.Weight > 0, $"{strongest.Source} {strongest.Weight}");

        await using (var db = app.Database.Target.CreateContext())
        {
            var second = await ModelRegistry.TrainAsync(db, LearningTasks.Intent, await ModelRegistry.LabelsAsync(db, LearningTasks.Intent, default), "labels", 30, DateTime.UtcNow, default);
            Assert.False(second.Promoted, second.Message); // as good as v1 is not better
            Assert.Null(await ModelRegistry.RollbackAsync(db, 2, DateTime.UtcNow, default));
            Assert.Equal("no model version 9", await ModelRegistry.RollbackAsync(db, 9, DateTime.UtcNow, default));
            var versions = await db.TrainedModels.OrderBy(m => m.Version).Select(m => new { m.Version, m.IsActive }).ToListAsync();
            Assert.Equal([(1, false), (2, true)], versions.Select(m => (m.Version, m.IsActive)));
        }
        await WaitForReclassificationAsync(app, "intent model rolled back to v2", 61);
        Assert.Equal(("question", true), await ProbeAsync(app, "+intent-v2"));
        var models = await GetAsync(app.Http, "/api/models");
        Assert.Equal([2, 1], models.EnumerateArray().Select(m => m.GetProperty("version").GetInt32()));
        var page = await (await app.PagesAsync()).GetStringAsync("/models");
        Assert.Contains("intent model rolled back to v2: <strong>done</strong>, 61 of 61 posts", page, StringComparison.Ordinal);

        // The nightly run trains only when agents labelled something since the last model.
        var nightly = app.Services.GetRequiredService<NightlyRetrain>();
        Assert.Null(await nightly.RetrainIfNewLabelsAsync(LearningTasks.Intent, default));
        Assert.Null(await nightly.RetrainIfNewLabelsAsync(LearningTasks.Sentiment, default));
        await using (var db = app.Database.Target.CreateContext())
            await Corrections.RecordAsync(db, await db.Posts.Where(p => p.ExternalId == "probe").Select(p => p.Id).SingleAsync(), null, null, "question", DateTime.UtcNow.AddSeconds(1), default);
        Assert.Equal(3, (await nightly.RetrainIfNewLabelsAsync(LearningTasks.Intent, default))?.Version);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task PromotedModelOfAnEarlierFormat_BuiltInTakesOverAndThePageSaysSo(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres, services => services.AddSingleton(new LearningOptions
        {
            JobPollInterval = TimeSpan.FromMilliseconds(100),
            MinimumLabels = 30,
        }));
        await PostAsync(app, "probe", "someone", Text("QV", 999));
        await Wait.UntilAsync(async () => await CountAsync(app, db => db.Classifications) == 1, "the post is classified");
        await using (var db = app.Database.Target.CreateContext())
        {
            // What an earlier Earshot saved: an ML.NET zip archive.
            db.TrainedModels.Add(new TrainedModel
            {
                Version = 1, Task = LearningTasks.Intent, CreatedAt = DateTime.UtcNow, Source = "labels", Accuracy = 0.9, Baseline = "built-in",
                IsActive = true, Content = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00],
            });
            ModelRegistry.QueueReclassification(db, "intent model v1 promoted", DateTime.UtcNow);
            await db.SaveChangesAsync();
        }

        await WaitForReclassificationAsync(app, "intent model v1 promoted", 1);

        var (_, byModel) = await ProbeAsync(app, "+intent-v1");
        Assert.False(byModel);
        var page = await (await app.PagesAsync()).GetStringAsync("/models");
        Assert.Contains("The promoted intent model v1 cannot be used: not a text model of this version of Earshot; retrain it", page, StringComparison.Ordinal);
        await using (var db = app.Database.Target.CreateContext())
        {
            var examples = Enumerable.Range(0, 60).Select(i => new LabelledText(Text(Codes[i % 3].Code, i), Codes[i % 3].Intent)).ToList();
            var retrained = await ModelRegistry.TrainAsync(db, LearningTasks.Intent, examples, "labels", 30, DateTime.UtcNow, default);
            Assert.True(retrained.Promoted, retrained.Message);
            Assert.Equal(new Earshot.Core.Understanding.BuiltInClassifier().ModelVersion, retrained.Baseline);
        }
    }

    private static string Text(string code, int n) => $"ref {code}-{n.ToString(CultureInfo.InvariantCulture)} ticket {code.ToLowerInvariant()} batch";

    private static async Task WaitForReclassificationAsync(TestApp app, string reason, int total)
    {
        JsonElement latest = default;
        await Wait.UntilAsync(async () =>
        {
            var status = await GetAsync(app.Http, "/api/models/reclassify");
            latest = status.GetProperty("latest");
            return latest.ValueKind == JsonValueKind.Object && latest.GetProperty("reason").GetString() == reason
                && latest.GetProperty("status").GetString() == "done" && !status.GetProperty("busy").GetBoolean();
        }, $"re-classification '{reason}' is done");
        Assert.Equal((total, total), (latest.GetProperty("total").GetInt32(), latest.GetProperty("done").GetInt32()));
    }

    /// <summary>The unlabelled probe post: its intent and whether the named model version labelled it.</summary>
    private static async Task<(string Intent, bool ByModel)> ProbeAsync(TestApp app, string version)
    {
        await using var db = app.Database.Target.CreateContext();
        var row = await db.Posts.Where(p => p.ExternalId == "probe")
            .Join(db.Classifications, p => p.Id, c => c.PostId, (p, c) => new { c.Intent, c.ModelVersion }).SingleAsync();
        return (row.Intent, row.ModelVersion.EndsWith(version, StringComparison.Ordinal));
    }

    private static async Task<List<Earshot.Core.Understanding.Contribution>> ProbeReasonsAsync(TestApp app)
    {
        await using var db = app.Database.Target.CreateContext();
        var json = await db.Posts.Where(p => p.ExternalId == "probe")
            .Join(db.Classifications, p => p.Id, c => c.PostId, (p, c) => c.ExplanationJson).SingleAsync();
        var contributions = JsonDocument.Parse(json).RootElement.GetProperty("contributions");
        return contributions.EnumerateArray().Select(c => new Earshot.Core.Understanding.Contribution(
            c.GetProperty("label").GetString()!, c.GetProperty("source").GetString()!, c.GetProperty("weight").GetDouble(),
            c.TryGetProperty("note", out var note) ? note.GetString() : null)).ToList();
    }

    private static async Task<int> CountAsync<T>(TestApp app, Func<Earshot.Storage.EarshotDbContext, IQueryable<T>> set)
    {
        await using var db = app.Database.Target.CreateContext();
        return await set(db).CountAsync();
    }
}
