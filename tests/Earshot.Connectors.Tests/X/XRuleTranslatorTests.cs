using Earshot.Connectors.X;
using Xunit;

namespace Earshot.Connectors.Tests.X;

public sealed class XRuleTranslatorTests
{
    [Theory]
    [InlineData("delay", "delay")]
    [InlineData("Delay", "delay")]
    [InlineData("\"lost my bag\"", "\"lost my bag\"")]
    [InlineData("bag lost", "bag lost")]
    [InlineData("bag AND lost", "bag lost")]
    [InlineData("bag OR luggage", "bag OR luggage")]
    [InlineData("bag NOT lost", "bag -lost")]
    [InlineData("bag NOT \"lost it\"", "bag -\"lost it\"")]
    [InlineData("(refund OR voucher) (delay OR cancel)", "(refund OR voucher) (delay OR cancel)")]
    [InlineData("a b OR c", "(a b) OR c")]
    [InlineData("(a OR (b OR c)) d", "(a OR b OR c) d")]
    [InlineData("#UnitedFail OR @Delta OR $AAPL", "#unitedfail OR @delta OR $aapl")]
    [InlineData("author:@Jane refund", "from:jane refund")]
    [InlineData("refund lang:en", "refund lang:en")]
    [InlineData("refund is:reply", "refund is:reply")]
    [InlineData("refund channel:x", "refund")]
    [InlineData("refund NOT channel:mastodon", "refund")]
    [InlineData("acme NOT (job OR hiring)", "acme -job -hiring")]
    [InlineData("acme NOT NOT refund", "acme refund")]
    [InlineData("don't 3.5", "\"don't\" \"3.5\"")]
    [InlineData("seat NEAR/0f broken", "\"seat broken\"")]
    [InlineData("👍 acme", "👍 acme")]
    public void Translate_ExpressibleConstruct_ExactRule(string query, string rule)
    {
        var result = XRuleTranslator.Translate(query);

        Assert.Equal((rule, XRuleFidelity.Exact), (result.Rule, result.Fidelity));
        Assert.Empty(result.Notes);
    }

    [Theory]
    [InlineData("seat NEAR/3 broken", "seat broken", "NEAR/3 broadened to AND")]
    [InlineData("\"gate agent\" NEAR/5 (rude OR yelled)", "\"gate agent\" (rude OR yelled)", "NEAR/5 broadened to AND")]
    [InlineData("refund cancel*", "refund", "cancel* left out (X has no wildcards")]
    [InlineData("refund followers:>1000", "refund", "followers: left out")]
    [InlineData("refund is:brand", "refund", "is:brand left out")]
    [InlineData("refund NOT is:brand", "refund", "NOT left out, since X cannot exclude exactly: is:brand left out")]
    [InlineData("{OR} acme", "\"OR\" acme", "{OR} sent without its case")]
    [InlineData("{Apple} pay", "Apple pay", "{Apple} sent without its case")]
    [InlineData("refund lang:en-gb", "refund lang:en", "lang:en-gb sent as lang:en")]
    [InlineData("site:example.com", "url:\"example.com\"", "site:example.com sent as X's url:")]
    [InlineData("url:example.com/deals", "url:\"example.com/deals\"", "url:example.com/deals sent as X's url:")]
    [InlineData("acme NOT cancel*", "acme", "NOT left out, since X cannot exclude exactly: cancel* left out")]
    [InlineData("acme NOT (bad good)", "acme", "NOT of a group left out")]
    [InlineData("acme (refund OR NOT happy)", "acme", "an OR with a NOT inside left out")]
    [InlineData("@alice@mastodon.social", "@alice", "@alice@mastodon.social sent as @alice")]
    public void Translate_ConstructXLacks_BroaderRuleWithANote(string query, string rule, string note)
    {
        var result = XRuleTranslator.Translate(query);

        Assert.Equal((rule, XRuleFidelity.Broader), (result.Rule, result.Fidelity));
        Assert.Contains(result.Notes, n => n.StartsWith(note, StringComparison.Ordinal));
        Assert.StartsWith("broader on X, filtered locally: ", result.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NOT spam", "only exclusions")]
    [InlineData("lang:en", "need a word, phrase")]
    [InlineData("is:reply lang:en", "need a word, phrase")]
    [InlineData("refund channel:mastodon", "never matches a post from X (channel:mastodon)")]
    [InlineData("channel:reddit OR channel:rss", "never matches a post from X (channel:reddit, channel:rss)")]
    [InlineData("refund country:fr", "never matches a post from X (country:fr")]
    [InlineData("author:alice@mastodon.social", "not an X username")]
    [InlineData("cancel*", "nothing is left for X to filter on (cancel* left out")]
    [InlineData("channel:x", "matches every X post")]
    [InlineData("(a OR b", "does not parse (Expected ')' at column 8)")]
    public void Translate_Untranslatable_SaysWhy(string query, string reason)
    {
        var result = XRuleTranslator.Translate(query);

        Assert.Equal((null, XRuleFidelity.NotExpressible), (result.Rule, result.Fidelity));
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
        Assert.StartsWith("cannot be expressed: ", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Translate_AccentedWord_SendsBothSpellings_BecauseXMatchesAccentsExactly()
    {
        Assert.Equal("(cafe OR café) paris", XRuleTranslator.Translate("Café paris").Rule);
        Assert.Equal("paris -cafe -café", XRuleTranslator.Translate("paris NOT café").Rule);
    }

    [Fact]
    public void Translate_LongerThanTheTierAllows_NotExpressible_AtTheConfiguredLength()
    {
        var query = string.Join(" OR ", Enumerable.Range(0, 60).Select(i => "word" + i));
        var rule = XRuleTranslator.Translate(query, new XRuleLimits { MaxLength = 1024 }).Rule;

        var result = XRuleTranslator.Translate(query);

        Assert.Equal(rule!.Length, string.Join(" OR ", Enumerable.Range(0, 60).Select(i => "word" + i)).Length);
        Assert.True(rule.Length > 512);
        Assert.Equal(XRuleFidelity.NotExpressible, result.Fidelity);
        Assert.Equal($"the rule would be {rule.Length} characters and X accepts at most 512 (setting rule_max_length)", result.Reason);
    }

    [Fact]
    public void Translate_DocumentedExample_BroaderWithTheWildcardsLeftOut()
    {
        var result = XRuleTranslator.Translate("(\"Acme Pay\" OR acmepay OR @acmepay OR #acmepay) AND (refund* OR charg* OR \"customer service\") NOT (job OR hiring OR giveaway)");

        // An OR with a wildcard in it can only be broadened to "anything", so that whole group is left out.
        Assert.Equal("(\"acme pay\" OR acmepay OR @acmepay OR #acmepay) -job -hiring -giveaway", result.Rule);
        Assert.Equal(XRuleFidelity.Broader, result.Fidelity);
        Assert.Equal(["refund* left out (X has no wildcards or prefix matching)", "charg* left out (X has no wildcards or prefix matching)"], result.Notes);
    }

    [Fact]
    public void Pack_Rules_IntoOrQueriesWithinTheSearchLength()
    {
        var queries = XSearchQueries.Pack(["a b", "c", "d OR e", new string('f', 20)], 24);

        Assert.Equal(["(a b) OR (c) OR (d OR e)", new string('f', 20)], queries);
    }
}
