using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Earshot.IntegrationTests.Infrastructure;
using static Earshot.IntegrationTests.Cases.CasePosts;

namespace Earshot.IntegrationTests.Cases;

/// <summary>What the case page does beyond replying: status in the badge's words, reassigning, merging and splitting.</summary>
public sealed class CasePageWorkTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task StatusControl_NewCase_ShowsNewAsTheBadgeDoes_AndRefusesGoingBackToNew(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await PostAsync(app, "c-1", "dana_k", Complaint);
        var id = (await WaitForCasesAsync(app.Http, 1))[0].GetProperty("id").GetGuid();
        using var session = await SignInSession.StartAsync(app.Address, TestApp.AdminEmail, "password-admin");

        var html = await session.Client.GetStringAsync($"/cases/{id}");
        Assert.Equal("new", Regex.Match(html, "id=\"case-status\">([^<]+)<").Groups[1].Value);
        var options = StatusOptions(html);
        Assert.Equal(("new", "new", true), options[0]);
        Assert.Equal(["open", "pending_customer", "resolved", "closed"], options.Skip(1).Select(o => o.Value));
        Assert.Equal("pending customer", options.Single(o => o.Value == "pending_customer").Text);

        Assert.Equal(HttpStatusCode.Redirect, (await session.PostFormAsync($"/cases/{id}?handler=Status", new() { ["Status"] = "pending_customer" })).StatusCode);
        html = await session.Client.GetStringAsync($"/cases/{id}");
        Assert.Equal("pending customer", Regex.Match(html, "id=\"case-status\">([^<]+)<").Groups[1].Value);
        Assert.Equal(("pending_customer", "pending customer", true), StatusOptions(html)[0]);

        var refused = await (await session.PostFormAsync($"/cases/{id}?handler=Status", new() { ["Status"] = "new" })).Content.ReadAsStringAsync();
        Assert.Contains("Status: choose one of open, resolved, closed", refused);
        Assert.Equal("pending_customer", (await GetAsync(app.Http, $"/api/cases/{id}")).GetProperty("case").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Reassign_LeadHandsToAnAgentAndTeam_AgentMayNotHandToSomeoneElse(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await PostAsync(app, "c-1", "dana_k", Complaint);
        var id = (await WaitForCasesAsync(app.Http, 1))[0].GetProperty("id").GetGuid();
        await app.ClientForAsync("lee@brand.test", "lead", "default");
        await app.ClientForAsync("ana@brand.test", "agent", "default");
        await app.ClientForAsync("ben@brand.test", "agent", "default");
        var ben = await app.UserIdAsync("ben@brand.test");
        var team = JsonDocument.Parse(await (await SendAsync(app.Http, HttpMethod.Post, "/api/teams", new { name = "Billing" })).Content.ReadAsStringAsync())
            .RootElement.GetProperty("id").GetGuid();

        using (var ana = await SignInSession.StartAsync(app.Address, "ana@brand.test", "password-agent"))
        {
            var page = await ana.Client.GetStringAsync($"/cases/{id}");
            Assert.DoesNotContain($"value=\"{ben}\"", page);
            Assert.DoesNotContain("Billing", page);
            var refused = await (await ana.PostFormAsync($"/cases/{id}?handler=Assign", new() { ["Assignee"] = ben.ToString() })).Content.ReadAsStringAsync();
            Assert.Contains("Agent: agents take cases for themselves", refused);
            refused = await (await ana.PostFormAsync($"/cases/{id}?handler=Assign", new() { ["Assignee"] = "me", ["Team"] = team.ToString() })).Content.ReadAsStringAsync();
            Assert.Contains("Team: agents move cases only to their own teams", refused);
            Assert.Equal(JsonValueKind.Null, (await GetAsync(app.Http, $"/api/cases/{id}")).GetProperty("case").GetProperty("assignee_id").ValueKind);
        }

        using var lead = await SignInSession.StartAsync(app.Address, "lee@brand.test", "password-lead");
        var leadPage = await lead.Client.GetStringAsync($"/cases/{id}");
        Assert.Contains($"value=\"{ben}\"", leadPage);
        Assert.Contains($"value=\"{team}\"", leadPage);
        var done = await lead.PostFormAsync($"/cases/{id}?handler=Assign", new() { ["Assignee"] = ben.ToString(), ["Team"] = team.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var detail = (await GetAsync(app.Http, $"/api/cases/{id}")).GetProperty("case");
        Assert.Equal(ben, detail.GetProperty("assignee_id").GetGuid());
        Assert.Equal("Billing", detail.GetProperty("team").GetString());

        // Nobody outside the case's workspace may hold it, by the page or the API.
        await app.ClientForAsync("oz@other.test", "agent", "other");
        var outsider = await app.UserIdAsync("oz@other.test");
        Assert.DoesNotContain(outsider.ToString(), await lead.Client.GetStringAsync($"/cases/{id}"));
        var refusedOutsider = await SendAsync(app.Http, HttpMethod.Post, $"/api/cases/{id}/assign", new { assignee_id = outsider.ToString() });
        Assert.Equal(HttpStatusCode.BadRequest, refusedOutsider.StatusCode);
        Assert.Contains("no such agent in this case's workspace", await refusedOutsider.Content.ReadAsStringAsync());
        Assert.Equal(ben, (await GetAsync(app.Http, $"/api/cases/{id}")).GetProperty("case").GetProperty("assignee_id").GetGuid());
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Merge_AsksFirst_ThenTheMergedCaseLinksToWhereItWent(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await PostAsync(app, "c-1", "dana_k", Complaint);
        await PostAsync(app, "c-2", "eli_m", Outage);
        var cases = await WaitForCasesAsync(app.Http, 2);
        var source = cases.Single(c => c.GetProperty("author_handle").GetString() == "dana_k").GetProperty("id").GetGuid();
        var target = cases.Single(c => c.GetProperty("author_handle").GetString() == "eli_m").GetProperty("id").GetGuid();
        using var session = await SignInSession.StartAsync(app.Address, TestApp.AdminEmail, "password-admin");

        var found = await session.Client.GetStringAsync($"/cases/{source}?find=NETWORK");
        Assert.Contains($"name=\"IntoCase\" value=\"{target}\"", found);

        var asked = await session.PostFormAsync($"/cases/{source}?handler=Merge", new() { ["IntoText"] = $"{app.Address}cases/{target}" });
        var confirm = await asked.Content.ReadAsStringAsync();
        Assert.Contains("id=\"merge-confirm\"", confirm);
        Assert.Contains($"href=\"/cases/{target}\"", confirm);
        Assert.Equal("new", (await GetAsync(app.Http, $"/api/cases/{source}")).GetProperty("case").GetProperty("status").GetString());

        var merged = await session.PostFormAsync($"/cases/{source}?handler=Merge", new() { ["IntoCase"] = target.ToString(), ["Confirm"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        var page = await session.Client.GetStringAsync($"/cases/{source}");
        Assert.Matches($"id=\"merged-into\">Merged into <a href=\"/cases/{target}\">", page);
        Assert.DoesNotContain("id=\"status-select\"", page);
        var into = await session.Client.GetStringAsync($"/cases/{target}");
        Assert.Contains($"href=\"/cases/{source}\"", into[into.IndexOf("gathered", StringComparison.Ordinal)..]);

        var bad = await (await session.PostFormAsync($"/cases/{target}?handler=Merge", new() { ["IntoText"] = "not a case" })).Content.ReadAsStringAsync();
        Assert.Contains("Merge into: that is neither a case id nor a link to a case", bad);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Split_AsksFirst_ThenMovesTheChosenPostIntoANewCase(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await PostAsync(app, "c-1", "dana_k", Complaint, DateTime.UtcNow.AddMinutes(-2));
        var id = (await WaitForCasesAsync(app.Http, 1))[0].GetProperty("id").GetGuid();
        await PostAsync(app, "c-2", "dana_k", "also my invoice shows a double charge", DateTime.UtcNow, inReplyTo: "c-1");
        JsonElement[] posts = [];
        await Wait.UntilAsync(async () =>
        {
            posts = (await GetAsync(app.Http, $"/api/cases/{id}")).GetProperty("conversation").EnumerateArray()
                .Where(e => e.GetProperty("kind").GetString() == "customer").ToArray();
            return posts.Length == 2;
        }, "the second post in the case");
        var second = posts.Single(p => p.GetProperty("text").GetString()!.Contains("invoice", StringComparison.Ordinal)).GetProperty("id").GetGuid();
        using var session = await SignInSession.StartAsync(app.Address, TestApp.AdminEmail, "password-admin");

        var asked = await (await session.PostFormAsync($"/cases/{id}?handler=Split", new() { ["SplitPosts"] = second.ToString() })).Content.ReadAsStringAsync();
        Assert.Contains("id=\"split-confirm\"", asked);
        Assert.Contains("Move 1 post(s) into a new case", asked);
        Assert.Equal(2, (await GetAsync(app.Http, $"/api/cases/{id}")).GetProperty("conversation").EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "customer"));

        var split = await session.PostFormAsync($"/cases/{id}?handler=Split", new() { ["SplitPosts"] = second.ToString(), ["Confirm"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, split.StatusCode);
        var made = Guid.Parse(Regex.Match(split.Headers.Location!.OriginalString, "split=([0-9a-f-]{36})").Groups[1].Value);
        var newCase = (await GetAsync(app.Http, $"/api/cases/{made}")).GetProperty("conversation").EnumerateArray().Single();
        Assert.Equal(second, newCase.GetProperty("id").GetGuid());
        var back = await session.Client.GetStringAsync(split.Headers.Location!.OriginalString);
        Assert.Contains($"href=\"/cases/{made}\"", back[back.IndexOf("split-to", StringComparison.Ordinal)..]);

        var none = await (await session.PostFormAsync($"/cases/{id}?handler=Split", new())).Content.ReadAsStringAsync();
        Assert.Equal(1, Regex.Count(none, "Split posts into a new case: tick"));
    }

    /// <summary>The status control's options in order: value, text, and whether it is the selected one.</summary>
    private static List<(string Value, string Text, bool Selected)> StatusOptions(string html)
    {
        var select = Regex.Match(html, "<select name=\"Status\" id=\"status-select\">(.*?)</select>", RegexOptions.Singleline).Groups[1].Value;
        return Regex.Matches(select, "<option value=\"([^\"]+)\"( selected(?:=\"selected\")?)?>([^<]+)</option>")
            .Select(m => (m.Groups[1].Value, m.Groups[3].Value, m.Groups[2].Success)).ToList();
    }
}
