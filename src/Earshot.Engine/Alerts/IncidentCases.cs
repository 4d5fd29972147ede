using System.Globalization;
using Earshot.Core.Alerts;
using Earshot.Core.Cases;
using Earshot.Core.Events;
using Earshot.Core.Posts;
using Earshot.Engine.Cases;
using Earshot.Engine.Pipeline;
using Earshot.Engine.Workspaces;
using Earshot.Storage.Ingest;

namespace Earshot.Engine.Alerts;

/// <summary>
/// Opens the incident case of an alert: one case in the owning team's queue that stands for the whole spike, so
/// that one person coordinates it (status page, a canned reply, the fix) while the customers' own cases are answered.
/// An alert has at most one incident case; asking again returns the one already opened.
/// </summary>
public sealed class IncidentCases(
    IDbContextFactory<EarshotDbContext> contexts, WorkspaceDirectory directory, CaseSettings settings, CaseAssigner assigner,
    EventBus bus, TimeProvider clock)
{
    /// <summary>Incident cases sit on the workspace's API channel, under this author: nobody outside wrote them.</summary>
    public const string AuthorHandle = "earshot-alerts";

    public enum Outcome
    {
        Opened,
        AlreadyOpen,
        NotFound,
    }

    public sealed record Result(Outcome Outcome, Guid? CaseId);

    /// <param name="severity">A severity cue the person chose (outage, safety, …), which raises the case like a customer's post would.</param>
    public async Task<Result> OpenAsync(Guid alertId, string? severity, Guid? actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var alert = await db.Alerts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == alertId, cancellationToken);
        if (alert is null)
            return new Result(Outcome.NotFound, null);
        if (alert.IncidentCaseId is { } existing)
            return new Result(Outcome.AlreadyOpen, existing);

        var topic = await db.Topics.AsNoTracking().Where(t => t.Id == alert.TopicId).Select(t => new { t.Name, t.TeamId }).FirstOrDefaultAsync(cancellationToken);
        var workspace = await settings.ForAsync(alert.WorkspaceId, cancellationToken);
        var channelId = await directory.GetOrCreateChannelAsync(alert.WorkspaceId, ChannelKind.Api, cancellationToken);
        var authorId = StableIds.Author(channelId, AuthorHandle);
        var now = clock.GetUtcNow().UtcDateTime;
        var @case = NewCase(alert, topic?.Name, topic?.TeamId ?? workspace.FallbackTeamId, topic?.TeamId is null ? "fallback" : "topic owner", severity, workspace, channelId, authorId, now);

        await EnsureAuthorAsync(authorId, channelId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Cases.Add(@case);
        db.CaseEvents.Add(new CaseEvent
        {
            CaseId = @case.Id, Kind = CaseEventKinds.Opened, ActorId = actor, At = now,
            DataJson = CaseJson.Of(new { alert_id = alert.Id, topic = topic?.Name, kind = alert.Kind }),
        });
        db.CaseEvents.Add(new CaseEvent
        {
            CaseId = @case.Id, Kind = CaseEventKinds.Routed, At = now.AddTicks(10),
            DataJson = CaseJson.Of(new { team_id = @case.TeamId, routed_by = @case.RoutedBy, rule_id = (Guid?)null }),
        });
        db.CaseEvents.Add(new CaseEvent { CaseId = @case.Id, Kind = CaseEventKinds.Note, At = now.AddTicks(20), DataJson = CaseJson.Of(new { text = Summary(alert, topic?.Name) }) });
        db.AlertEvents.Add(new AlertEvent { AlertId = alert.Id, Type = AlertEventTypes.IncidentOpened, ActorId = actor, At = now, DataJson = CaseJson.Of(new { case_id = @case.Id }) });
        await db.SaveChangesAsync(cancellationToken);
        // Two people clicking at once: the first link wins, the other's case is rolled back and theirs is returned.
        var linked = await db.Alerts.Where(a => a.Id == alert.Id && a.IncidentCaseId == null)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.IncidentCaseId, @case.Id), cancellationToken);
        if (linked == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            var winner = await db.Alerts.AsNoTracking().Where(a => a.Id == alert.Id).Select(a => a.IncidentCaseId).FirstAsync(cancellationToken);
            return new Result(Outcome.AlreadyOpen, winner);
        }
        if (@case.TeamId is { } teamId && workspace.Teams.TryGetValue(teamId, out var team) && team.Assignment != Core.Workspaces.AssignmentMode.Manual)
        {
            await assigner.AutoAssignAsync(db, @case, team, now.AddTicks(30), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        bus.Publish(new EarshotEvent("case.opened", alert.WorkspaceId, @case.Id, now));
        bus.Publish(new EarshotEvent(AlertEventTypes.IncidentOpened, alert.WorkspaceId, alert.Id, now));
        return new Result(Outcome.Opened, @case.Id);
    }

    /// <summary>The author incident cases are filed under; two first incidents at once may both add it, and one wins.</summary>
    private async Task EnsureAuthorAsync(Guid authorId, Guid channelId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Authors.AnyAsync(a => a.Id == authorId, cancellationToken))
            return;
        db.Authors.Add(new Author { Id = authorId, ChannelId = channelId, Handle = AuthorHandle, DisplayName = "Earshot alerts" });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (!await db.Authors.AnyAsync(a => a.Id == authorId, cancellationToken))
                throw;
        }
    }

    private static Case NewCase(
        Alert alert, string? topic, Guid? teamId, string routedBy, string? severity, WorkspaceCaseSettings workspace, Guid channelId, Guid authorId, DateTime now)
    {
        const string intent = "complaint";
        string[] cues = severity is { Length: > 0 } ? [severity] : [];
        return Case.Open(new CaseOpening
        {
            WorkspaceId = alert.WorkspaceId, ChannelId = channelId, AuthorId = authorId, TeamId = teamId, RoutedBy = routedBy,
            ThreadExternalId = "alert:" + alert.Id.ToString("N"),
            Subject = CaseStage.Subject($"Incident: {Describe(alert.Kind)} on {topic ?? "a deleted topic"}"),
            Status = CaseStatus.New, Intent = intent, Severity = cues, Tags = ["incident"],
            Priority = QueueOrder.HeadStart(workspace.Policy, intent, cues, null),
            // The problem has been waiting on us since the spike began, not since someone clicked; it ranks like a
            // customer's case, but no customer waits on its reply, so it has no SLA deadlines to miss.
            OpenedAt = now, WaitingSince = alert.StartedAt, LastCustomerPostAt = alert.StartedAt, WithoutSla = true,
        }, workspace, now);
    }

    /// <summary>What the agent reads first on the case: the spike in numbers and its example posts.</summary>
    private static string Summary(Alert alert, string? topic)
    {
        var details = AlertDetails.Parse(alert.DetailsJson);
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"{Describe(alert.Kind)} on \"{topic}\" since {alert.StartedAt:yyyy-MM-dd HH:mm} UTC: {alert.Count} posts, peak {details.PeakPerMinute:0.#}/min (expected {details.Expected:0.#})."),
        };
        if (details.Terms.Count > 0)
            lines.Add("Top terms: " + string.Join(", ", details.Terms) + ".");
        lines.AddRange(details.Examples.Select(e => "- " + e.Text));
        lines.Add($"Alert: /alerts#alert-{alert.Id}");
        return string.Join('\n', lines);
    }

    /// <summary>"volume-spike" → "volume spike".</summary>
    private static string Describe(string kind) => kind.Replace('-', ' ');
}
