using Earshot.Core.Alerts;
using Earshot.Core.Cases;
using Earshot.Core.Posts;
using Earshot.Core.Workspaces;
using Earshot.Engine.Alerts;
using Earshot.Engine.Cases;
using Earshot.Engine.Pipeline;

namespace Earshot.Demo;

/// <summary>
/// Plays the demo's week in time order on the demo clock: each post goes through the real pipeline when it was
/// written, and the care team answers the cases it opens as a good team does. Most were answered within their SLA
/// and resolved, a few late; some wait on the customer, who thanks the agent or writes again; the last hours' cases
/// are partly still waiting, so the inbox shows a floor at work: most on time, some near their deadline, a few
/// breached. The incident's alert is acknowledged by the lead, who opens its incident case and tells the customers.
/// </summary>
internal sealed class DemoFloor(IServiceProvider services, DemoClock clock, DateTime now, Random random)
{
    private const int MostBreached = 3;

    private readonly IngestService _ingest = services.GetRequiredService<IngestService>();
    private readonly PipelineRunner _pipeline = services.GetRequiredService<PipelineRunner>();
    private readonly CaseWork _work = services.GetRequiredService<CaseWork>();
    private readonly IDbContextFactory<EarshotDbContext> _contexts = services.GetRequiredService<IDbContextFactory<EarshotDbContext>>();
    private readonly PriorityQueue<Func<CancellationToken, Task>, DateTime> _agenda = new();
    private DemoStaff _staff = null!;
    private int _breached;
    private DateTime _lateSince;

    public async Task PlayAsync(Guid workspaceId, IReadOnlyList<DemoPost> openers, CancellationToken cancellationToken)
    {
        _staff = await DemoStaff.LoadAsync(_contexts, workspaceId, cancellationToken);
        // The few cases left past their deadline come from the last five hours, or from as far back as the last
        // twenty customers' posts go when the night was quiet: the demo shows a few breaches at any hour.
        var recent = openers.Where(p => p.Line.Kind != DemoLines.Outage).OrderByDescending(p => p.At).Take(20).LastOrDefault()?.At ?? now;
        _lateSince = recent < now.AddHours(-5) ? recent : now.AddHours(-5);
        foreach (var post in openers)
            At(post.At, token => WriteAsync(post, token));
        At(now - DemoWeek.IncidentStart + TimeSpan.FromMinutes(12), token => RunIncidentAsync(workspaceId, token));
        try
        {
            while (_agenda.TryDequeue(out var step, out var at))
            {
                if (at >= now)
                    continue;
                clock.Replay(at);
                await step(cancellationToken);
            }
        }
        finally
        {
            clock.Resume();
        }
        // The brand's public update, written last, goes through the pipeline too.
        await _pipeline.SweepAsync(cancellationToken);
    }

    private void At(DateTime at, Func<CancellationToken, Task> step) => _agenda.Enqueue(step, at);

    /// <summary>The customer writes; the pipeline files it at once, as it would live; a case it opens gets its story.</summary>
    private async Task WriteAsync(DemoPost post, CancellationToken cancellationToken)
    {
        var stored = await _ingest.IngestAsync(DemoScript.Workspace, [post.ToIncoming()], cancellationToken);
        await _pipeline.SweepAsync(cancellationToken);
        if (post.InReplyTo is not null)
            return;
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var postId = stored[0].PostId;
        var opened = await db.CaseEvents.AsNoTracking().Where(e => e.PostId == postId && e.Kind == CaseEventKinds.Opened)
            .Join(db.Cases, e => e.CaseId, c => c.Id, (e, c) => c).FirstOrDefaultAsync(cancellationToken);
        if (opened is not null)
            Plan(opened, post);
    }

    /// <summary>What happens to a case: when it is answered (if yet), and whether the customer writes again.</summary>
    private void Plan(Case @case, DemoPost post)
    {
        var opened = post.At;
        var firstResponse = (@case.FirstResponseDueAt ?? opened.AddHours(2)) - opened;
        if (post.Line.Kind == DemoLines.Outage)
        {
            // Mid-incident: the team answers who it can with what it knows so far.
            if (random.NextDouble() < 0.5)
                At(opened.AddMinutes(random.Next(3, 20)), token => ReplyAsync(@case, post, "outage", CaseStatus.PendingCustomer, token));
            return;
        }
        if (StillWaiting(opened, firstResponse))
        {
            if (random.NextDouble() < 0.5)
                At(opened.AddMinutes(random.Next(1, 10)), token => TakeAsync(@case, token));
            return;
        }
        var onTime = random.NextDouble() < 0.92 || now - opened < TimeSpan.FromDays(1);
        var answered = opened + firstResponse * (onTime ? 0.1 + 0.75 * random.NextDouble() : 1.1 + random.NextDouble());
        var kind = ReplyKind(@case);
        var ending = random.NextDouble();
        if (ending < 0.5)
        {
            At(answered, token => ReplyAsync(@case, post, kind, CaseStatus.Resolved, token));
            return;
        }
        At(answered, token => ReplyAsync(@case, post, kind, CaseStatus.PendingCustomer, token));
        var pleased = ending < 0.78;
        var again = answered.AddMinutes(pleased ? random.Next(10, 240) : random.Next(60, 900));
        At(again, token => WriteAgainAsync(@case, post, pleased ? DemoLines.Thanks : DemoLines.StillWaiting, again, token));
    }

    /// <summary>Whether nobody has answered yet: many of the last hours' cases, within their time; a few recent ones past it.</summary>
    private bool StillWaiting(DateTime opened, TimeSpan firstResponse)
    {
        if (opened + firstResponse >= now)
            return now - opened < TimeSpan.FromHours(3) && random.NextDouble() < 0.6;
        if (opened < _lateSince || _breached == MostBreached)
            return false;
        _breached++;
        return true;
    }

    private static string ReplyKind(Case @case) =>
        @case.Severity.Contains("billing") ? "billing" : @case.Severity.Contains("outage") ? "outage" : @case.Intent == "question" ? "question" : "complaint";

    /// <summary>The customer answers the agent: thanks (the agent resolves the case) or "still waiting" (the agent answers again).</summary>
    private Task WriteAgainAsync(Case @case, DemoPost first, string kind, DateTime at, CancellationToken cancellationToken)
    {
        var lines = DemoLines.Of(kind).Where(l => l.Language == first.Line.Language).ToList();
        if (lines.Count == 0)
            lines = [.. DemoLines.Of(kind).Where(l => l.Language == "en")];
        var line = lines[random.Next(lines.Count)];
        var post = first with { Id = first.Id + "-" + kind, At = at, Line = line, InReplyTo = first.Id };
        if (kind == DemoLines.Thanks)
            At(at.AddMinutes(random.Next(3, 45)), token => ResolveAsync(@case, token));
        else
            At(at.AddMinutes(random.Next(8, 150)), token => ReplyAsync(@case, first, ReplyKind(@case), CaseStatus.Resolved, token));
        return WriteAsync(post, cancellationToken);
    }

    private async Task ReplyAsync(Case @case, DemoPost post, string kind, CaseStatus after, CancellationToken cancellationToken)
    {
        var agent = await AgentForAsync(@case.Id, cancellationToken);
        var (language, words) = DemoLines.Reply(random, kind, post.Line.Language);
        var text = $"{Greeting(language)} {post.Author.FirstName}! {words}";
        await _work.ReplyAsync(@case.Id, agent, new CaseWork.ReplyRequest(text, after, null, Confirm: true), cancellationToken);
    }

    private async Task TakeAsync(Case @case, CancellationToken cancellationToken)
    {
        var agent = await AgentForAsync(@case.Id, cancellationToken);
        await _work.AssignAsync(@case.Id, agent.Id, agent.Role, agent.Id, null, cancellationToken);
    }

    private async Task ResolveAsync(Case @case, CancellationToken cancellationToken)
    {
        var agent = await AgentForAsync(@case.Id, cancellationToken);
        await _work.SetStatusAsync(@case.Id, agent.Id, CaseStatus.Resolved, cancellationToken);
    }

    /// <summary>Whoever holds the case, or someone of its team.</summary>
    private async Task<User> AgentForAsync(Guid caseId, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var held = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => new { c.AssigneeId, c.TeamId }).FirstAsync(cancellationToken);
        return _staff.For(held.AssigneeId, held.TeamId, random);
    }

    private static string Greeting(string language) => language switch
    {
        "de" => "Hallo",
        "es" => "Hola",
        "fr" => "Bonjour",
        "pt" => "Olá",
        "nl" => "Hoi",
        _ => "Hi",
    };

    /// <summary>
    /// Soon after the alert opens the lead has seen it: acknowledges it, opens the incident case with
    /// what the network team knows, and the brand tells everyone in public.
    /// </summary>
    private async Task RunIncidentAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var alert = await db.Alerts.AsNoTracking()
            .Where(a => a.WorkspaceId == workspaceId && a.Status == AlertStatus.Open)
            .Join(db.Topics.Where(t => t.Name == DemoScript.OutageTopic), a => a.TopicId, t => t.Id, (a, t) => a)
            .OrderByDescending(a => a.StartedAt).FirstOrDefaultAsync(cancellationToken);
        if (alert is null)
        {
            // Not seen yet: the lead looks again in a few minutes.
            At(clock.GetUtcNow().UtcDateTime.AddMinutes(3), token => RunIncidentAsync(workspaceId, token));
            return;
        }
        var lead = _staff.Lead;
        await services.GetRequiredService<AlertActions>().AcknowledgeAsync(alert.Id, lead.Id, cancellationToken);
        var incident = await services.GetRequiredService<IncidentCases>().OpenAsync(alert.Id, "outage", lead.Id, cancellationToken);
        if (incident.CaseId is { } caseId)
        {
            await _work.AssignAsync(caseId, lead.Id, lead.Role, lead.Id, null, cancellationToken);
            await _work.AddNoteAsync(caseId, lead,
                "Network team confirms a mast fault north of Leeds city centre; engineers are on their way. Answer with the outage reply and keep people posted here.",
                cancellationToken);
        }
        var update = new DemoPost($"demo-incident-update", clock.GetUtcNow().UtcDateTime.AddMinutes(2),
            new DemoLines.Customer("AuroraMobile", "Aurora Mobile", 84_000, "en"), ChannelKind.X,
            new DemoLines.Line("brand", "en", "We know some of you around Leeds have no signal right now. Our engineers are on it and we'll post an update here within the hour. Sorry for the disruption."));
        await _ingest.IngestAsync(DemoScript.Workspace, [update.ToIncoming() with { IsBrand = true }], cancellationToken);
    }
}
