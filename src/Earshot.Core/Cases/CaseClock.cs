using Earshot.Core.Cases;

namespace Earshot.Core.Cases;

/// <summary>Sets a case's SLA deadlines and its place in the queue from its state.</summary>
public static class CaseClock
{
    /// <summary>Deadlines for a case opened by a customer's post at <paramref name="at"/>.</summary>
    public static void StartSla(Case @case, WorkspaceCaseSettings settings, DateTime at)
    {
        var sla = settings.SlaFor(@case.TeamId, @case.Intent);
        var hours = settings.HoursFor(sla);
        @case.SlaPolicyId = sla.Id == WorkspaceCaseSettings.BuiltInSla.Id ? null : sla.Id;
        @case.FirstResponseDueAt = hours.AddMinutes(at, sla.FirstResponseMinutes);
        @case.ResolutionDueAt = hours.AddMinutes(at, sla.ResolutionMinutes);
        @case.NextResponseDueAt = null;
        Refresh(@case);
    }

    /// <summary>The customer wrote again after an answer: the next-response clock starts.</summary>
    public static void CustomerWrote(Case @case, WorkspaceCaseSettings settings, DateTime at)
    {
        if (@case.FirstRespondedAt is not null && @case.WaitingSince is null)
        {
            var sla = settings.SlaFor(@case.TeamId, @case.Intent);
            @case.NextResponseDueAt = settings.HoursFor(sla).AddMinutes(at, sla.NextResponseMinutes);
        }
        @case.WaitingSince ??= at;
        Refresh(@case);
    }

    /// <summary>We answered: nobody waits on us until the customer writes again.</summary>
    public static void Answered(Case @case, DateTime at)
    {
        @case.FirstRespondedAt ??= at;
        @case.WaitingSince = null;
        @case.NextResponseDueAt = null;
        Refresh(@case);
    }

    /// <summary>Waiting on the customer stops the resolution clock; resuming moves the deadline by the business time paused.</summary>
    public static void Pause(Case @case, DateTime at) => @case.PausedAt ??= at;

    public static void Resume(Case @case, WorkspaceCaseSettings settings, DateTime at)
    {
        if (@case.PausedAt is { } paused && @case.ResolutionDueAt is { } due)
        {
            var hours = settings.HoursFor(settings.SlaFor(@case.TeamId, @case.Intent));
            @case.ResolutionDueAt = hours.AddMinutes(due, hours.MinutesBetween(paused, at));
        }
        @case.PausedAt = null;
        Refresh(@case);
    }

    /// <summary>Recomputes the nearest deadline and the rank key after any change.</summary>
    public static void Refresh(Case @case)
    {
        @case.Queued = @case.Status.IsQueued();
        var previousDue = @case.DueAt;
        DateTime? response = @case.FirstRespondedAt is null ? @case.FirstResponseDueAt : @case.WaitingSince is null ? null : @case.NextResponseDueAt;
        DateTime? resolution = @case.Status is CaseStatus.Resolved or CaseStatus.Closed || @case.PausedAt is not null ? null : @case.ResolutionDueAt;
        @case.DueAt = (response, resolution) switch
        {
            (null, var r) => r,
            (var s, null) => s,
            var (s, r) => s < r ? s : r,
        };
        // A new deadline starts without a boost; the SLA watcher adds one when it comes close.
        if (@case.DueAt != previousDue)
            @case.DeadlineBoost = 0;
        @case.RankKey = QueueOrder.RankKey(@case.WaitingSince ?? @case.UpdatedAt, @case.Priority + @case.DeadlineBoost);
    }
}
