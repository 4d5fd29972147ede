using Earshot.Core.Cases;
using Earshot.Core.Workspaces;

namespace Earshot.Cases;

/// <summary>Fills a canned reply's variables for one case and agent.</summary>
public static class CannedReplies
{
    public static async Task<string> RenderAsync(EarshotDbContext db, CannedReply reply, Guid caseId, User agent, CancellationToken cancellationToken)
    {
        var facts = await db.Cases.AsNoTracking().Where(c => c.Id == caseId)
            .Select(c => new
            {
                Author = db.Authors.Where(a => a.Id == c.AuthorId).Select(a => new { a.Handle, a.DisplayName }).First(),
                Team = db.Teams.Where(t => t.Id == c.TeamId).Select(t => t.Name).FirstOrDefault(),
            })
            .FirstAsync(cancellationToken);
        var name = string.IsNullOrWhiteSpace(facts.Author.DisplayName) ? facts.Author.Handle : facts.Author.DisplayName;
        return ReplyTemplate.Render(reply.Body, new Dictionary<string, string?>
        {
            ["customer.name"] = name,
            ["customer.handle"] = "@" + facts.Author.Handle,
            ["agent.name"] = agent.DisplayName,
            ["agent.first_name"] = agent.DisplayName.Split(' ')[0],
            ["case.id"] = caseId.ToString()[..8],
            ["team.name"] = facts.Team,
        });
    }
}
