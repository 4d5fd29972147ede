using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Earshot.IntegrationTests.Infrastructure;
using static Earshot.IntegrationTests.Cases.CasePosts;

namespace Earshot.IntegrationTests.Cases;

public sealed partial class AccessTests(PostgresServer postgres)
{
    [Fact]
    public async Task Every_api_endpoint_but_health_and_openapi_needs_a_signed_in_caller()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres);
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous.GetAsync("/openapi/v1.json")).StatusCode);
        foreach (var path in new[] { "/api/posts", "/api/cases", "/api/topics", "/api/channels", "/api/reports/fairness", "/api/me" })
        {
            var response = await app.Anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        var forged = new HttpRequestMessage(HttpMethod.Get, "/api/posts");
        forged.Headers.Authorization = new("Bearer", "esk_not-a-real-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous.SendAsync(forged)).StatusCode);
        var page = await app.Anonymous.GetAsync("/inbox");
        Assert.Equal("/login", page.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_user_sees_only_the_workspaces_they_belong_to(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await PostAsync(app, "a-1", "acme_fan", Complaint, workspace: "acme");
        await PostAsync(app, "g-1", "globex_fan", Complaint, workspace: "globex");
        var everything = await WaitForCasesAsync(app.Http, 2);
        var globexCase = everything.Single(c => c.GetProperty("author_handle").GetString() == "globex_fan").GetProperty("id").GetGuid();
        var agent = await app.ClientForAsync("ana@acme.test", "agent", "acme");

        var posts = await GetAsync(agent, "/api/posts");
        Assert.Equal(["acme_fan"], posts.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("author_handle").GetString()));
        var cases = await GetAsync(agent, "/api/cases");
        Assert.Equal(["acme_fan"], cases.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("author_handle").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/api/cases/{globexCase}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(agent, HttpMethod.Post, $"/api/cases/{globexCase}/replies", new { text = "hi" })).StatusCode);
        var intoGlobex = await agent.PostAsync("/api/posts?workspace=globex", new StringContent("""{"id":"x","channel":"api","author":"a","text":"t"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, intoGlobex.StatusCode);
        Assert.Equal(["acme"], (await GetAsync(agent, "/api/me")).GetProperty("workspaces").EnumerateArray().Select(w => w.GetString()));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Roles_and_token_scopes_limit_what_a_caller_may_change(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await PostAsync(app, "1", "someone", Complaint);
        var id = (await WaitForCasesAsync(app.Http, 1))[0].GetProperty("id").GetGuid();
        var analyst = await app.ClientForAsync("ann@brand.test", "analyst", "default");
        var agent = await app.ClientForAsync("al@brand.test", "agent", "default");
        var reader = await app.ClientForAsync("rea@brand.test", "agent", "default", scope: "read");

        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync($"/api/cases/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/api/reports/fairness")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(analyst, HttpMethod.Post, $"/api/cases/{id}/replies", new { text = "hello" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsync("/api/cases/next", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(analyst, HttpMethod.Post, "/api/posts", new { id = "by-analyst", channel = "api", author = "a", text = "t" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(agent, HttpMethod.Post, "/api/routing-rules", new { name = "r", team = "t" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(reader, HttpMethod.Post, $"/api/cases/{id}/notes", new { text = "hello" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/cases/{id}")).StatusCode);
        var lead = await app.ClientForAsync("lea@brand.test", "lead", "default");
        var reach = await SendAsync(lead, HttpMethod.Put, "/api/case-policy", new { policy = new { reach_factor_enabled = true } });
        Assert.Equal(HttpStatusCode.Forbidden, reach.StatusCode);
        Assert.Contains("reach_factor_enabled", await reach.Content.ReadAsStringAsync());
        Assert.True((await SendAsync(app.Http, HttpMethod.Put, "/api/case-policy", new { policy = new { reach_factor_enabled = true } })).IsSuccessStatusCode);
        var report = await GetAsync(app.Http, "/api/reports/fairness");
        var change = Assert.Single(report.GetProperty("reach_factor").GetProperty("changes").EnumerateArray());
        Assert.Equal(TestApp.AdminEmail, change.GetProperty("by").GetString());
    }

    [Fact]
    public async Task Tokens_can_be_created_and_revoked_through_the_api()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres);
        var created = await SendAsync(app.Http, HttpMethod.Post, "/api/me/tokens", new { name = "crm sync", scope = "read" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        using var client = new HttpClient { BaseAddress = app.Address };
        client.DefaultRequestHeaders.Authorization = new("Bearer", body.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/posts")).StatusCode);
        var listed = await GetAsync(app.Http, "/api/me/tokens");
        Assert.DoesNotContain(body.GetProperty("token").GetString()!, listed.GetRawText());

        Assert.Equal(HttpStatusCode.NoContent, (await app.Http.DeleteAsync($"/api/me/tokens/{body.GetProperty("id").GetGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/posts")).StatusCode);
        var badScope = await SendAsync(app.Http, HttpMethod.Post, "/api/me/tokens", new { name = "x", scope = "root" });
        Assert.Equal(HttpStatusCode.BadRequest, badScope.StatusCode);
    }

    [Fact]
    public async Task Cookie_sign_in_needs_the_anti_forgery_token_for_api_writes_and_locks_after_five_failures()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres);
        await app.ClientForAsync("ana@brand.test", "agent", "default");
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new(), AllowAutoRedirect = false }) { BaseAddress = app.Address };

        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(browser, "ana@brand.test", "password-agent")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(browser, "ana@brand.test", "password-agent", submit: true)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/me")).StatusCode);
        var withoutToken = await browser.PostAsync("/api/me/availability", new StringContent("""{"available": false}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Contains("anti-forgery", await withoutToken.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        using var guesser = new HttpClient(new HttpClientHandler { CookieContainer = new(), AllowAutoRedirect = false }) { BaseAddress = app.Address };
        for (var i = 0; i < 5; i++)
            Assert.Contains("do not match", await (await SignInAsync(guesser, "ana@brand.test", "wrong-" + i, submit: true)).Content.ReadAsStringAsync());
        var locked = await SignInAsync(guesser, "ana@brand.test", "password-agent", submit: true);
        Assert.Contains("locked", await locked.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Sign_in_to_an_address_with_no_account_locks_like_a_real_one()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres);
        using var guesser = new HttpClient(new HttpClientHandler { CookieContainer = new(), AllowAutoRedirect = false }) { BaseAddress = app.Address };

        // "locked" must not tell a guesser that an address exists: one with no account answers the same way.
        for (var i = 0; i < 5; i++)
            Assert.Contains("do not match", await (await SignInAsync(guesser, "nobody@brand.test", "wrong-" + i, submit: true)).Content.ReadAsStringAsync());
        Assert.Contains("locked", await (await SignInAsync(guesser, "nobody@brand.test", "anything", submit: true)).Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, bool submit = false)
    {
        var form = await client.GetAsync("/login");
        if (!submit)
            return form;
        var token = AntiforgeryField().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
        return await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = password, ["__RequestVerificationToken"] = token,
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
