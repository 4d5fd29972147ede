using Earshot.Core.Cases;
using Earshot.Core.Workspaces;

namespace Earshot.Core.Tests.Cases;

/// <summary>A case's own methods keep its status, SLA clock and queue fields consistent.</summary>
public sealed class WorkingACaseTests
{
    private static readonly DateTime Opened = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>No SLA policy of its own: the built-in one (first answer 60 min, next 120, resolution 1440), all hours.</summary>
    private static readonly WorkspaceCaseSettings Settings = new(
        Guid.NewGuid(), CasePolicy.Default, [], new Dictionary<Guid, Guid?>(), null, [], new Dictionary<Guid, BusinessHours>(), new Dictionary<Guid, Team>());

    private static Case NewCase(DateTime? waitingSince = null, IReadOnlyList<string>? tags = null, IReadOnlyList<string>? severity = null) => Case.Open(new CaseOpening
    {
        WorkspaceId = Settings.WorkspaceId, ChannelId = Guid.NewGuid(), AuthorId = Guid.NewGuid(), Subject = "my bill is wrong",
        Intent = "complaint", Severity = severity ?? ["billing"], Tags = tags ?? [], OpenedAt = Opened,
        WaitingSince = waitingSince ?? Opened, LastCustomerPostAt = waitingSince ?? Opened,
    }, Settings, Opened);

    [Fact]
    public void Open_NewCase_IsQueuedWithItsFirstResponseDeadline()
    {
        var @case = NewCase();
        Assert.Equal((CaseStatus.New, true), (@case.Status, @case.Queued));
        Assert.Equal((Opened.AddMinutes(60), Opened.AddMinutes(1440)), (@case.FirstResponseDueAt, @case.ResolutionDueAt));
        Assert.Equal(Opened.AddMinutes(60), @case.DueAt);
        Assert.Equal(QueueOrder.RankKey(Opened, @case.Priority), @case.RankKey);
    }

    [Fact]
    public void Open_WithoutSla_HasNoDeadlinesThroughPendingAndBack_ButRanksByWhenItsProblemBegan()
    {
        var @case = Case.Open(new CaseOpening
        {
            WorkspaceId = Settings.WorkspaceId, ChannelId = Guid.NewGuid(), AuthorId = Guid.NewGuid(), Subject = "Incident: volume spike on Aurora",
            Intent = "complaint", OpenedAt = Opened.AddMinutes(30), WaitingSince = Opened, LastCustomerPostAt = Opened, WithoutSla = true,
        }, Settings, Opened.AddMinutes(30));

        Assert.Equal(((DateTime?)null, (DateTime?)null, (DateTime?)null, true), (@case.FirstResponseDueAt, @case.ResolutionDueAt, @case.DueAt, @case.Queued));
        Assert.Equal(QueueOrder.RankKey(Opened, @case.Priority), @case.RankKey);
        @case.SetStatus(CaseStatus.PendingCustomer, Settings, Opened.AddMinutes(40));
        @case.SetStatus(CaseStatus.Open, Settings, Opened.AddMinutes(50));
        Assert.Null(@case.DueAt);
        Assert.Null(@case.RecordBreach(CasePolicy.Default, Opened.AddDays(3)));
    }

    [Theory]
    [InlineData(CaseStatus.New, new[] { CaseStatus.Open, CaseStatus.PendingCustomer, CaseStatus.Resolved, CaseStatus.Closed })]
    [InlineData(CaseStatus.Open, new[] { CaseStatus.PendingCustomer, CaseStatus.Resolved, CaseStatus.Closed })]
    [InlineData(CaseStatus.PendingCustomer, new[] { CaseStatus.Open, CaseStatus.Resolved, CaseStatus.Closed })]
    [InlineData(CaseStatus.Resolved, new[] { CaseStatus.Open, CaseStatus.Closed })]
    [InlineData(CaseStatus.Closed, new[] { CaseStatus.Open })]
    public void NextStatuses_NeverBackToNewNorToItself(CaseStatus from, CaseStatus[] expected) =>
        Assert.Equal(expected, from.NextStatuses());

    [Fact]
    public void SetStatus_PendingCustomerThenOpen_PausesResolutionAndResumingShiftsItByThePause()
    {
        var @case = NewCase();
        @case.RecordReply(Guid.NewGuid(), Opened.AddMinutes(10));
        Assert.Equal(Opened.AddMinutes(1440), @case.DueAt);

        Assert.True(@case.SetStatus(CaseStatus.PendingCustomer, Settings, Opened.AddMinutes(60)));
        Assert.Equal((Opened.AddMinutes(60), (DateTime?)null, false), (@case.PausedAt, @case.DueAt, @case.Queued));

        Assert.True(@case.SetStatus(CaseStatus.Open, Settings, Opened.AddMinutes(180)));
        Assert.Null(@case.PausedAt);
        Assert.Equal(Opened.AddMinutes(1440 + 120), @case.ResolutionDueAt);
        Assert.Equal((Opened.AddMinutes(1440 + 120), true), (@case.DueAt, @case.Queued));
    }

    [Fact]
    public void SetStatus_Resolved_SetsResolvedAtAndLeavesTheQueueUntilReopened()
    {
        var @case = NewCase();
        Assert.True(@case.SetStatus(CaseStatus.Resolved, Settings, Opened.AddMinutes(30)));
        Assert.Equal((CaseStatus.Resolved, Opened.AddMinutes(30), false), (@case.Status, @case.ResolvedAt, @case.Queued));

        Assert.True(@case.SetStatus(CaseStatus.Open, Settings, Opened.AddMinutes(40)));
        Assert.Equal(((DateTime?)null, true), (@case.ResolvedAt, @case.Queued));
    }

    [Fact]
    public void SetStatus_TheStatusItHas_ChangesNothing()
    {
        var @case = NewCase();
        @case.SetStatus(CaseStatus.Resolved, Settings, Opened.AddMinutes(30));
        Assert.False(@case.SetStatus(CaseStatus.Resolved, Settings, Opened.AddMinutes(90)));
        Assert.Equal(Opened.AddMinutes(30), @case.ResolvedAt);
    }

    [Fact]
    public void CustomerWrote_OnAResolvedCase_ReopensItAndAddsTheCues()
    {
        var @case = NewCase();
        @case.RecordReply(Guid.NewGuid(), Opened.AddMinutes(5));
        @case.SetStatus(CaseStatus.Resolved, Settings, Opened.AddMinutes(10));

        var reopened = @case.CustomerWrote(new CustomerMessage(Opened.AddMinutes(30), "question", ["outage", "billing"], null), Settings, Opened.AddMinutes(31));

        Assert.True(reopened);
        Assert.Equal((CaseStatus.Open, (DateTime?)null, true), (@case.Status, @case.ResolvedAt, @case.Queued));
        Assert.Equal(["billing", "outage"], @case.Severity);
        Assert.Equal("complaint", @case.Intent);
        Assert.Equal(QueueOrder.HeadStart(CasePolicy.Default, "complaint", ["outage"], null), @case.Priority);
        // Answered once already: the next-response clock runs from the new message.
        Assert.Equal((Opened.AddMinutes(30), Opened.AddMinutes(30 + 120)), (@case.WaitingSince, @case.NextResponseDueAt));
        Assert.Equal(Opened.AddMinutes(30 + 120), @case.DueAt);
    }

    [Fact]
    public void CustomerWrote_WhileWaitingOnUs_KeepsTheWaitAndTheEarlierDeadline()
    {
        var @case = NewCase();
        var reopened = @case.CustomerWrote(new CustomerMessage(Opened.AddMinutes(20), "complaint", [], null), Settings, Opened.AddMinutes(21));
        Assert.False(reopened);
        Assert.Equal((Opened, Opened.AddMinutes(20)), (@case.WaitingSince, @case.LastCustomerPostAt));
        Assert.Equal((Opened.AddMinutes(60), (DateTime?)null), (@case.DueAt, @case.NextResponseDueAt));
    }

    [Fact]
    public void RecordBreach_TheSameDeadlineTwice_IsRecordedOnce()
    {
        var @case = NewCase();
        Assert.Equal("first_response", @case.RecordBreach(CasePolicy.Default, Opened.AddMinutes(61)));
        Assert.Null(@case.RecordBreach(CasePolicy.Default, Opened.AddMinutes(62)));
        Assert.Equal((1, Opened.AddMinutes(60)), (@case.Breaches, @case.BreachedDueAt));
        Assert.Equal(2 * CasePolicy.Default.SlaWarningBoostMinutes, @case.DeadlineBoost);
        Assert.Equal(QueueOrder.RankKey(Opened, @case.Priority + @case.DeadlineBoost), @case.RankKey);

        // A later deadline is a new breach.
        @case.RecordReply(Guid.NewGuid(), Opened.AddMinutes(70));
        @case.CustomerWrote(new CustomerMessage(Opened.AddMinutes(80), "complaint", [], null), Settings, Opened.AddMinutes(80));
        Assert.Equal("next_response", @case.RecordBreach(CasePolicy.Default, Opened.AddMinutes(80 + 121)));
        Assert.Equal(2, @case.Breaches);
    }

    [Fact]
    public void RecordBreach_BeforeTheDeadlineOrWhileWaitingOnTheCustomer_RecordsNothing()
    {
        var @case = NewCase();
        Assert.Null(@case.RecordBreach(CasePolicy.Default, Opened.AddMinutes(59)));
        @case.SetStatus(CaseStatus.PendingCustomer, Settings, Opened.AddMinutes(30));
        Assert.Null(@case.RecordBreach(CasePolicy.Default, Opened.AddMinutes(90)));
        Assert.Equal((0, (DateTime?)null), (@case.Breaches, @case.BreachedDueAt));
    }

    [Fact]
    public void MergeInto_ClosesTheSourceAndTheTargetTakesTheLongerWaitAndBothTags()
    {
        var source = NewCase(waitingSince: Opened.AddMinutes(-60), tags: ["vip"]);
        var target = NewCase(tags: ["billing"]);

        source.MergeInto(target, Settings, Opened.AddMinutes(5));

        Assert.Equal((target.Id, CaseStatus.Closed, false), (source.MergedIntoId, source.Status, source.Queued));
        Assert.Equal(Opened.AddMinutes(5), source.ResolvedAt);
        Assert.Equal(Opened.AddMinutes(-60), target.WaitingSince);
        Assert.Equal(["billing", "vip"], target.Tags);
        Assert.Equal(QueueOrder.RankKey(Opened.AddMinutes(-60), target.Priority), target.RankKey);
    }

    [Fact]
    public void MergeInto_ItselfOrAMergedCase_IsRefused()
    {
        var @case = NewCase();
        Assert.Throws<InvalidOperationException>(() => @case.MergeInto(@case, Settings, Opened));
        var merged = NewCase();
        merged.MergeInto(NewCase(), Settings, Opened);
        Assert.Throws<InvalidOperationException>(() => @case.MergeInto(merged, Settings, Opened));
        Assert.Null(@case.MergedIntoId);
    }

    [Fact]
    public void Assign_ANewCaseByHand_OpensItButTheRotationLeavesItNew()
    {
        var agent = Guid.NewGuid();
        var byHand = NewCase();
        byHand.Assign(agent);
        Assert.Equal((agent, CaseStatus.Open), (byHand.AssigneeId, byHand.Status));

        var byRotation = NewCase();
        byRotation.AssignAutomatically(agent);
        Assert.Equal((agent, CaseStatus.New), (byRotation.AssigneeId, byRotation.Status));
    }

    [Fact]
    public void RecordReply_KeepsTheCaseWithWhoeverHoldsIt()
    {
        var holder = Guid.NewGuid();
        var @case = NewCase();
        @case.Assign(holder);
        @case.RecordReply(Guid.NewGuid(), Opened.AddMinutes(5));
        Assert.Equal((holder, Opened.AddMinutes(5), (DateTime?)null), (@case.AssigneeId, @case.FirstRespondedAt, @case.WaitingSince));
    }

    [Fact]
    public void RecordReplyOnChannel_ACaseWaitingOnUs_NowWaitsOnTheCustomer()
    {
        var @case = NewCase();
        @case.RecordReplyOnChannel(Opened.AddMinutes(15), Opened.AddMinutes(16));
        Assert.Equal((CaseStatus.PendingCustomer, Opened.AddMinutes(15), false), (@case.Status, @case.PausedAt, @case.Queued));
        Assert.Null(@case.DueAt);
        Assert.Null(@case.AssigneeId);
    }

    [Fact]
    public void RouteTo_AnotherTeam_RecordsWhyButTheSameTeamIsNoChange()
    {
        var team = Guid.NewGuid();
        var @case = NewCase();
        Assert.True(@case.RouteTo(team, "moved by hand"));
        Assert.False(@case.RouteTo(team, "again"));
        Assert.Equal((team, "moved by hand"), (@case.TeamId, @case.RoutedBy));
    }

    [Fact]
    public void SetTags_ReportsWhatWasAddedAndRemoved()
    {
        var @case = NewCase(tags: ["vip", "billing"]);
        var (added, removed) = @case.SetTags(["billing", "refund"]);
        Assert.Equal(["refund"], added);
        Assert.Equal(["vip"], removed);
        Assert.Equal(["billing", "refund"], @case.Tags);
    }
}
