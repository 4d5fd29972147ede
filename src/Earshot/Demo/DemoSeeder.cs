using Earshot.Core.Posts;
using Earshot.Core.Topics;
using Earshot.Core.Workspaces;
using Earshot.Engine.Pipeline;
using Earshot.Engine.Workspaces;

namespace Earshot.Demo;

/// <summary>Seeds the demo workspace once: teams, topics and a week of posts across channels, ending now.</summary>
public static class DemoSeeder
{
    public const int PostCount = 320;

    /// <summary>Seeds the demo; returns the demo logins to print.</summary>
    public static async Task<IReadOnlyList<string>> SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var directory = services.GetRequiredService<WorkspaceDirectory>();
        var ingest = services.GetRequiredService<IngestService>();
        var contexts = services.GetRequiredService<IDbContextFactory<EarshotDbContext>>();
        var clock = services.GetRequiredService<TimeProvider>();

        var workspaceId = await directory.GetOrCreateWorkspaceAsync(DemoScript.Workspace, cancellationToken, DemoScript.BrandNames);
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Posts.AnyAsync(p => p.WorkspaceId == workspaceId, cancellationToken))
                return await DemoPeople.SeedAsync(services, workspaceId, cancellationToken);
            var workspace = await db.Workspaces.FirstAsync(w => w.Id == workspaceId, cancellationToken);
            workspace.BrandNames = [.. DemoScript.BrandNames];
            workspace.CompetitorNames = [.. DemoScript.Competitors];
            var teams = DemoScript.Teams.Select(name => new Team { WorkspaceId = workspaceId, Name = name }).ToList();
            db.Teams.AddRange(teams);
            var now = clock.GetUtcNow().UtcDateTime;
            db.Topics.AddRange(DemoScript.Topics.Select(t => new Topic
            {
                WorkspaceId = workspaceId,
                Name = t.Name,
                Query = t.Query,
                TeamId = teams.First(team => team.Name == t.Team).Id,
                CreatedAt = now,
            }));
            await db.SaveChangesAsync(cancellationToken);
        }

        // People and case settings first, so the demo's posts are routed and timed like live ones.
        var logins = await DemoPeople.SeedAsync(services, workspaceId, cancellationToken);
        var posts = Generate(clock.GetUtcNow().UtcDateTime, new Random(2026));
        await ingest.IngestAsync(DemoScript.Workspace, posts, cancellationToken);
        return logins;
    }

    /// <summary>A reproducible week of posts: mostly small gripes and chatter, a few loud ones, some brand replies.</summary>
    public static IReadOnlyList<IncomingPost> Generate(DateTime now, Random random)
    {
        var posts = new List<IncomingPost>(PostCount);
        for (var i = 0; i < PostCount; i++)
        {
            var minutesAgo = (PostCount - i) * 30;
            posts.AddRange(Customer(random, $"demo-{i:0000}", r => now.AddMinutes(-minutesAgo - r.Next(0, 25))));
        }
        return posts;
    }

    /// <summary>
    /// One customer's post, and now and then the brand's reply to it. The time is drawn after the words, so a seed
    /// gives the same week it always has.
    /// </summary>
    public static IEnumerable<IncomingPost> Customer(Random random, string id, Func<Random, DateTime> createdAt)
    {
        ChannelKind[] channels = [ChannelKind.X, ChannelKind.X, ChannelKind.Mastodon, ChannelKind.Bluesky, ChannelKind.Reddit, ChannelKind.Rss, ChannelKind.Email, ChannelKind.WebChat];
        var pool = random.Next(100) switch
        {
            < 40 => DemoScript.Complaints,
            < 55 => DemoScript.Questions,
            < 72 => DemoScript.Praise,
            < 80 => DemoScript.Suggestions,
            _ => DemoScript.Chatter,
        };
        var person = DemoScript.People[random.Next(DemoScript.People.Length)];
        var channel = channels[random.Next(channels.Length)];
        var text = pool[random.Next(pool.Length)]
            .Replace("{place}", DemoScript.Places[random.Next(DemoScript.Places.Length)], StringComparison.Ordinal)
            .Replace("{minutes}", random.Next(20, 95).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var created = createdAt(random);
        yield return Post(id, channel, person.Handle, person.Name, person.Followers, text, created, null, false);
        if (pool == DemoScript.Complaints && random.Next(3) == 0)
        {
            var reply = DemoScript.BrandReplies[random.Next(DemoScript.BrandReplies.Length)];
            yield return Post(id + "-reply", channel, "AuroraMobile", "Aurora Mobile", 84_000, reply, created.AddMinutes(random.Next(4, 90)), id, true);
        }
    }

    private static IncomingPost Post(string id, ChannelKind channel, string handle, string name, int followers, string text, DateTime created, string? replyTo, bool isBrand)
    {
        var raw = System.Text.Json.JsonSerializer.Serialize(new
        {
            id, channel = channel.WireName(), author = handle, author_name = name, author_followers = followers,
            text, created_at = created, in_reply_to = replyTo, lang = "en", demo = true,
        });
        return new IncomingPost
        {
            ExternalId = id,
            Channel = channel,
            Author = handle,
            AuthorDisplayName = name,
            AuthorFollowers = followers,
            Text = text,
            CreatedAt = created,
            InReplyTo = replyTo,
            Language = "en",
            IsBrand = isBrand,
            RawPayload = raw,
        };
    }
}
