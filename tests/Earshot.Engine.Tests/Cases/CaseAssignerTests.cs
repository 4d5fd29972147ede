using Earshot.Core.Workspaces;
using Earshot.Engine.Cases;

namespace Earshot.Engine.Tests.Cases;

public sealed class CaseAssignerTests
{
    private static readonly Guid A = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid B = Guid.Parse("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid C = Guid.Parse("00000000-0000-0000-0000-00000000000c");

    [Fact]
    public void Round_robin_goes_to_the_next_agent_with_room()
    {
        CaseAssigner.AgentLoad[] agents = [new(A, 5, 1), new(B, 5, 5), new(C, 5, 0)];
        Assert.Equal(C, CaseAssigner.Choose(AssignmentMode.RoundRobin, agents, A));
        Assert.Equal(A, CaseAssigner.Choose(AssignmentMode.RoundRobin, agents, C));
        Assert.Equal(A, CaseAssigner.Choose(AssignmentMode.RoundRobin, agents, null));
    }

    [Fact]
    public void Least_loaded_picks_the_agent_with_fewest_open_cases_and_nobody_over_capacity()
    {
        Assert.Equal(C, CaseAssigner.Choose(AssignmentMode.LeastLoaded, [new(A, 5, 3), new(B, 5, 2), new(C, 5, 0)], null));
        Assert.Null(CaseAssigner.Choose(AssignmentMode.LeastLoaded, [new(A, 2, 2), new(B, 0, 0)], null));
    }
}
