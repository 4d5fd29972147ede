using Earshot.Core.Cases;
using Earshot.Engine.Cases;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Earshot.IntegrationTests.Cases.CasePosts;

namespace Earshot.IntegrationTests.Cases;

/// <summary>
/// The served queue is a shared snapshot per view. However many agents read it at once, a read that starts after a
/// case changed must see the change.
/// </summary>
public sealed class QueueSnapshotTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Readers_who_ask_after_a_change_never_get_a_snapshot_from_before_it(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        for (var i = 0; i < 6; i++)
            await PostAsync(app, $"{i}", $"customer{i}", Complaint, DateTime.UtcNow.AddMinutes(-10 + i));
        await WaitForCasesAsync(app.Http, 6);
        var queue = app.Services.GetRequiredService<CaseQueue>();
        var work = app.Services.GetRequiredService<CaseWork>();
        var admin = await app.UserIdAsync("admin@earshot.test");
        var view = new QueueFilter(null);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var first = await queue.ListCachedAsync(view, timeout.Token);
        Assert.Equal(6, first.Count);
        // Busy readers keep the snapshot in use while cases are resolved one after another.
        using var stop = new CancellationTokenSource();
        var reading = Enumerable.Range(0, 8).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToList();
        var busy = reading.Select(started => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await queue.ListCachedAsync(view, timeout.Token);
                started.TrySetResult();
            }
        })).ToList();
        // Every reader is in its loop before the first change, however slowly the thread pool starts them.
        await Task.WhenAll(reading.Select(r => r.Task)).WaitAsync(timeout.Token);
        foreach (var (waiting, resolvedSoFar) in first.Take(3).Select((c, i) => (c, i + 1)))
        {
            var result = await work.SetStatusAsync(waiting.Case.Id, admin, CaseStatus.Resolved, timeout.Token);
            Assert.True(result.Ok, result.Error?.ToString());
            var after = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => queue.ListCachedAsync(view, timeout.Token)));
            Assert.All(after, list =>
            {
                Assert.Equal(6 - resolvedSoFar, list.Count);
                Assert.DoesNotContain(list, c => c.Case.Id == waiting.Case.Id);
            });
        }
        await stop.CancelAsync();
        await Task.WhenAll(busy); // a reader that failed fails the test
    }
}
