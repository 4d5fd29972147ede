using Earshot.Core.Topics;
using Earshot.Core.Topics.Query;
using Earshot.Core.Workspaces;

namespace Earshot.Engine.Topics;

/// <summary>Saving topics: validated, named uniquely per workspace, owned by a team (created on first use).</summary>
public static class TopicStore
{
    public sealed record Saved(Topic Topic, bool Created);

    /// <summary>
    /// Creates the topic or replaces the query and team of the one with this name. A null <paramref name="kind"/> makes
    /// a new topic "other" and keeps an existing one's. Throws on an invalid query.
    /// </summary>
    public static async Task<Saved> SaveAsync(
        EarshotDbContext db, Guid workspaceId, string name, string query, string? team, DateTime now, CancellationToken cancellationToken,
        Core.Alerts.Detection.Sensitivity? sensitivity = null, string? teamAlertEmail = null, TopicKind? kind = null)
    {
        var parsed = QueryParser.Parse(query);
        if (parsed.Error is { } error)
            throw new QuerySyntaxException(error);
        var teamId = await TeamIdAsync(db, workspaceId, team, teamAlertEmail, cancellationToken);
        var topic = await db.Topics.FirstOrDefaultAsync(t => t.WorkspaceId == workspaceId && t.Name == name, cancellationToken);
        var created = topic is null;
        if (topic is null)
        {
            topic = new Topic { WorkspaceId = workspaceId, Name = name.Trim(), Query = query, TeamId = teamId, CreatedAt = now };
            topic.Sensitivity = sensitivity ?? Core.Alerts.Detection.Sensitivity.Normal;
            topic.Kind = kind ?? TopicKind.Other;
            db.Topics.Add(topic);
            RecountLater(db, topic, now);
        }
        else
        {
            if (topic.Query != query)
                RecountLater(db, topic, now);
            topic.Query = query;
            topic.TeamId = teamId ?? topic.TeamId;
            topic.Sensitivity = sensitivity ?? topic.Sensitivity;
            topic.Kind = kind ?? topic.Kind;
        }
        await db.SaveChangesAsync(cancellationToken);
        return new Saved(topic, created);
    }

    /// <summary>
    /// Renames and changes a topic. Returns false, changing nothing, when another topic of its workspace has
    /// <paramref name="name"/>: a rename never overwrites a topic. A null <paramref name="team"/> keeps the owning
    /// team, an empty one clears it; a null <paramref name="kind"/> keeps the kind. Throws on an invalid query.
    /// </summary>
    public static async Task<bool> UpdateAsync(
        EarshotDbContext db, Topic topic, string name, string query, string? team, CancellationToken cancellationToken,
        Core.Alerts.Detection.Sensitivity? sensitivity = null, string? teamAlertEmail = null, TopicKind? kind = null, DateTime? now = null)
    {
        if (QueryParser.Parse(query).Error is { } error)
            throw new QuerySyntaxException(error);
        name = name.Trim();
        if (await db.Topics.AnyAsync(t => t.WorkspaceId == topic.WorkspaceId && t.Name == name && t.Id != topic.Id, cancellationToken))
            return false;
        if (topic.Query != query)
            RecountLater(db, topic, now ?? DateTime.UtcNow);
        topic.Name = name;
        topic.Query = query;
        if (team is not null)
            topic.TeamId = await TeamIdAsync(db, topic.WorkspaceId, team, teamAlertEmail, cancellationToken);
        topic.Sensitivity = sensitivity ?? topic.Sensitivity;
        topic.Kind = kind ?? topic.Kind;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Past posts are matched against a new or changed topic in the background (<see cref="Insights.RollupRebuildWorker"/>),
    /// so its insights cover the posts stored before it, not just those arriving after.
    /// </summary>
    private static void RecountLater(EarshotDbContext db, Topic topic, DateTime now) =>
        db.RollupRebuilds.Add(Insights.RollupRebuildWorker.Queued(topic.WorkspaceId, topic.Id, now));

    /// <summary>Before a topic is removed: its matches and its rows in the rollups go with it.</summary>
    public static async Task ForgetAsync(EarshotDbContext db, Guid topicId, CancellationToken cancellationToken)
    {
        await db.TopicMatches.Where(m => m.TopicId == topicId).ExecuteDeleteAsync(cancellationToken);
        await db.VolumeRollups.Where(r => r.TopicId == topicId).ExecuteDeleteAsync(cancellationToken);
        await db.AspectRollups.Where(r => r.TopicId == topicId).ExecuteDeleteAsync(cancellationToken);
        await db.AuthorRollups.Where(r => r.TopicId == topicId).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The routing rules of the topic's workspace that name it (a rule without topics matches any, so a topic they name is kept).</summary>
    public static async Task<IReadOnlyList<string>> RulesNamingAsync(EarshotDbContext db, Topic topic, CancellationToken cancellationToken) =>
        (await db.RoutingRules.AsNoTracking().Where(r => r.WorkspaceId == topic.WorkspaceId).ToListAsync(cancellationToken))
            .Where(r => r.TopicIds.Contains(topic.Id)).Select(r => r.Name).Order(StringComparer.Ordinal).ToList();

    private static async Task<Guid?> TeamIdAsync(EarshotDbContext db, Guid workspaceId, string? team, string? teamAlertEmail, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(team))
            return null;
        var existingTeam = await db.Teams.FirstOrDefaultAsync(t => t.WorkspaceId == workspaceId && t.Name == team, cancellationToken);
        if (existingTeam is null)
        {
            existingTeam = new Team { WorkspaceId = workspaceId, Name = team.Trim() };
            db.Teams.Add(existingTeam);
        }
        if (teamAlertEmail is not null)
            existingTeam.AlertEmail = teamAlertEmail.Length == 0 ? null : teamAlertEmail.Trim();
        return existingTeam.Id;
    }
}
