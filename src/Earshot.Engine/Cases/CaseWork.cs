using System.Text.Json;
using Earshot.Connectors;
using Earshot.Connectors.Replies;
using Earshot.Core.Cases;
using Earshot.Core.Events;
using Earshot.Core.Workspaces;
using Earshot.Engine.Pipeline;

namespace Earshot.Engine.Cases;

/// <summary>How an action on a case ended.</summary>
public enum CaseActionOutcome
{
    Done,
    /// <summary>The request itself is wrong (a field's value); nothing changed.</summary>
    Invalid,
    /// <summary>No such case.</summary>
    NotFound,
    /// <summary>The case changed under the agent (another reply, a merge): they decide again.</summary>
    Conflict,
    /// <summary>The channel refused to deliver the reply; it is recorded as failed.</summary>
    ChannelRefused,
    /// <summary>The caller's role may not do this (an agent handing a case to someone else).</summary>
    Forbidden,
}

/// <summary>The outcome of an action on a case: done (with what it made), or refused with a phrase for the field at fault.</summary>
public sealed record CaseActionResult(CaseActionOutcome Outcome, string? Field = null, Phrase? Error = null, object? Value = null)
{
    public bool Ok => Outcome == CaseActionOutcome.Done;

    public static CaseActionResult Done(object? value = null) => new(CaseActionOutcome.Done, Value: value);

    public static CaseActionResult Refused(string field, Phrase error, CaseActionOutcome outcome = CaseActionOutcome.Invalid) => new(outcome, field, error);

    public static readonly CaseActionResult NoSuchCase = Refused("id", new Phrase("no such case"), CaseActionOutcome.NotFound);
}

/// <summary>
/// What agents do to a case: reply, note, change status, assign, tag, merge, split. Every change appends a
/// <see cref="CaseEvent"/> with who and when, and publishes <c>case.updated</c> for live pages.
/// </summary>
public sealed class CaseWork(
    IDbContextFactory<EarshotDbContext> contexts, CaseSettings settings, IEnumerable<IReplySender> senders,
    EventBus bus, TimeProvider clock)
{
    public sealed record ReplyRequest(string Text, CaseStatus StatusAfter, Guid? LastSeenEventId, bool Confirm);

    public async Task<CaseActionResult> ReplyAsync(Guid caseId, User agent, ReplyRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Text))
            return CaseActionResult.Refused("text", new Phrase("write the reply first"));
        if (request.Text.Length > 10_000)
            return CaseActionResult.Refused("text", new Phrase("a reply is at most 10,000 characters"));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var @case = await db.Cases.FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (@case is null)
            return CaseActionResult.NoSuchCase;
        var now = clock.GetUtcNow().UtcDateTime;

        if (!request.Confirm && await ReplyByAnotherSinceAsync(db, caseId, agent.Id, request.LastSeenEventId, cancellationToken) is { } other)
            return new CaseActionResult(CaseActionOutcome.Conflict, "confirm", new Phrase("{0} replied {1} ago; send anyway with confirm", other.Name, QueueOrder.Duration(now - other.At)),
                new { replied_by = other.Name, replied_at = other.At });

        var target = await db.CasePosts.Where(cp => cp.CaseId == caseId)
            .Join(db.Posts, cp => cp.PostId, p => p.Id, (cp, p) => p)
            .OrderByDescending(p => p.CreatedAt)
            .Select(p => new { p.ExternalId, p.ThreadExternalId, p.ChannelId, p.Channel!.Kind, p.Channel.SettingsJson, p.Author!.Handle, p.RawPayload })
            .FirstOrDefaultAsync(cancellationToken);
        string delivery = "recorded";
        string? externalId = null;
        using var channelSettings = JsonDocument.Parse(target?.SettingsJson ?? "{}");
        // A channel with no settings (where imports and the API post) has no account to send from: the reply is recorded.
        var configured = channelSettings.RootElement.ValueKind == JsonValueKind.Object && channelSettings.RootElement.EnumerateObject().Any();
        if (target is not null && configured && senders.FirstOrDefault(s => s.Kind == target.Kind) is { } sender)
        {
            try
            {
                externalId = await sender.SendAsync(
                    new OutboundReply(target.ChannelId, channelSettings.RootElement, target.ExternalId, target.ThreadExternalId, target.Handle, request.Text, target.RawPayload), cancellationToken);
                delivery = "sent";
                // Counted in the database, not read-modify-written: agents reply concurrently and the host saves health too.
                await db.Channels.Where(c => c.Id == target.ChannelId)
                    .ExecuteUpdateAsync(set => set.SetProperty(c => c.Health.RepliesSent, c => c.Health.RepliesSent + 1), cancellationToken);
            }
            catch (Exception error) when (error is HttpRequestException or ConnectorException or IOException or InvalidOperationException
                                                   or MailKit.CommandException or MailKit.ProtocolException or System.Net.Sockets.SocketException)
            {
                db.CaseEvents.Add(new CaseEvent
                {
                    CaseId = caseId, Kind = CaseEventKinds.Reply, ActorId = agent.Id, At = now,
                    DataJson = CaseJson.Of(new { text = request.Text, delivery = "failed", error = error.Message }),
                });
                await db.SaveChangesAsync(cancellationToken);
                return CaseActionResult.Refused("channel", new Phrase("the channel refused the reply: {0}", error.Message), CaseActionOutcome.ChannelRefused);
            }
        }
        var replyEvent = new CaseEvent
        {
            CaseId = caseId, Kind = CaseEventKinds.Reply, ActorId = agent.Id, At = now,
            DataJson = CaseJson.Of(new { text = request.Text, delivery, external_id = externalId }),
        };
        db.CaseEvents.Add(replyEvent);
        @case.RecordReply(agent.Id, now);
        // A moment after the reply, so the history lists them in the order they happened.
        await ChangeStatusAsync(db, @case, request.StatusAfter, agent.Id, now.AddTicks(10), cancellationToken);
        await SaveAndPublishAsync(db, @case, now, cancellationToken);
        return CaseActionResult.Done(new { event_id = replyEvent.Id, delivery, external_id = externalId });
    }

    private sealed record OtherReply(string Name, DateTime At);

    private static async Task<OtherReply?> ReplyByAnotherSinceAsync(EarshotDbContext db, Guid caseId, Guid agentId, Guid? lastSeenEventId, CancellationToken cancellationToken)
    {
        var seenAt = lastSeenEventId is { } seen
            ? await db.CaseEvents.Where(e => e.Id == seen && e.CaseId == caseId).Select(e => (DateTime?)e.At).FirstOrDefaultAsync(cancellationToken)
            : null;
        var query = db.CaseEvents.Where(e => e.CaseId == caseId && e.Kind == CaseEventKinds.Reply && e.ActorId != null && e.ActorId != agentId);
        if (seenAt is { } at)
            query = query.Where(e => e.At > at);
        else if (lastSeenEventId is null)
            return null;
        return await query.OrderByDescending(e => e.At)
            .Join(db.Users, e => e.ActorId, u => u.Id, (e, u) => new OtherReply(u.DisplayName, e.At))
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<CaseActionResult> AddNoteAsync(Guid caseId, User author, string text, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text))
            return CaseActionResult.Refused("text", new Phrase("write the note first"));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var @case = await db.Cases.FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (@case is null)
            return CaseActionResult.NoSuchCase;
        var handles = Mentions.Find(text);
        // Only people who work on the case's workspace can be called in (admins work on every one).
        var colleagues = await db.Users.AsNoTracking()
            .Where(u => u.Role == Roles.Admin || db.WorkspaceMembers.Any(m => m.UserId == u.Id && m.WorkspaceId == @case.WorkspaceId))
            .Select(u => new { u.Id, u.Email, u.DisplayName }).ToListAsync(cancellationToken);
        var mentioned = colleagues
            .Where(u => handles.Contains(u.Email) || handles.Contains(u.Email.Split('@')[0]) || handles.Contains(u.DisplayName.ToLowerInvariant().Replace(' ', '.')))
            .Select(u => u.Id).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var note = new CaseEvent { CaseId = caseId, Kind = CaseEventKinds.Note, ActorId = author.Id, At = now, DataJson = CaseJson.Of(new { text, mentions = mentioned }) };
        db.CaseEvents.Add(note);
        await SaveAndPublishAsync(db, @case, now, cancellationToken);
        foreach (var user in mentioned)
            bus.Publish(new EarshotEvent("case.mentioned", @case.WorkspaceId, user, now));
        return CaseActionResult.Done(new { event_id = note.Id, mentions = mentioned });
    }

    public async Task<CaseActionResult> SetStatusAsync(Guid caseId, Guid actorId, CaseStatus status, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var @case = await db.Cases.FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (@case is null)
            return CaseActionResult.NoSuchCase;
        if (@case.MergedIntoId is not null)
            return CaseActionResult.Refused("status", new Phrase("this case was merged into another; work that one"), CaseActionOutcome.Conflict);
        // The same moves the case page offers: never back to new (only the queue makes a case new), a closed case only reopens.
        if (status != @case.Status && !@case.Status.NextStatuses().Contains(status))
            return CaseActionResult.Refused("status",
                new Phrase("a {0} case can move to {1}", @case.Status.WireName(), string.Join(", ", @case.Status.NextStatuses().Select(s => s.WireName()))), CaseActionOutcome.Conflict);
        var now = clock.GetUtcNow().UtcDateTime;
        await ChangeStatusAsync(db, @case, status, actorId, now, cancellationToken);
        await SaveAndPublishAsync(db, @case, now, cancellationToken);
        return CaseActionResult.Done();
    }

    private async Task ChangeStatusAsync(EarshotDbContext db, Case @case, CaseStatus status, Guid actorId, DateTime now, CancellationToken cancellationToken)
    {
        if (@case.Status == status)
            return;
        var workspace = await settings.ForAsync(@case.WorkspaceId, cancellationToken);
        var from = @case.Status;
        @case.SetStatus(status, workspace, now);
        db.CaseEvents.Add(StatusChanged(@case.Id, from, status, actorId, now));
    }

    private static CaseEvent StatusChanged(Guid caseId, CaseStatus from, CaseStatus to, Guid actorId, DateTime at) => new()
    {
        CaseId = caseId, Kind = CaseEventKinds.StatusChanged, ActorId = actorId, At = at,
        DataJson = CaseJson.Of(new { from = from.WireName(), to = to.WireName() }),
    };

    /// <summary>
    /// Gives the case to <paramref name="assigneeId"/> (null: back to the team) and moves it to <paramref name="teamId"/>
    /// (null: stays). A lead or admin (<paramref name="actorRole"/>) may do either freely; an agent takes a case for
    /// themselves or leaves it, and moves it only to one of their own teams.
    /// </summary>
    public async Task<CaseActionResult> AssignAsync(Guid caseId, Guid actorId, string actorRole, Guid? assigneeId, Guid? teamId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var @case = await db.Cases.FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (@case is null)
            return CaseActionResult.NoSuchCase;
        if (!Roles.CanManage(actorRole))
        {
            if (assigneeId is { } other && other != actorId && other != @case.AssigneeId)
                return CaseActionResult.Refused("assignee_id", new Phrase("only leads and admins assign cases to others"), CaseActionOutcome.Forbidden);
            if (teamId is { } moveTo && moveTo != @case.TeamId && !await db.TeamMembers.AnyAsync(m => m.TeamId == moveTo && m.UserId == actorId, cancellationToken))
                return CaseActionResult.Refused("team_id", new Phrase("agents move cases only to their own teams"), CaseActionOutcome.Forbidden);
        }
        // Only someone who works this case's workspace may hold it (admins work every one); never a deactivated account.
        if (assigneeId is { } userId && !await db.Users.AnyAsync(u => u.Id == userId && u.Role != Roles.Analyst && u.DeactivatedAt == null
                && (u.Role == Roles.Admin || db.WorkspaceMembers.Any(m => m.UserId == u.Id && m.WorkspaceId == @case.WorkspaceId)), cancellationToken))
            return CaseActionResult.Refused("assignee_id", new Phrase("no such agent in this case's workspace (analysts cannot hold cases)"));
        if (teamId is { } team && !await db.Teams.AnyAsync(t => t.Id == team && t.WorkspaceId == @case.WorkspaceId, cancellationToken))
            return CaseActionResult.Refused("team_id", new Phrase("no such team in this case's workspace"));
        var now = clock.GetUtcNow().UtcDateTime;
        if (teamId is { } movedTo)
            @case.RouteTo(movedTo, "moved by hand");
        @case.Assign(assigneeId);
        db.CaseEvents.Add(new CaseEvent
        {
            CaseId = caseId, Kind = CaseEventKinds.Assigned, ActorId = actorId, At = now,
            DataJson = CaseJson.Of(new { assignee_id = assigneeId, team_id = @case.TeamId, how = "manual" }),
        });
        await SaveAndPublishAsync(db, @case, now, cancellationToken);
        return CaseActionResult.Done();
    }

    public async Task<CaseActionResult> SetTagsAsync(Guid caseId, Guid actorId, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        var clean = tags.Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct().ToList();
        if (clean.Any(t => t.Length > 50) || clean.Count > 30)
            return CaseActionResult.Refused("tags", new Phrase("at most 30 tags of at most 50 characters"));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var @case = await db.Cases.FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (@case is null)
            return CaseActionResult.NoSuchCase;
        var now = clock.GetUtcNow().UtcDateTime;
        var (added, removed) = @case.SetTags(clean);
        db.CaseEvents.Add(new CaseEvent
        {
            CaseId = caseId, Kind = CaseEventKinds.Tagged, ActorId = actorId, At = now,
            DataJson = CaseJson.Of(new { added, removed }),
        });
        await SaveAndPublishAsync(db, @case, now, cancellationToken);
        return CaseActionResult.Done();
    }

    /// <summary>Moves every post of <paramref name="caseId"/> into <paramref name="intoId"/> and closes the source.</summary>
    public async Task<CaseActionResult> MergeAsync(Guid caseId, Guid intoId, Guid actorId, CancellationToken cancellationToken)
    {
        if (caseId == intoId)
            return CaseActionResult.Refused("into", new Phrase("a case cannot be merged into itself"));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var source = await db.Cases.FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        var target = await db.Cases.FirstOrDefaultAsync(c => c.Id == intoId, cancellationToken);
        if (source is null)
            return CaseActionResult.NoSuchCase;
        if (target is null || target.WorkspaceId != source.WorkspaceId)
            return CaseActionResult.Refused("into", new Phrase("no such case in this workspace"));
        if (target.MergedIntoId is not null)
            return CaseActionResult.Refused("into", new Phrase("that case was itself merged; merge into the case it went to"));
        var now = clock.GetUtcNow().UtcDateTime;
        var posts = await db.CasePosts.Where(cp => cp.CaseId == caseId).ToListAsync(cancellationToken);
        db.CasePosts.RemoveRange(posts);
        await db.SaveChangesAsync(cancellationToken);
        db.CasePosts.AddRange(posts.Select(p => new CasePost { CaseId = intoId, PostId = p.PostId, At = p.At }));
        var from = source.Status;
        source.MergeInto(target, await settings.ForAsync(source.WorkspaceId, cancellationToken), now);
        if (from != CaseStatus.Closed)
            db.CaseEvents.Add(StatusChanged(caseId, from, CaseStatus.Closed, actorId, now));
        db.CaseEvents.Add(new CaseEvent { CaseId = caseId, Kind = CaseEventKinds.Merged, ActorId = actorId, At = now, DataJson = CaseJson.Of(new { into = intoId }) });
        db.CaseEvents.Add(new CaseEvent { CaseId = intoId, Kind = CaseEventKinds.Merged, ActorId = actorId, At = now, DataJson = CaseJson.Of(new { from = caseId, posts = posts.Count }) });
        await SaveAndPublishAsync(db, source, now, cancellationToken);
        bus.Publish(new EarshotEvent("case.updated", target.WorkspaceId, target.Id, now));
        return CaseActionResult.Done(new { into = intoId, moved = posts.Count });
    }

    /// <summary>Moves some posts of a case into a new case of their own (a second, unrelated problem).</summary>
    public async Task<CaseActionResult> SplitAsync(Guid caseId, IReadOnlyList<Guid> postIds, Guid actorId, CancellationToken cancellationToken)
    {
        if (postIds.Count == 0)
            return CaseActionResult.Refused("post_ids", new Phrase("name the posts to move into the new case"));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var source = await db.Cases.FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (source is null)
            return CaseActionResult.NoSuchCase;
        var links = await db.CasePosts.Where(cp => cp.CaseId == caseId).OrderBy(cp => cp.At).ToListAsync(cancellationToken);
        var moving = links.Where(l => postIds.Contains(l.PostId)).ToList();
        if (moving.Count != postIds.Distinct().Count())
            return CaseActionResult.Refused("post_ids", new Phrase("every post must belong to this case"));
        if (moving.Count == links.Count)
            return CaseActionResult.Refused("post_ids", new Phrase("leave at least one post in the case"));
        var now = clock.GetUtcNow().UtcDateTime;
        var first = await db.Posts.AsNoTracking().FirstAsync(p => p.Id == moving[0].PostId, cancellationToken);
        var workspace = await settings.ForAsync(source.WorkspaceId, cancellationToken);
        var split = Case.Open(new CaseOpening
        {
            WorkspaceId = source.WorkspaceId, ChannelId = first.ChannelId, AuthorId = source.AuthorId, TeamId = source.TeamId,
            RoutedBy = "split by hand", ThreadExternalId = first.ThreadExternalId ?? first.ExternalId, Subject = CaseStage.Subject(first.Text),
            Status = CaseStatus.Open, Intent = source.Intent, Severity = source.Severity, Language = source.Language, Priority = source.Priority,
            OpenedAt = moving[0].At, WaitingSince = moving[0].At, LastCustomerPostAt = moving[^1].At,
        }, workspace, now);
        db.Cases.Add(split);
        db.CasePosts.RemoveRange(moving);
        await db.SaveChangesAsync(cancellationToken);
        db.CasePosts.AddRange(moving.Select(m => new CasePost { CaseId = split.Id, PostId = m.PostId, At = m.At }));
        db.CaseEvents.Add(new CaseEvent { CaseId = caseId, Kind = CaseEventKinds.Split, ActorId = actorId, At = now, DataJson = CaseJson.Of(new { to = split.Id, posts = moving.Count }) });
        db.CaseEvents.Add(new CaseEvent { CaseId = split.Id, Kind = CaseEventKinds.Opened, ActorId = actorId, At = now, DataJson = CaseJson.Of(new { split_from = caseId }) });
        await SaveAndPublishAsync(db, source, now, cancellationToken);
        bus.Publish(new EarshotEvent("case.opened", split.WorkspaceId, split.Id, now));
        return CaseActionResult.Done(new { id = split.Id });
    }

    private async Task SaveAndPublishAsync(EarshotDbContext db, Case @case, DateTime now, CancellationToken cancellationToken)
    {
        @case.Touch(now);
        await db.SaveChangesAsync(cancellationToken);
        bus.Publish(new EarshotEvent("case.updated", @case.WorkspaceId, @case.Id, now));
    }
}
