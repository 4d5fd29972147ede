using Earshot.Core.Workspaces;

namespace Earshot.Core.Cases;

/// <summary>
/// A customer's thread that needs an answer. It changes state only through its own methods, which keep the queue
/// fields (<see cref="Queued"/>, <see cref="DueAt"/>, <see cref="RankKey"/>) in step with its status and SLA clock.
/// </summary>
public sealed partial class Case : IWorkspaceOwned
{
    /// <summary>For EF Core; new cases come from <see cref="Open"/>.</summary>
    private Case()
    {
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; private set; }
    public Guid ChannelId { get; private set; }
    public Guid? TeamId { get; private set; }
    public Guid AuthorId { get; private set; }
    public Guid? AssigneeId { get; private set; }
    public string? ThreadExternalId { get; private set; }
    /// <summary>The first words of the post that opened the case, for lists.</summary>
    public string Subject { get; private set; } = "";
    public CaseStatus Status { get; private set; }
    /// <summary>True while the case waits for us (new or open): the queue is exactly these.</summary>
    public bool Queued { get; private set; }
    public string Intent { get; private set; } = "";
    /// <summary>Severity cues of the case's posts ("outage", "billing"), each once.</summary>
    public IReadOnlyList<string> Severity { get; private set; } = [];
    public string? Language { get; private set; }
    /// <summary>Head start in minutes from severity, intent (and reach, when a workspace turns it on).</summary>
    public double Priority { get; private set; }
    /// <summary>
    /// Queue order, ascending: minutes since the epoch when the customer started waiting, minus the head start and
    /// the deadline boost. Waiting raises every case's priority at the same rate, so this order does not change as
    /// time passes; only a deadline coming close changes it, and the SLA watcher then updates the boost.
    /// </summary>
    public double RankKey { get; private set; }
    /// <summary>When the customer's unanswered message arrived; null while nobody is waiting on us.</summary>
    public DateTime? WaitingSince { get; private set; }
    /// <summary>The nearest SLA deadline still to meet (first or next response, else resolution).</summary>
    public DateTime? DueAt { get; private set; }
    /// <summary>The deadline already reported as breached, so each breach is raised once.</summary>
    public DateTime? BreachedDueAt { get; private set; }
    /// <summary>
    /// Minutes a near (or missed) deadline currently adds, already included in <see cref="RankKey"/>. Set by the SLA
    /// watcher when the deadline comes close, so that the queue stays one index scan.
    /// </summary>
    public double DeadlineBoost { get; private set; }
    public int Breaches { get; private set; }
    public Guid? SlaPolicyId { get; private set; }
    /// <summary>The routing rule's name, "topic owner", or "fallback": why the case went to its team.</summary>
    public string RoutedBy { get; private set; } = "";
    public List<string> Tags { get; private set; } = [];
    public DateTime OpenedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public DateTime? FirstResponseDueAt { get; private set; }
    public DateTime? NextResponseDueAt { get; private set; }
    public DateTime? ResolutionDueAt { get; private set; }
    public DateTime? FirstRespondedAt { get; private set; }
    public DateTime? LastCustomerPostAt { get; private set; }
    /// <summary>When the case went to "pending customer", so SLA timers can be resumed where they stopped.</summary>
    public DateTime? PausedAt { get; private set; }
    public DateTime? ResolvedAt { get; private set; }
    public Guid? MergedIntoId { get; private set; }

    /// <summary>
    /// A new case, with its SLA deadlines counted from when the customer started waiting (else from its opening),
    /// unless the opening says it has none (an incident case: no customer waits on its reply).
    /// </summary>
    public static Case Open(CaseOpening opening, WorkspaceCaseSettings settings, DateTime now)
    {
        var @case = new Case
        {
            WorkspaceId = opening.WorkspaceId, ChannelId = opening.ChannelId, AuthorId = opening.AuthorId,
            ThreadExternalId = opening.ThreadExternalId, Subject = opening.Subject, Status = opening.Status,
            Intent = opening.Intent, Severity = [.. opening.Severity], Language = opening.Language,
            TeamId = opening.TeamId, RoutedBy = opening.RoutedBy, Priority = opening.Priority, Tags = [.. opening.Tags],
            OpenedAt = opening.OpenedAt, UpdatedAt = now, WaitingSince = opening.WaitingSince, LastCustomerPostAt = opening.LastCustomerPostAt,
        };
        if (opening.WithoutSla)
            @case.Refresh();
        else
            @case.StartSla(settings, opening.WaitingSince ?? opening.OpenedAt);
        return @case;
    }

    /// <summary>The last change happened at <paramref name="now"/> (the rank key is not recomputed for it).</summary>
    public void Touch(DateTime now) => UpdatedAt = now;

    /// <summary>A person gives the case to an agent (or takes it back, with null); a new case they assign is open.</summary>
    public void Assign(Guid? agentId)
    {
        AssigneeId = agentId;
        if (Status == CaseStatus.New && agentId is not null)
            Status = CaseStatus.Open;
        Refresh();
    }

    /// <summary>The team's rotation gives the case to an agent; it stays new until they work it.</summary>
    public void AssignAutomatically(Guid agentId) => AssigneeId = agentId;

    /// <summary>Moves the case to another team; returns false when it already is that team's.</summary>
    public bool RouteTo(Guid teamId, string routedBy)
    {
        if (teamId == TeamId)
            return false;
        TeamId = teamId;
        RoutedBy = routedBy;
        return true;
    }

    /// <summary>An agent answered through Earshot: the case is theirs unless someone holds it, and the response clock stops.</summary>
    public void RecordReply(Guid agentId, DateTime at)
    {
        AssigneeId ??= agentId;
        Answered(at);
    }

    /// <summary>The brand answered on the channel itself: the case is answered and, if it waited on us, waits on the customer.</summary>
    public void RecordReplyOnChannel(DateTime at, DateTime now)
    {
        Answered(at);
        if (Status is CaseStatus.New or CaseStatus.Open)
        {
            Status = CaseStatus.PendingCustomer;
            Pause(at);
        }
        UpdatedAt = now;
        Refresh();
    }

    /// <summary>
    /// Moves the case to <paramref name="status"/>: waiting on the customer pauses the resolution clock and leaving
    /// that status resumes it; resolving or closing records when. Returns false when the case already had that status.
    /// </summary>
    public bool SetStatus(CaseStatus status, WorkspaceCaseSettings settings, DateTime at)
    {
        if (Status == status)
            return false;
        if (Status == CaseStatus.PendingCustomer)
            Resume(settings, at);
        if (status == CaseStatus.PendingCustomer)
            Pause(at);
        Status = status;
        ResolvedAt = status is CaseStatus.Resolved or CaseStatus.Closed ? at : null;
        Refresh();
        return true;
    }

    /// <summary>
    /// The customer wrote again (<paramref name="at"/>), with these labels: a resolved or pending case opens again, the
    /// cues add up, an actionable intent replaces one that is not, and the next-response clock starts. Returns
    /// whether a resolved case was reopened.
    /// </summary>
    public bool CustomerWrote(CustomerMessage message, WorkspaceCaseSettings settings, DateTime now)
    {
        var reopened = Status == CaseStatus.Resolved;
        if (Status == CaseStatus.PendingCustomer)
            Resume(settings, message.At);
        if (Status is CaseStatus.Resolved or CaseStatus.PendingCustomer)
            Status = CaseStatus.Open;
        ResolvedAt = null;
        LastCustomerPostAt = LastCustomerPostAt is { } last && last > message.At ? last : message.At;
        Severity = [.. Severity.Union(message.Severity)];
        var actionable = settings.Policy.ActionableIntents;
        if (Intent.Length == 0 || actionable.Contains(message.Intent) && !actionable.Contains(Intent))
            Intent = message.Intent;
        Priority = QueueOrder.HeadStart(settings.Policy, Intent, Severity, message.Followers);
        UpdatedAt = now;
        StartNextResponse(settings, message.At);
        return reopened;
    }

    /// <summary>
    /// Records that the nearest deadline of a case waiting on us passed, once per deadline: returns which target it was
    /// ("first_response", "next_response" or "resolution"), or null when no deadline was missed or it was recorded already.
    /// </summary>
    public string? RecordBreach(CasePolicy policy, DateTime now)
    {
        if (DueAt is not { } due || due > now || BreachedDueAt == due || !Status.IsQueued())
            return null;
        var target = due == FirstResponseDueAt && FirstRespondedAt is null ? "first_response"
            : due == NextResponseDueAt ? "next_response" : "resolution";
        BreachedDueAt = due;
        Breaches++;
        DeadlineBoost = QueueOrder.DeadlineBoost(policy, due, now);
        Refresh();
        return target;
    }

    /// <summary>Raises the case by the boost its deadline is worth at <paramref name="now"/>.</summary>
    public void BoostDeadline(CasePolicy policy, DateTime now)
    {
        DeadlineBoost = QueueOrder.DeadlineBoost(policy, DueAt, now);
        Refresh();
    }

    /// <summary>Recomputes the head start under a (changed) policy.</summary>
    public void Reprioritize(CasePolicy policy, int? followers)
    {
        Priority = QueueOrder.HeadStart(policy, Intent, Severity, followers);
        Refresh();
    }

    /// <summary>Replaces the tags; returns which were added and which removed.</summary>
    public (IReadOnlyList<string> Added, IReadOnlyList<string> Removed) SetTags(IReadOnlyList<string> tags)
    {
        var added = tags.Except(Tags).ToList();
        var removed = Tags.Except(tags).ToList();
        Tags = [.. tags.Distinct()];
        return (added, removed);
    }

    /// <summary>
    /// Folds this case into <paramref name="target"/> (its posts are moved by the caller): this case is closed and
    /// points at the target, which waits since whichever customer waited longer and carries both cases' tags.
    /// </summary>
    public void MergeInto(Case target, WorkspaceCaseSettings settings, DateTime now)
    {
        if (target.Id == Id)
            throw new InvalidOperationException("a case cannot be merged into itself");
        if (target.WorkspaceId != WorkspaceId || target.MergedIntoId is not null)
            throw new InvalidOperationException("a case merges only into an unmerged case of its own workspace");
        MergedIntoId = target.Id;
        SetStatus(CaseStatus.Closed, settings, now);
        if (WaitingSince is { } waiting && (target.WaitingSince is null || waiting < target.WaitingSince))
            target.WaitingSince = waiting;
        target.Tags = [.. target.Tags.Union(Tags)];
        target.UpdatedAt = now;
        target.Refresh();
    }
}

/// <summary>What a new case starts from: where it came from, its labels, its team and whether someone waits.</summary>
public sealed record CaseOpening
{
    public required Guid WorkspaceId { get; init; }
    public required Guid ChannelId { get; init; }
    public required Guid AuthorId { get; init; }
    public string? ThreadExternalId { get; init; }
    public string Subject { get; init; } = "";
    public CaseStatus Status { get; init; } = CaseStatus.New;
    public string Intent { get; init; } = "";
    public IReadOnlyList<string> Severity { get; init; } = [];
    public string? Language { get; init; }
    public Guid? TeamId { get; init; }
    public string RoutedBy { get; init; } = "";
    /// <summary>Head start in minutes (<see cref="QueueOrder.HeadStart"/>).</summary>
    public double Priority { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public required DateTime OpenedAt { get; init; }
    /// <summary>When the customer started waiting on us; the SLA clock starts then (else at the opening).</summary>
    public DateTime? WaitingSince { get; init; }
    public DateTime? LastCustomerPostAt { get; init; }
    /// <summary>No customer waits on this case's answer (an incident case): it gets no SLA deadlines.</summary>
    public bool WithoutSla { get; init; }
}

/// <summary>A customer's further message in a case: when it came, its labels, and the author's reach.</summary>
public sealed record CustomerMessage(DateTime At, string Intent, IReadOnlyList<string> Severity, int? Followers);
