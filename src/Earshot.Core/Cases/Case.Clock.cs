namespace Earshot.Core.Cases;

/// <summary>The SLA clock: a case's deadlines and its place in the queue, kept from its state.</summary>
public sealed partial class Case
{
    /// <summary>Deadlines for a case opened by a customer's post at <paramref name="at"/>.</summary>
    private void StartSla(WorkspaceCaseSettings settings, DateTime at)
    {
        var sla = settings.SlaFor(TeamId, Intent);
        var hours = settings.HoursFor(sla);
        SlaPolicyId = sla.Id == WorkspaceCaseSettings.BuiltInSla.Id ? null : sla.Id;
        FirstResponseDueAt = hours.AddMinutes(at, sla.FirstResponseMinutes);
        ResolutionDueAt = hours.AddMinutes(at, sla.ResolutionMinutes);
        NextResponseDueAt = null;
        Refresh();
    }

    /// <summary>The customer wrote again after an answer: the next-response clock starts.</summary>
    private void StartNextResponse(WorkspaceCaseSettings settings, DateTime at)
    {
        if (FirstRespondedAt is not null && WaitingSince is null)
        {
            var sla = settings.SlaFor(TeamId, Intent);
            NextResponseDueAt = settings.HoursFor(sla).AddMinutes(at, sla.NextResponseMinutes);
        }
        WaitingSince ??= at;
        Refresh();
    }

    /// <summary>We answered: nobody waits on us until the customer writes again.</summary>
    private void Answered(DateTime at)
    {
        FirstRespondedAt ??= at;
        WaitingSince = null;
        NextResponseDueAt = null;
        Refresh();
    }

    /// <summary>Waiting on the customer stops the resolution clock; resuming moves the deadline by the business time paused.</summary>
    private void Pause(DateTime at) => PausedAt ??= at;

    private void Resume(WorkspaceCaseSettings settings, DateTime at)
    {
        if (PausedAt is { } paused && ResolutionDueAt is { } due)
        {
            var hours = settings.HoursFor(settings.SlaFor(TeamId, Intent));
            ResolutionDueAt = hours.AddMinutes(due, hours.MinutesBetween(paused, at));
        }
        PausedAt = null;
        Refresh();
    }

    /// <summary>Recomputes the nearest deadline and the rank key after any change.</summary>
    private void Refresh()
    {
        Queued = Status.IsQueued();
        var previousDue = DueAt;
        DateTime? response = FirstRespondedAt is null ? FirstResponseDueAt : WaitingSince is null ? null : NextResponseDueAt;
        DateTime? resolution = Status is CaseStatus.Resolved or CaseStatus.Closed || PausedAt is not null ? null : ResolutionDueAt;
        DueAt = (response, resolution) switch
        {
            (null, var r) => r,
            (var s, null) => s,
            var (s, r) => s < r ? s : r,
        };
        // A new deadline starts without a boost; the SLA watcher adds one when it comes close.
        if (DueAt != previousDue)
            DeadlineBoost = 0;
        RankKey = QueueOrder.RankKey(WaitingSince ?? UpdatedAt, Priority + DeadlineBoost);
    }
}
