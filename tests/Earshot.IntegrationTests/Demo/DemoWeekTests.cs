using Earshot.Core.Alerts;
using Earshot.Core.Cases;
using Earshot.Core.Posts;
using Earshot.Core.Topics;
using Earshot.Demo;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Earshot.IntegrationTests.Demo;

/// <summary>
/// The demo is the shop window: a week of a mobile network's customers, in their words and languages, on every
/// channel, and a care floor that looks like a real one (mostly on time, some close, a few late), with an incident
/// in progress and enough competitor posts, gripes, delights and ideas for the insight pages.
/// </summary>
public sealed class DemoWeekTests(PostgresServer postgres)
{
    [Fact]
    public async Task TheDemoWeek_ReadsLikeRealCustomers_OnEveryChannelAndInSeveralLanguages()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres, demo: true);
        await using var db = app.Database.Target.CreateContext();
        var posts = await db.Posts.AsNoTracking().Where(p => !p.IsBrand)
            .Select(p => new { p.Text, p.Language, p.Channel!.Kind, p.CreatedAt, p.InReplyToExternalId }).ToListAsync();
        var now = DateTime.UtcNow;

        Assert.InRange(posts.Count, 400, 700);
        // Customers' first words are never repeated: no visible templates.
        var openers = posts.Where(p => p.InReplyToExternalId == null).Select(p => p.Text).ToList();
        Assert.Equal(openers.Count, openers.Distinct().Count());
        Assert.Superset(new HashSet<string?> { "en", "de", "es", "fr", "pt", "nl" }, posts.Select(p => p.Language).ToHashSet());
        Assert.True(posts.Count(p => p.Language != "en") >= 25, "posts in other languages than English");
        Assert.Superset(new HashSet<ChannelKind> { ChannelKind.X, ChannelKind.Mastodon, ChannelKind.Bluesky, ChannelKind.Reddit, ChannelKind.Rss,
            ChannelKind.Facebook, ChannelKind.Email, ChannelKind.WebChat }, posts.Select(p => p.Kind).ToHashSet());
        // The week ends now, and every day of it has posts.
        Assert.InRange(posts.Max(p => p.CreatedAt), now.AddHours(-1), now);
        Assert.Equal(7, posts.Where(p => p.CreatedAt > now.AddDays(-7)).Select(p => (int)((now - p.CreatedAt).TotalDays)).Distinct().Count());
    }

    [Fact]
    public async Task TheDemoFloor_IsMostlyOnTime_SomeCasesClose_AFewBreached_AndPraiseOpensNoCase()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres, demo: true);
        await using var db = app.Database.Target.CreateContext();
        var now = DateTime.UtcNow;
        var cases = await db.Cases.AsNoTracking().Where(c => !c.Tags.Contains("incident")).ToListAsync();

        var queued = cases.Where(c => c.Queued).ToList();
        Assert.InRange(queued.Count, 15, 90);
        var breached = queued.Count(c => c.DueAt < now);
        Assert.InRange(breached, 1, queued.Count / 3);
        Assert.Contains(queued, c => c.DueAt >= now && c.DueAt < now.AddMinutes(45));
        // Answered cases were mostly answered in time, and most of the week's cases are done.
        var answered = cases.Where(c => c.FirstRespondedAt is not null).ToList();
        Assert.True(answered.Count(c => c.FirstRespondedAt <= c.FirstResponseDueAt) >= answered.Count * 0.85, "answered within the first-response SLA");
        Assert.True(cases.Count(c => c.Status is CaseStatus.Resolved or CaseStatus.Closed) >= cases.Count / 2, "most cases resolved");
        // Cases of three teams at least, and a case page has the agent's reply in the history.
        Assert.True(cases.Select(c => c.TeamId).Distinct().Count() >= 3);
        Assert.True(await db.CaseEvents.CountAsync(e => e.Kind == CaseEventKinds.Reply) >= 100);

        // Praise and chatter never open a case (outside the web chat, where every visitor's message does).
        var openedBy = await db.CaseEvents.AsNoTracking().Where(e => e.Kind == CaseEventKinds.Opened && e.PostId != null)
            .Join(db.Classifications, e => e.PostId, c => c.PostId, (e, c) => new { c.Intent, e.PostId })
            .Join(db.Posts, x => x.PostId, p => p.Id, (x, p) => new { x.Intent, p.Channel!.Kind }).ToListAsync();
        Assert.DoesNotContain(openedBy, o => o.Kind != ChannelKind.WebChat && o.Intent is "praise" or "fyi" or "suggestion");
    }

    [Fact]
    public async Task TheDemo_HasAnIncidentInProgress_AndMaterialForTheInsightPages()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres, demo: true);
        await using var db = app.Database.Target.CreateContext();

        var outages = await db.Topics.AsNoTracking().Where(t => t.Name == DemoScript.OutageTopic).Select(t => t.Id).SingleAsync();
        var alert = await db.Alerts.AsNoTracking().SingleAsync(a => a.TopicId == outages && a.Status == AlertStatus.Open);
        Assert.NotNull(alert.AcknowledgedAt);
        var incident = await db.Cases.AsNoTracking().SingleAsync(c => c.Id == alert.IncidentCaseId);
        Assert.True(incident.Status is CaseStatus.Open or CaseStatus.New);
        Assert.Contains(await db.CaseEvents.Where(e => e.CaseId == incident.Id).Select(e => e.Kind).ToListAsync(), k => k == CaseEventKinds.Note);

        // Labels a reader agrees with: complaints about refunds read as negative.
        var labelled = await db.Posts.AsNoTracking().Where(p => !p.IsBrand)
            .Join(db.Classifications, p => p.Id, c => c.PostId, (p, c) => new { p.Text, c.Sentiment, c.Intent }).ToListAsync();
        var refunds = labelled.Where(p => p.Intent == "complaint" && p.Text.Contains("refund", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(refunds.Count >= 5 && refunds.Count(p => p.Sentiment == "negative") >= refunds.Count * 0.8, "refund complaints read as negative");
        Assert.True(labelled.Count(p => p.Intent == "suggestion") >= 20, "ideas");
        Assert.True(labelled.Count(p => p.Intent == "praise") >= 40, "delights");
        Assert.True(labelled.Count(p => p.Sentiment == "negative" && p.Intent != "question") >= 100, "gripes and complaints");
        // Share of voice compares the brand's topic with each competitor's: every competitor is talked about.
        var competitors = await db.Topics.AsNoTracking().Where(t => t.Kind == TopicKind.Competitor)
            .Select(t => new { t.Name, Matches = db.TopicMatches.Count(m => m.TopicId == t.Id) }).ToListAsync();
        Assert.Equal(DemoScript.Competitors.Order(StringComparer.Ordinal), competitors.Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.All(competitors, c => Assert.True(c.Matches >= 10, $"{c.Name}'s mentions: {c.Matches}"));
        Assert.Equal(TopicKind.Brand, await db.Topics.Where(t => t.Name == "Aurora brand").Select(t => t.Kind).SingleAsync());
    }
}
