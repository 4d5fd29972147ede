using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Earshot.Core.Cases;
using Earshot.Engine.Cases;
using Earshot.Storage;
using Earshot.Storage.Postgres;
using Microsoft.EntityFrameworkCore;

namespace Earshot.Benchmarks.Inbox;

/// <summary>
/// `inbox [--posts N] [--cases N] [--agents N] [--rounds N] [--views-only] [--skip-sqlite] [--skip-postgres]`: queue listing,
/// "next case" and the inbox's views with their counts under concurrent agents on a big inbox, on SQLite and PostgreSQL
/// (`--views-only`: the views with counts and their peer only). The peer is the obvious way to order a queue by a
/// priority that grows with waiting time: compute it for every waiting case in SQL and sort (what a view with a
/// computed sort column does).
/// </summary>
public sealed class InboxBench : IBench
{
    public string Name => "inbox";
    public string Description => "queue listing and next case, p50/p95/p99 at N concurrent agents, vs computing priority in SQL";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var posts = Option(args, "--posts", 1_000_000);
        var cases = Option(args, "--cases", 100_000);
        var agents = Option(args, "--agents", 50);
        var rounds = Option(args, "--rounds", 20);
        Console.WriteLine($"{posts:N0} posts, {cases:N0} open cases, {agents} concurrent agents, {rounds} rounds each");
        await BenchDatabases.ForEachAsync("inbox", args, (label, target) => RunOnAsync(label, target, posts, cases, agents, rounds, args.Contains("--views-only"), cancellationToken));
        Console.WriteLine($"peak memory {PeakMemory.MiB():0} MiB");
        return 0;
    }

    private static async Task RunOnAsync(string label, DatabaseTarget target, int posts, int cases, int agents, int rounds, bool viewsOnly, CancellationToken cancellationToken)
    {
        var seeding = Stopwatch.StartNew();
        var agentIds = await InboxSeed.SeedAsync(target, posts, cases, agents, cancellationToken);
        Console.WriteLine($"{label}: seeded in {seeding.Elapsed.TotalSeconds:0} s");
        var contexts = new EarshotDbContextFactory(target);
        var settings = new CaseSettings(contexts, TimeProvider.System);
        // A week-old backlog is mostly overdue: record the breaches and deadline boosts as the server would.
        var watching = Stopwatch.StartNew();
        var breaches = await new SlaWatcher(contexts, settings, new Earshot.Engine.Pipeline.EventBus(), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<SlaWatcher>.Instance, new SlaWatcherOptions()).CheckAsync(cancellationToken);
        Console.WriteLine($"{label}: SLA watcher caught up with {breaches:N0} breaches in {watching.Elapsed.TotalSeconds:0.0} s");
        await SettleAsync(contexts, cancellationToken);
        var bus = new Earshot.Engine.Pipeline.EventBus();
        var queue = new CaseQueue(contexts, TimeProvider.System, bus);

        // Warm up connection pools and caches, as a running server would be.
        await UnderLoadAsync(agentIds, 1, async _ => await queue.ListAsync(new QueueFilter(null, Limit: 50), cancellationToken));

        var skipQueue = viewsOnly;
        var none = new Latencies(0, double.NaN, double.NaN, double.NaN);
        var listing = skipQueue ? none : await UnderLoadAsync(agentIds, rounds, async _ => await queue.ListAsync(new QueueFilter(null, Limit: 50), cancellationToken));
        // An agent's request: their workspaces named in the filter, and the storage's workspace filter in force.
        List<Guid> workspaces;
        await using (var db = contexts.CreateDbContext())
            workspaces = await db.Workspaces.Select(w => w.Id).ToListAsync(cancellationToken);
        var restricted = skipQueue ? none : await UnderLoadAsync(agentIds, rounds, async agent =>
        {
            using (Earshot.Storage.Tenancy.WorkspaceScope.RestrictTo(agent, workspaces))
                return await queue.ListAsync(new QueueFilter(workspaces, Limit: 50), cancellationToken);
        });
        // What the API and the Inbox page use: a snapshot per view, re-read when a case changes or after a second.
        var cached = skipQueue ? none : await UnderLoadAsync(agentIds, rounds, async agent =>
        {
            var list = await queue.ListCachedAsync(new QueueFilter(null, Limit: 50), cancellationToken);
            bus.Publish(new Earshot.Core.Events.EarshotEvent("case.updated", Guid.Empty, agent, DateTime.UtcNow)); // worst case: every read follows a change
            return list;
        });
        async Task<object?> TakeNext(Guid agent) => (await queue.TakeNextAsync(agent, null, cancellationToken)).Case;
        async Task Resolve(Guid agent, object? taken)
        {
            // The agent resolves it before asking again (not timed), so every request is a real claim.
            await using var db = contexts.CreateDbContext();
            var id = ((Case)taken!).Id;
            await db.Cases.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CaseStatus.Resolved).SetProperty(c => c.Queued, false), cancellationToken);
        }
        var next = skipQueue ? none : await UnderLoadAsync(agentIds, rounds, TakeNext, Resolve);
        // People: an agent reads and answers a case before asking for the next. Even a second on average (0-2 s)
        // is far brisker than a care floor, and still a claim per agent per second.
        var paced = skipQueue ? none : await UnderLoadAsync(agentIds, rounds, TakeNext, async (agent, taken) =>
        {
            await Resolve(agent, taken);
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(2000)), cancellationToken);
        });
        var peer = skipQueue ? none : await UnderLoadAsync(agentIds, Math.Max(1, rounds / 4), async _ => await PeerListAsync(contexts, cancellationToken));

        // The inbox page and GET /api/cases with views: every view's count beside the list, and a page of one view
        // (each agent rotating through them, the queue's pages following the cursor).
        var counts = new CaseCounts(contexts, settings, TimeProvider.System, bus);
        var pages = new CasePages(contexts, settings, counts, TimeProvider.System, bus);
        List<string> views;
        await using (var db = contexts.CreateDbContext())
            views = ["open", "unassigned", "at_risk", "breached", "mine", .. (await db.Teams.Select(t => t.Id).ToListAsync(cancellationToken)).Select(id => "team:" + id)];
        var turns = new ConcurrentDictionary<Guid, int>();
        var starts = agentIds.Select((id, i) => (id, i)).ToDictionary(a => a.id, a => a.i);
        async Task<object?> ViewPage(Guid agent, bool cached)
        {
            var turn = turns.AddOrUpdate(agent, 0, (_, n) => n + 1);
            await using var db = contexts.CreateDbContext();
            var all = cached ? await counts.ForAsync(null, cancellationToken) : await CaseCounts.CountAsync(db, settings, DateTime.UtcNow, cancellationToken);
            var mine = all.MineOf(agent);
            var view = views[(turn + starts[agent]) % views.Count]; // agents start at different views, so every view gets next pages too
            var filter = (await CaseViews.ResolveAsync(db, null, view, agent, cancellationToken)).Filter!;
            CasePage page;
            if (cached)
            {
                // As CaseLists serves it: the shared first page, every fifth request the next page by cursor, totals from the shared counts.
                page = await pages.PageAsync(db, null, filter, null, 50, cancellationToken);
                if (turn % 5 == 4 && page.NextCursor is { } cursor)
                    page = await pages.PageAsync(db, null, filter, CaseCursor.Decode(cursor, filter.QueueOrdered), 50, cancellationToken);
            }
            else
            {
                page = await CaseListing.PageAsync(db, filter, await SlaWindows.LoadAsync(db, settings, cancellationToken), null, 50, DateTime.UtcNow, cancellationToken);
                if (turn % 5 == 4 && page.NextCursor is { } next)
                    page = await CaseListing.PageAsync(db, filter, await SlaWindows.LoadAsync(db, settings, cancellationToken), CaseCursor.Decode(next, filter.QueueOrdered), 50, DateTime.UtcNow, cancellationToken);
            }
            return (all, mine, page);
        }
        // Warm up as the queue does: a running server has counted once and read each view's first page (each agent's
        // first turn is not timed; later turns reach the other views, whose first reads are timed).
        await UnderLoadAsync(agentIds, 1, agent => ViewPage(agent, cached: true));
        turns.Clear();
        var viewsServed = await UnderLoadAsync(agentIds, rounds, agent => ViewPage(agent, cached: true));
        var viewsDirect = await UnderLoadAsync(agentIds, Math.Max(1, rounds / 4), agent => ViewPage(agent, cached: false));
        var viewsPeer = await UnderLoadAsync(agentIds, Math.Max(1, rounds / 4), async _ => await PeerViewsAsync(contexts, cancellationToken));
        Console.WriteLine($"{label}: queue listing  {listing}  (straight from the database)");
        Console.WriteLine($"{label}: queue listing  {restricted}  (as an agent: restricted to their workspaces by the storage filter)");
        Console.WriteLine($"{label}: queue listing  {cached}  (as served: snapshot per view, invalidated by every request's change)");
        Console.WriteLine($"{label}: next case      {next}  (closed loop: every agent asks again the moment a case is resolved)");
        Console.WriteLine($"{label}: next case      {paced}  (agents pausing 0-2 s between cases: about one claim per agent per second)");
        Console.WriteLine($"{label}: peer listing   {peer}  (priority computed in SQL for every waiting case)");
        Console.WriteLine($"{label}: listing p95 ratio peer/earshot = {peer.P95 / listing.P95:0.0}x");
        Console.WriteLine($"{label}: views + counts {viewsServed}  (as served: shared counts and first pages, refreshed in the background (no sooner than a second, nor than 9x the last read), totals from the counts; every fifth request a next page by cursor from the database)");
        Console.WriteLine($"{label}: views + counts {viewsDirect}  (every count straight from the database for each request)");
        Console.WriteLine($"{label}: peer views     {viewsPeer}  (COUNT per view and OFFSET paging to page 3 of the queue)");
        Console.WriteLine($"{label}: views p95 ratio peer/earshot = {viewsPeer.P95 / viewsServed.P95:0.0}x");
    }

    public sealed record Latencies(int Count, double P50, double P95, double P99)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"n={Count} p50={P50:0.0} ms p95={P95:0.0} ms p99={P99:0.0} ms");
    }

    private static async Task<Latencies> UnderLoadAsync(IReadOnlyList<Guid> agents, int rounds, Func<Guid, Task<object?>> request, Func<Guid, object?, Task>? after = null)
    {
        var samples = new ConcurrentBag<double>();
        await Task.WhenAll(agents.Select(agent => Task.Run(async () =>
        {
            for (var i = 0; i < rounds; i++)
            {
                var watch = Stopwatch.StartNew();
                var result = await request(agent);
                samples.Add(watch.Elapsed.TotalMilliseconds);
                if (after is not null && result is not null)
                    await after(agent, result);
            }
        })));
        var all = samples.ToList();
        return new Latencies(all.Count, Percentiles.Of(all, 50), Percentiles.Of(all, 95), Percentiles.Of(all, 99));
    }

    /// <summary>The peer: every waiting case's priority computed in SQL at query time, then sorted.</summary>
    private static async Task<object?> PeerListAsync(EarshotDbContextFactory contexts, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var sql = db.Provider == DatabaseProvider.Sqlite
            ? """
              SELECT id FROM cases WHERE queued = 1
              ORDER BY priority + (julianday('now') - julianday(waiting_since)) * 1440
                     + CASE WHEN due_at < datetime('now') THEN 60 WHEN due_at < datetime('now', '+15 minutes') THEN 30 ELSE 0 END DESC
              LIMIT 50
              """
            : """
              SELECT id FROM cases WHERE queued
              ORDER BY priority + extract(epoch from (now() - waiting_since)) / 60
                     + CASE WHEN due_at < now() THEN 60 WHEN due_at < now() + interval '15 minutes' THEN 30 ELSE 0 END DESC
              LIMIT 50
              """;
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        var ids = new List<object>(50);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            ids.Add(reader.GetValue(0));
        return ids;
    }

    /// <summary>
    /// The peer for views: what a list with counts does without keyset paging or shared counts: a COUNT(*) per view and
    /// per team over the waiting cases, and the page read with OFFSET (page 3 of the queue).
    /// </summary>
    private static async Task<object?> PeerViewsAsync(EarshotDbContextFactory contexts, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var now = DateTime.UtcNow;
        var soon = now.AddMinutes(15);
        var waiting = db.Cases.AsNoTracking().Where(c => c.Status == CaseStatus.New || c.Status == CaseStatus.Open);
        var counts = new List<int>
        {
            await waiting.CountAsync(cancellationToken),
            await waiting.CountAsync(c => c.AssigneeId == null, cancellationToken),
            await waiting.CountAsync(c => c.DueAt > now && c.DueAt <= soon, cancellationToken),
            await waiting.CountAsync(c => c.DueAt <= now, cancellationToken),
            await db.Cases.CountAsync(c => c.Status == CaseStatus.PendingCustomer, cancellationToken),
            await db.Cases.CountAsync(c => c.Status == CaseStatus.Resolved, cancellationToken),
        };
        foreach (var team in await db.Teams.Select(t => t.Id).ToListAsync(cancellationToken))
            counts.Add(await waiting.CountAsync(c => c.TeamId == team, cancellationToken));
        var page = await waiting.OrderBy(c => c.RankKey).Skip(100).Take(50).Select(c => c.Id).ToListAsync(cancellationToken);
        return (counts, page);
    }

    /// <summary>
    /// Brings a freshly seeded database to the state a running server keeps it in: PostgreSQL's autovacuum would
    /// have analysed the bulk-loaded cases and cleared the watcher's 100,000 superseded rows within a minute or two.
    /// Without statistics its planner sorts the whole backlog for "next case".
    /// </summary>
    private static async Task SettleAsync(EarshotDbContextFactory contexts, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        await db.Database.ExecuteSqlRawAsync(db.Provider == DatabaseProvider.Postgres ? "VACUUM ANALYZE cases" : "ANALYZE", cancellationToken);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
