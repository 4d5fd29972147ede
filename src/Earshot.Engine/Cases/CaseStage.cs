using Earshot.Core.Cases;
using Earshot.Core.Events;
using Earshot.Core.Pipeline;
using Earshot.Core.Posts;
using Earshot.Engine.Pipeline;

namespace Earshot.Engine.Cases;

/// <summary>
/// Turns actionable posts into cases: a customer's post joins their open case on the same thread (or channel,
/// within the join window), reopens a resolved one, or, when its intent is actionable, opens a new case that is
/// routed, given SLA deadlines and perhaps assigned. The brand's own posts never open a case; a brand reply in a
/// case's thread counts as the answer. Safe to re-run: a post already in a case is skipped.
/// </summary>
public sealed class CaseStage(
    IDbContextFactory<EarshotDbContext> contexts, CaseSettings settings, CaseAssigner assigner, EventBus bus, TimeProvider clock) : IPipelineStage
{
    public PipelineStep Step => PipelineStep.Cased;

    public async Task ProcessAsync(IReadOnlyList<Guid> postIds, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var done = await db.CasePosts.Where(c => postIds.Contains(c.PostId)).Select(c => c.PostId).ToListAsync(cancellationToken);
        var pending = postIds.Except(done).ToList();
        if (pending.Count == 0)
            return;
        // A post has one classification (keyed by post): one join, rather than a lookup per post for each label.
        var posts = await (
            from p in db.Posts.AsNoTracking().Where(p => pending.Contains(p.Id) && !p.IsDeleted)
            join c in db.Classifications on p.Id equals c.PostId into labels
            from c in labels.DefaultIfEmpty()
            select new CasePostInput(
                p.Id, p.WorkspaceId, p.ChannelId, p.AuthorId, p.Text, p.Language, p.CreatedAt, p.ExternalId, p.InReplyToExternalId,
                p.ThreadExternalId, p.IsBrand, p.Channel!.Kind, p.Author!.Followers, c == null ? "" : c.Intent, c == null ? Array.Empty<string>() : c.Severity))
            .ToListAsync(cancellationToken);
        var topics = (await db.TopicMatches.AsNoTracking().Where(m => pending.Contains(m.PostId)).Select(m => new { m.PostId, m.TopicId })
            .ToListAsync(cancellationToken)).ToLookup(m => m.PostId, m => m.TopicId);
        var now = clock.GetUtcNow().UtcDateTime;
        var events = new List<EarshotEvent>();
        // Most posts are chatter from people with no case: one query loads the open cases of the batch's authors, so
        // only actionable posts, their authors' posts and brand replies do any work. The batch is saved once; the
        // cases it opens and the posts it files are kept here, so each post sees what the ones before it did.
        var authorIds = posts.Where(p => !p.IsBrand).Select(p => p.AuthorId).Distinct().ToList();
        var batch = new CaseBatch(await db.Cases
            .Where(c => authorIds.Contains(c.AuthorId) && c.Status != CaseStatus.Closed && c.MergedIntoId == null)
            .ToListAsync(cancellationToken));
        foreach (var post in posts.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id))
        {
            var workspace = await settings.ForAsync(post.WorkspaceId, cancellationToken);
            if (!post.IsBrand && !batch.HasCase(post.AuthorId) && !IsActionable(workspace, post))
                continue;
            var changed = post.IsBrand
                ? await RecordBrandReplyAsync(db, batch, post, now, cancellationToken)
                : await AddCustomerPostAsync(db, batch, workspace, post, [.. topics[post.Id]], now, cancellationToken);
            if (changed is { } change)
                events.Add(new EarshotEvent(change.Type, post.WorkspaceId, change.CaseId, now));
        }
        await SaveAsync(db, batch, cancellationToken);
        foreach (var @event in events)
            bus.Publish(@event);
    }

    /// <summary>Saves the batch so far in one transaction: changes to stored cases, then the batch's new rows.</summary>
    private static async Task SaveAsync(EarshotDbContext db, CaseBatch batch, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await batch.InsertAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<(string Type, Guid CaseId)?> AddCustomerPostAsync(
        EarshotDbContext db, CaseBatch batch, WorkspaceCaseSettings workspace, CasePostInput post, IReadOnlyCollection<Guid> topicIds, DateTime now, CancellationToken cancellationToken)
    {
        if (IsRepost(post.Text))
            return null;
        var existing = await FindOpenCaseAsync(db, batch, workspace, post, cancellationToken);
        if (existing is not null)
        {
            batch.Insert(new CasePost { CaseId = existing.Id, PostId = post.Id, At = post.CreatedAt });
            batch.Filed(post.ChannelId, post.ExternalId, existing.Id);
            var reopened = existing.CustomerWrote(new CustomerMessage(post.CreatedAt, post.Intent, post.Severity, post.Followers), workspace, now);
            batch.Insert(new CaseEvent { CaseId = existing.Id, Kind = reopened ? CaseEventKinds.Reopened : CaseEventKinds.PostAdded, PostId = post.Id, At = now });
            return ("case.updated", existing.Id);
        }
        if (!IsActionable(workspace, post))
            return null;

        var routing = CaseRouter.Route(
            new RoutingInput(topicIds, post.Intent, post.Severity, post.Kind.WireName(), post.Language),
            workspace.Rules, workspace.TopicTeams, workspace.FallbackTeamId);
        var @case = Case.Open(new CaseOpening
        {
            WorkspaceId = post.WorkspaceId, ChannelId = post.ChannelId, AuthorId = post.AuthorId,
            ThreadExternalId = post.ThreadExternalId ?? post.ExternalId, Subject = Subject(post.Text),
            Status = CaseStatus.New, Intent = post.Intent, Severity = post.Severity, Language = post.Language,
            TeamId = routing.TeamId, RoutedBy = routing.RoutedBy,
            Priority = QueueOrder.HeadStart(workspace.Policy, post.Intent, post.Severity, post.Followers),
            OpenedAt = post.CreatedAt, LastCustomerPostAt = post.CreatedAt, WaitingSince = post.CreatedAt,
        }, workspace, now);
        var autoAssign = @case.TeamId is { } teamId && workspace.Teams.TryGetValue(teamId, out var team) && team.Assignment != Core.Workspaces.AssignmentMode.Manual
            ? team : null;
        // A case to assign automatically is tracked, so that the assignment is saved; it and the batch so far are saved
        // before assigning (agents' loads must count them, and a retry must find its post filed).
        if (autoAssign is null)
            batch.Insert(@case);
        else
            db.Cases.Add(@case);
        batch.Insert(new CasePost { CaseId = @case.Id, PostId = post.Id, At = post.CreatedAt });
        batch.Opened(@case);
        batch.Filed(post.ChannelId, post.ExternalId, @case.Id);
        batch.Insert(new CaseEvent { CaseId = @case.Id, Kind = CaseEventKinds.Opened, PostId = post.Id, At = now });
        batch.Insert(new CaseEvent
        {
            CaseId = @case.Id, Kind = CaseEventKinds.Routed, At = now.AddTicks(10), // just after "opened", so the history reads in order
            DataJson = CaseJson.Of(new { team_id = routing.TeamId, routed_by = routing.RoutedBy, rule_id = routing.RuleId }),
        });
        if (autoAssign is not null)
        {
            await SaveAsync(db, batch, cancellationToken);
            await assigner.AutoAssignAsync(db, @case, autoAssign, now.AddTicks(20), cancellationToken);
        }
        return ("case.opened", @case.Id);
    }

    /// <summary>The author's case on the same thread, or on the same channel within the join window; resolved ones reopen.</summary>
    private static async Task<Case?> FindOpenCaseAsync(
        EarshotDbContext db, CaseBatch batch, WorkspaceCaseSettings workspace, CasePostInput post, CancellationToken cancellationToken)
    {
        var since = post.CreatedAt.AddHours(-workspace.Policy.JoinWindowHours);
        var thread = post.ThreadExternalId;
        var candidates = batch.CasesOf(post.AuthorId);
        return candidates.FirstOrDefault(c => thread != null && c.ChannelId == post.ChannelId && c.ThreadExternalId == thread)
            ?? candidates.FirstOrDefault(c => c.ChannelId == post.ChannelId && c.Status != CaseStatus.Resolved && c.LastCustomerPostAt >= since)
            ?? await CaseRepliedToAsync(db, batch, post, candidates, cancellationToken);
    }

    /// <summary>A reply to a post of one of the author's cases belongs to that case, whatever the thread id says.</summary>
    private static async Task<Case?> CaseRepliedToAsync(EarshotDbContext db, CaseBatch batch, CasePostInput post, IReadOnlyList<Case> candidates, CancellationToken cancellationToken)
    {
        if (post.InReplyToExternalId is null || candidates.Count == 0)
            return null;
        var caseId = await CaseOfExternalIdAsync(db, batch, post.ChannelId, post.InReplyToExternalId, cancellationToken);
        return candidates.FirstOrDefault(c => c.Id == caseId);
    }

    /// <summary>The brand answered on the channel itself (outside Earshot): the case counts as answered.</summary>
    private static async Task<(string Type, Guid CaseId)?> RecordBrandReplyAsync(
        EarshotDbContext db, CaseBatch batch, CasePostInput post, DateTime now, CancellationToken cancellationToken)
    {
        if (post.InReplyToExternalId is null)
            return null;
        var caseId = await CaseOfExternalIdAsync(db, batch, post.ChannelId, post.InReplyToExternalId, cancellationToken);
        var @case = caseId is not { } id ? null : batch.NewCase(id) ?? await db.Cases.FindAsync([id], cancellationToken);
        if (@case is null || @case.Status is CaseStatus.Closed)
            return null;
        @case.RecordReplyOnChannel(post.CreatedAt, now);
        batch.Insert(new CaseEvent
        {
            CaseId = @case.Id, Kind = CaseEventKinds.Reply, PostId = post.Id, At = post.CreatedAt,
            DataJson = CaseJson.Of(new { text = post.Text, delivery = "on_channel" }),
        });
        return ("case.updated", @case.Id);
    }

    private static async Task<Guid?> CaseOfExternalIdAsync(EarshotDbContext db, CaseBatch batch, Guid channelId, string externalId, CancellationToken cancellationToken) =>
        batch.CaseOfPost(channelId, externalId)
        ?? await db.Posts.Where(p => p.ChannelId == channelId && p.ExternalId == externalId)
            .Join(db.CasePosts, p => p.Id, c => c.PostId, (p, c) => (Guid?)c.CaseId)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Complaints and questions (by default) ask for an answer; so does every message a visitor writes in the web chat,
    /// "hi" included: someone opened the chat to talk to us.
    /// </summary>
    private static bool IsActionable(WorkspaceCaseSettings workspace, CasePostInput post) =>
        post.Kind == ChannelKind.WebChat || workspace.Policy.ActionableIntents.Contains(post.Intent);

    /// <summary>Retweets and boosts repeat someone else's words; they never open a case.</summary>
    public static bool IsRepost(string text) => text.StartsWith("RT @", StringComparison.Ordinal);

    public static string Subject(string text)
    {
        var flat = string.Join(' ', text.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        if (flat.Length <= 140)
            return flat;
        // Never cut an emoji (a surrogate pair) in half: PostgreSQL refuses the broken half.
        var cut = char.IsHighSurrogate(flat[138]) ? 138 : 139;
        return flat[..cut] + "…";
    }
}

/// <summary>What the case stage reads of a post.</summary>
internal sealed record CasePostInput(
    Guid Id, Guid WorkspaceId, Guid ChannelId, Guid AuthorId, string Text, string? Language, DateTime CreatedAt,
    string ExternalId, string? InReplyToExternalId, string? ThreadExternalId, bool IsBrand, ChannelKind Kind, int? Followers,
    string Intent, IReadOnlyList<string> Severity);
