using Earshot.Core.Cases;

namespace Earshot.Core.Tests.Cases;

public sealed class QueueOrderTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Follower_count_changes_nothing_unless_the_reach_factor_is_on()
    {
        var off = CasePolicy.Default;
        Assert.Equal(QueueOrder.HeadStart(off, "complaint", [], 250), QueueOrder.HeadStart(off, "complaint", [], 25_000));

        var on = off with { ReachFactorEnabled = true, ReachMinutesPerTenfold = 10 };
        var small = QueueOrder.HeadStart(on, "complaint", [], 99);
        var big = QueueOrder.HeadStart(on, "complaint", [], 99_999);
        Assert.Equal(30, big - small, 1);
    }

    [Fact]
    public void The_rank_key_orders_cases_as_their_priority_does_at_any_moment()
    {
        var policy = CasePolicy.Default;
        var cases = new[]
        {
            (Waiting: Now.AddMinutes(-200), Head: QueueOrder.HeadStart(policy, "question", [], null)),
            (Waiting: Now.AddMinutes(-10), Head: QueueOrder.HeadStart(policy, "complaint", ["outage"], null)),
            (Waiting: Now.AddMinutes(-90), Head: QueueOrder.HeadStart(policy, "complaint", ["billing"], null)),
        };
        foreach (var later in new[] { 0, 30, 600 })
        {
            var at = Now.AddMinutes(later);
            var byPriority = cases.OrderByDescending(c => QueueOrder.Priority(policy, c.Head, c.Waiting, null, at)).ToList();
            var byRank = cases.OrderBy(c => QueueOrder.RankKey(c.Waiting, c.Head)).ToList();
            Assert.Equal(byPriority, byRank);
        }
    }

    [Fact]
    public void A_near_deadline_raises_priority_and_a_missed_one_raises_it_twice_as_much()
    {
        var policy = CasePolicy.Default;
        Assert.Equal(0, QueueOrder.DeadlineBoost(policy, Now.AddMinutes(60), Now));
        Assert.Equal(policy.SlaWarningBoostMinutes, QueueOrder.DeadlineBoost(policy, Now.AddMinutes(10), Now));
        Assert.Equal(2 * policy.SlaWarningBoostMinutes, QueueOrder.DeadlineBoost(policy, Now.AddMinutes(-1), Now));
        Assert.Equal(0, QueueOrder.DeadlineBoost(policy, null, Now));
    }

    [Fact]
    public void Reasons_say_in_words_why_a_case_is_where_it_is()
    {
        var reasons = QueueOrder.Reasons("complaint", ["outage", "billing"], Now.AddMinutes(-42), Now.AddMinutes(8), Now);
        Assert.Equal(["severity: outage, billing", "intent: complaint", "waiting 42 min", "SLA in 8 min"], reasons);
        Assert.Equal("SLA breached 2 h 5 min ago", QueueOrder.Reasons("", [], null, Now.AddMinutes(-125), Now).Single());
    }

    [Fact]
    public void A_policy_reads_back_what_it_wrote_and_empty_json_is_the_default()
    {
        var policy = CasePolicy.Default with { ReachFactorEnabled = true, JoinWindowHours = 12 };
        Assert.Equal(policy.ToJson(), CasePolicy.Parse(policy.ToJson()).ToJson());
        Assert.Same(CasePolicy.Default, CasePolicy.Parse("{}"));
        Assert.Contains("outage", CasePolicy.Parse("""{"join_window_hours": 5}""").SeverityMinutes.Keys);
    }
}
