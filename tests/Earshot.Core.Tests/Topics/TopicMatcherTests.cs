using Earshot.Core.Posts;
using Earshot.Core.Topics.Matching;
using Xunit;

namespace Earshot.Core.Tests.Topics;

public sealed class TopicMatcherTests
{
    private static bool Matches(string query, string text) => Matches(query, new MatchInput(text));

    private static bool Matches(string query, MatchInput post)
    {
        var matcher = new TopicMatcher();
        var id = Guid.NewGuid();
        Assert.Null(matcher.AddOrUpdate(id, query));
        var result = new List<Guid>();
        matcher.Match(post, result);
        return result.Contains(id);
    }

    [Theory]
    [InlineData("delay", "My flight has a DELAY again", true)]
    [InlineData("delay", "delayed again", false)]
    [InlineData("cafe", "Le Café est fermé", true)]
    [InlineData("café", "the cafe is closed", true)]
    [InlineData("strasse", "Die Straße", true)]
    [InlineData("bag lost", "lost: one bag", true)]
    [InlineData("bag AND lost", "my bag arrived", false)]
    [InlineData("bag OR lost", "my bag arrived", true)]
    [InlineData("bag OR lost", "nothing here", false)]
    [InlineData("bag NOT lost", "bag lost", false)]
    [InlineData("bag NOT lost", "bag found", true)]
    [InlineData("NOT lost", "bag found", true)]
    [InlineData("(a OR (b AND (c OR d))) e", "b d e", true)]
    [InlineData("(a OR (b AND (c OR d))) e", "b e", false)]
    [InlineData("\"lost my bag\"", "they lost my bag!", true)]
    [InlineData("\"lost my bag\"", "my bag was lost", false)]
    [InlineData("\"lost my bag\"", "lost, my... bag", true)]
    [InlineData("wi-fi", "the wi fi is down", true)]
    [InlineData("wi-fi", "the wi-fi is down", true)]
    [InlineData("don't", "I don’t care", true)]
    [InlineData("dont", "I don't care", false)]
    [InlineData("3.5", "rated 3.5 stars", true)]
    [InlineData("seat NEAR/2 broken", "seat is totally broken", true)]
    [InlineData("seat NEAR/2 broken", "broken and filthy seat", true)]
    [InlineData("seat NEAR/1 broken", "seat is totally broken", false)]
    [InlineData("seat NEAR/0 broken", "broken seat", true)]
    [InlineData("seat NEAR/3f broken", "seat is totally broken", true)]
    [InlineData("seat NEAR/3f broken", "broken is the seat", false)]
    [InlineData("\"gate agent\" NEAR/3 (rude OR yelled)", "the gate agent really yelled", true)]
    [InlineData("\"gate agent\" NEAR/3 (rude OR yelled)", "rude? the gate was fine, agent yelled", false)]
    [InlineData("(a NEAR/1 b) NEAR/1 c", "a b x c", true)]
    [InlineData("(a NEAR/1 b) NEAR/1 c", "a b x y c", false)]
    [InlineData("cancel*", "they CANCELLED my flight", true)]
    [InlineData("cancel*", "they cancel", true)]
    [InlineData("cancel*", "cancer", false)]
    [InlineData("colo?r", "nice colour", true)]
    [InlineData("colo?r", "nice color", false)]
    [InlineData("canc*ed", "cancelled", true)]
    [InlineData("canc*ed", "cancels", false)]
    [InlineData("delay* NEAR/2 flight", "delayed my flight", true)]
    // Guards (necessary clauses tested before the program): an OR of ANDs distributes into clauses.
    [InlineData("(acme AND (refund OR \"on hold\")) OR acme NEAR/2 app", "acme put me on hold", true)]
    [InlineData("(acme AND (refund OR \"on hold\")) OR acme NEAR/2 app", "acme refund please", true)]
    [InlineData("(acme AND (refund OR \"on hold\")) OR acme NEAR/2 app", "the acme app", true)]
    [InlineData("(acme AND (refund OR \"on hold\")) OR acme NEAR/2 app", "acme is fine, the app too", false)]
    [InlineData("(acme AND (refund OR \"on hold\")) OR acme NEAR/2 app", "acme is holding on", false)]
    [InlineData("(acme OR globex) AND (crash* OR bug) AND NOT giveaway", "globex crashed again", true)]
    [InlineData("(acme OR globex) AND (crash* OR bug) AND NOT giveaway", "globex giveaway bug", false)]
    [InlineData("acme AND (NOT job OR bug)", "acme rocks", true)]
    [InlineData("acme AND (followers:>10 OR bug)", "acme rocks", false)]
    [InlineData("{Apple}", "I love Apple", true)]
    [InlineData("{Apple}", "I love apple pie", false)]
    [InlineData("{Apple}", "I love APPLE", false)]
    [InlineData("apple", "I love APPLE", true)]
    [InlineData("#UnitedFail", "so much #unitedfail today", true)]
    [InlineData("#UnitedFail", "unitedfail today", false)]
    [InlineData("unitedfail", "so much #UnitedFail today", true)]
    [InlineData("\"united fail\"", "so much #UnitedFail today", false)]
    [InlineData("@united", "@United where is my bag", true)]
    [InlineData("united", "@United where is my bag", true)]
    [InlineData("@united", "United where is my bag", false)]
    [InlineData("@alice@mastodon.social", "hi @alice@mastodon.social!", true)]
    [InlineData("@alice", "hi @alice@mastodon.social!", true)]
    [InlineData("$AAPL", "buying $aapl", true)]
    [InlineData("$AAPL", "buying aapl", false)]
    [InlineData("price", "only $5 price", true)]
    [InlineData("👍", "great job 👍🏽👍", true)]
    [InlineData("😡 delay", "delay again😡😡", true)]
    [InlineData("🇫🇷", "bonjour 🇫🇷", true)]
    [InlineData("url:example.com/deals", "see https://www.example.com/deals/today?x=1", true)]
    [InlineData("url:example.com/deals", "see https://example.com/dealsx", false)]
    [InlineData("site:example.com", "see http://shop.example.com/a", true)]
    [InlineData("site:example.com", "see http://example.org/a", false)]
    [InlineData("example", "see http://example.org/a", false)]
    [InlineData("\"see it\"", "see http://example.org it", false)]
    public void Match_TextQuery_MatchesAsDocumented(string query, string text, bool expected)
    {
        Assert.Equal(expected, Matches(query, text));
    }

    [Fact]
    public void Match_Fields_UseThePostAttributes()
    {
        var post = new MatchInput("my bag", Author: "@Jane_Doe", Channel: "mastodon", Language: "en-GB", Followers: 1500,
            IsReply: true, IsBrand: false, Country: "GB", Urls: ["https://t.example/x"]);

        Assert.True(Matches("bag author:jane_doe", post));
        Assert.False(Matches("bag author:john", post));
        Assert.True(Matches("bag channel:mastodon", post));
        Assert.False(Matches("bag channel:bluesky", post));
        Assert.True(Matches("bag lang:en", post));
        Assert.True(Matches("bag lang:en-gb", post));
        Assert.False(Matches("bag lang:fr", post));
        Assert.True(Matches("bag followers:>1000", post));
        Assert.False(Matches("bag followers:<1000", post));
        // An OR with a term-free child yields no guard clause, so the guard cannot reject this.
        Assert.True(Matches("bag AND (followers:>1000 OR refund)", post));
        Assert.True(Matches("(bag AND lang:en) OR refund", post));
        Assert.True(Matches("bag is:reply", post));
        Assert.False(Matches("bag is:brand", post));
        Assert.True(Matches("bag country:gb", post));
        Assert.True(Matches("site:t.example", post));
        Assert.True(Matches("followers:>=1500", post));
        Assert.False(Matches("followers:>1000", new MatchInput("no count")));
    }

    [Fact]
    public void From_IncomingPost_MapsReplyChannelAndFollowers()
    {
        var incoming = new IncomingPost
        {
            ExternalId = "1", Channel = ChannelKind.Bluesky, Author = "jane", Text = "hello", AuthorFollowers = 12,
            InReplyTo = "0", Language = "en", IsBrand = true, RawPayload = "{}",
        };

        var input = MatchInput.From(incoming);

        Assert.Equal(new MatchInput("hello", "jane", "bluesky", "en", 12, IsReply: true, IsBrand: true), input);
        Assert.True(Matches("hello channel:bluesky is:reply is:brand author:jane", input));
    }

    [Fact]
    public void Match_ManyTopics_ReturnsExactlyTheMatchingOnes()
    {
        var matcher = new TopicMatcher();
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid(), d = Guid.NewGuid();
        var errors = matcher.AddOrUpdateMany([new(a, "delta delay*"), new(b, "united OR delta"), new(c, "NOT delta"), new(d, "jetblue")]);
        var result = new List<Guid>();

        matcher.Match(new MatchInput("@Delta delayed again"), result);

        Assert.Empty(errors);
        Assert.Equal(new[] { a, b }.Order(), result.Order());
    }

    [Fact]
    public void AddOrUpdate_InvalidQuery_ReturnsErrorAndKeepsOldQuery()
    {
        var matcher = new TopicMatcher();
        var id = Guid.NewGuid();
        matcher.AddOrUpdate(id, "delay");

        var error = matcher.AddOrUpdate(id, "(delay");
        var result = new List<Guid>();
        matcher.Match(new MatchInput("delay"), result);

        Assert.Equal(7, error!.Column);
        Assert.Equal([id], result);
    }

    [Fact]
    public void AddOrUpdate_ChangedQuery_MatchesTheNewQuery()
    {
        var matcher = new TopicMatcher();
        var id = Guid.NewGuid();
        matcher.AddOrUpdate(id, "delay");
        matcher.AddOrUpdate(id, "refund");
        var result = new List<Guid>();

        matcher.Match(new MatchInput("delay"), result);
        matcher.Match(new MatchInput("refund"), result);

        Assert.Equal([id], result);
        Assert.Equal(1, matcher.Count);
    }

    [Fact]
    public void Remove_Topic_StopsMatching()
    {
        var matcher = new TopicMatcher();
        var id = Guid.NewGuid();
        matcher.AddOrUpdate(id, "delay");

        Assert.True(matcher.Remove(id));
        Assert.False(matcher.Remove(id));
        var result = new List<Guid>();
        matcher.Match(new MatchInput("delay"), result);
        Assert.Empty(result);
    }

    [Fact]
    public void Match_AfterWarmUp_AllocatesNothingPerPost()
    {
        var matcher = new TopicMatcher();
        matcher.AddOrUpdate(Guid.NewGuid(), "(@united OR united) (delay* OR \"lost bag\") NOT job");
        matcher.AddOrUpdate(Guid.NewGuid(), "seat NEAR/3 (broken OR dirty) lang:en");
        var posts = new[]
        {
            new MatchInput("@United delayed again, lost bag #fail https://t.co/x 😡", Language: "en"),
            new MatchInput("The seat was broken and dirty", Author: "jane", Channel: "x", Language: "en"),
        };
        var result = new List<Guid>(16);
        for (var i = 0; i < 100; i++)
        {
            result.Clear();
            matcher.Match(posts[i % 2], result);
        }

        // The runtime may allocate on this thread once while it recompiles the loop (seen once in CI: 7 KB); a
        // per-post allocation would show in every round, so the quietest of three rounds is the one judged.
        var fewest = long.MaxValue;
        for (var round = 0; round < 3 && fewest > 0; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 1000; i++)
            {
                result.Clear();
                matcher.Match(posts[i % 2], result);
            }
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, fewest);
        Assert.Single(result);
    }

    [Fact]
    public async Task Match_WhileTopicsChange_NeverFailsAndSeesStableTopics()
    {
        var matcher = new TopicMatcher();
        var stable = Guid.NewGuid();
        matcher.AddOrUpdate(stable, "delay");
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < 300; i++)
            {
                var id = Guid.NewGuid();
                matcher.AddOrUpdate(id, $"delay w{i} OR cancel*");
                matcher.Remove(id);
            }
        }, TestContext.Current.CancellationToken);
        var reader = Task.Run(() =>
        {
            var result = new List<Guid>();
            var missed = 0;
            while (!writer.IsCompleted)
            {
                result.Clear();
                matcher.Match(new MatchInput("delay delay cancelled"), result);
                missed += result.Contains(stable) ? 0 : 1;
            }
            return missed;
        }, TestContext.Current.CancellationToken);

        await writer;
        Assert.Equal(0, await reader);
    }
}
