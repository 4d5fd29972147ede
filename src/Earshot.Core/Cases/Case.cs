namespace Earshot.Core.Cases;

/// <summary>A customer's thread that needs an answer.</summary>
public sealed class Case
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public Guid ChannelId { get; set; }
    public Guid? TeamId { get; set; }
    public Guid AuthorId { get; set; }
    public Guid? AssigneeId { get; set; }
    public string? ThreadExternalId { get; set; }
    /// <summary>The first words of the post that opened the case, for lists.</summary>
    public string Subject { get; set; } = "";
    public CaseStatus Status { get; set; }
    /// <summary>True while the case waits for us (new or open): the queue is exactly these.</summary>
    public bool Queued { get; set; }
    public string Intent { get; set; } = "";
    /// <summary>Severity cues of the case's posts, comma-separated ("outage,billing").</summary>
    public string Severity { get; set; } = "";
    public string? Language { get; set; }
    /// <summary>Head start in minutes from severity, intent (and reach, when a workspace turns it on).</summary>
    public double Priority { get; set; }
    /// <summary>
    /// Queue order, ascending: minutes since the epoch when the customer started waiting, minus the head start and
    /// the deadline boost. Waiting raises every case's priority at the same rate, so this order does not change as
    /// time passes; only a deadline coming close changes it, and the SLA watcher then updates the boost.
    /// </summary>
    public double RankKey { get; set; }
    /// <summary>When the customer's unanswered message arrived; null while nobody is waiting on us.</summary>
    public DateTime? WaitingSince { get; set; }
    /// <summary>The nearest SLA deadline still to meet (first or next response, else resolution).</summary>
    public DateTime? DueAt { get; set; }
    /// <summary>The deadline already reported as breached, so each breach is raised once.</summary>
    public DateTime? BreachedDueAt { get; set; }
    /// <summary>
    /// Minutes a near (or missed) deadline currently adds, already included in <see cref="RankKey"/>. Set by the SLA
    /// watcher when the deadline comes close, so that the queue stays one index scan.
    /// </summary>
    public double DeadlineBoost { get; set; }
    public int Breaches { get; set; }
    public Guid? SlaPolicyId { get; set; }
    /// <summary>The routing rule's name, "topic owner", or "fallback": why the case went to its team.</summary>
    public string RoutedBy { get; set; } = "";
    public List<string> Tags { get; set; } = [];
    public DateTime OpenedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? FirstResponseDueAt { get; set; }
    public DateTime? NextResponseDueAt { get; set; }
    public DateTime? ResolutionDueAt { get; set; }
    public DateTime? FirstRespondedAt { get; set; }
    public DateTime? LastCustomerPostAt { get; set; }
    /// <summary>When the case went to "pending customer", so SLA timers can be resumed where they stopped.</summary>
    public DateTime? PausedAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public Guid? MergedIntoId { get; set; }
}
