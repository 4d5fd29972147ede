using Earshot.Core.Topics;
using Earshot.Core.Topics.Query;
using Earshot.Core.Workspaces;

namespace Earshot.Engine.Topics;

/// <summary>Saving topics: validated, named uniquely per workspace, owned by a team (created on first use).</summary>
public static class TopicStore
{
    public sealed record Saved(Topic Topic, bool Created);

    /// <summary>Creates the topic or replaces the query and team of the one with this name. Throws on an invalid query.</summary>
    public static async Task<Saved> SaveAsync(
        EarshotDbContext db, Guid workspaceId, string name, string query, string? team, DateTime now, CancellationToken cancellationToken,
        Core.Alerts.Detection.Sensitivity? sensitivity = null, string? teamAlertEmail = null)
    {
        var parsed = QueryParser.Parse(query);
        if (parsed.Error is { } error)
            throw new QuerySyntaxException(error);
        Guid? teamId = null;
        if (!string.IsNullOrWhiteSpace(team))
        {
            var existingTeam = await db.Teams.FirstOrDefaultAsync(t => t.WorkspaceId == workspaceId && t.Name == team, cancellationToken);
            if (existingTeam is null)
            {
                existingTeam = new Team { WorkspaceId = workspaceId, Name = team.Trim() };
                db.Teams.Add(existingTeam);
            }
            if (teamAlertEmail is not null)
                existingTeam.AlertEmail = teamAlertEmail.Length == 0 ? null : teamAlertEmail.Trim();
            teamId = existingTeam.Id;
        }
        var topic = await db.Topics.FirstOrDefaultAsync(t => t.WorkspaceId == workspaceId && t.Name == name, cancellationToken);
        var created = topic is null;
        if (topic is null)
        {
            topic = new Topic { WorkspaceId = workspaceId, Name = name.Trim(), Query = query, TeamId = teamId, CreatedAt = now };
            topic.Sensitivity = sensitivity ?? Core.Alerts.Detection.Sensitivity.Normal;
            db.Topics.Add(topic);
        }
        else
        {
            topic.Query = query;
            topic.TeamId = teamId ?? topic.TeamId;
            topic.Sensitivity = sensitivity ?? topic.Sensitivity;
        }
        await db.SaveChangesAsync(cancellationToken);
        return new Saved(topic, created);
    }
}
