using Earshot.Demo;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Earshot.IntegrationTests.Demo;

/// <summary>The demo keeps customers writing while it runs: new posts arrive, dated now, and go through the pipeline like any other.</summary>
public sealed class LiveDemoTests(PostgresServer postgres)
{
    [Fact]
    public async Task TheLiveDemo_KeepsStoringNewCustomerPosts_DatedNow()
    {
        var started = DateTime.UtcNow;
        await using var app = await TestApp.StartAsyncOver(await TestDatabase.CreateAsync(DatabaseKind.Sqlite, postgres), demo: true, configure: services => services
            .AddSingleton(new DemoTrickle.Pace(TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(600)))
            .AddHostedService<DemoTrickle>());

        var live = new List<(string ExternalId, DateTime CreatedAt, bool Classified)>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (live.Count(p => p.Classified) < 3)
        {
            await Task.Delay(200, timeout.Token);
            await using var db = app.Database.Target.CreateContext();
            live = (await db.Posts.AsNoTracking().Where(p => p.ExternalId.StartsWith("demo-live-"))
                .Select(p => new { p.ExternalId, p.CreatedAt, Classified = db.Classifications.Any(c => c.PostId == p.Id) }).ToListAsync(timeout.Token))
                .Select(p => (p.ExternalId, p.CreatedAt, p.Classified)).ToList();
        }

        Assert.All(live, p => Assert.InRange(p.CreatedAt, started.AddSeconds(-1), DateTime.UtcNow.AddSeconds(1)));
        Assert.Equal(live.Count, live.Select(p => p.ExternalId).Distinct().Count());
    }
}
