using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Earshot.IntegrationTests.Infrastructure;

namespace Earshot.IntegrationTests.Wording;

/// <summary>
/// A refusal is said in the reader's language where it is shown: the API's problem details follow Accept-Language
/// (English when none is sent), and a page shows a German user the German refusal beside the German label. Field
/// names stay the wire names in every language.
/// </summary>
public sealed class RefusalsInTheReadersLanguageTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task ApiRefusals_AreGermanForAcceptLanguageDe_AndEnglishWithout(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await app.EnsureWorkspaceAsync("default");
        var person = new { email = "ana@brand.test", role = "agent", workspaces = new[] { "default" } };
        Assert.Equal(HttpStatusCode.Created, (await app.Http.PostAsJsonAsync("/api/users", person)).StatusCode);

        var (status, english) = await PostAsync(app, person, language: null);
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("Conflict", english.GetProperty("title").GetString());
        Assert.Equal("'ana@brand.test' already has an account", english.GetProperty("detail").GetString());
        Assert.Equal("email", english.GetProperty("field").GetString());

        var (_, german) = await PostAsync(app, person, language: "de-DE,de;q=0.9,en;q=0.5");
        Assert.Equal("Konflikt", german.GetProperty("title").GetString());
        Assert.Equal("„ana@brand.test“ hat bereits ein Konto", german.GetProperty("detail").GetString());
        Assert.Equal("email", german.GetProperty("field").GetString());

        var invalid = new { email = "not-an-address", role = "agent", workspaces = new[] { "default" } };
        var (badStatus, badGerman) = await PostAsync(app, invalid, language: "de");
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        var errors = badGerman.GetProperty("errors");
        Assert.Equal("geben Sie eine E-Mail-Adresse wie ana@brand.example an", errors.GetProperty("email")[0].GetString());
        var (_, badEnglish) = await PostAsync(app, invalid, language: null);
        Assert.Equal("give an e-mail address such as ana@brand.example", badEnglish.GetProperty("errors").GetProperty("email")[0].GetString());

        // The query parser's messages too, with the place of the mistake.
        Assert.Equal("Unerwartete ')' (keine passende '(') in Spalte 7", await QueryErrorAsync(app, "a OR b)", "de"));
        Assert.Equal("Unexpected ')' (no matching '(') at column 7", await QueryErrorAsync(app, "a OR b)", null));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task ARefusedForm_ShowsAGermanUserTheGermanRefusal(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await app.EnsureWorkspaceAsync("default");
        await app.ClientForAsync("lea@brand.test", "lead", "default");
        using var lead = new SignInSession(app.Address);
        lead.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");
        await lead.SignInOrFailAsync("lea@brand.test", "password-lead");

        var bad = await lead.PostFormAsync("/users?handler=Create", new() { ["email"] = "not-an-address", ["role"] = "agent", ["workspaces"] = "default" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var html = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        Assert.Contains("E-Mail: geben Sie eine E-Mail-Adresse wie ana@brand.example an", html, StringComparison.Ordinal);
        Assert.DoesNotContain("give an e-mail address", html, StringComparison.Ordinal);

        var admin = await lead.PostFormAsync("/users?handler=Active", new() { ["id"] = (await app.UserIdAsync(TestApp.AdminEmail)).ToString(), ["active"] = "false" });
        Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);
        Assert.Contains("Person oder Team: admin@earshot.test ist Admin; nur ein Admin darf das ändern",
            WebUtility.HtmlDecode(await admin.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    private static async Task<string?> QueryErrorAsync(TestApp app, string query, string? language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/search?q=" + Uri.EscapeDataString(query));
        if (language is not null)
            request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await app.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").GetProperty("q")[0].GetString();
    }

    private static async Task<(HttpStatusCode Status, JsonElement Problem)> PostAsync(TestApp app, object body, string? language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/users") { Content = JsonContent.Create(body) };
        if (language is not null)
            request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await app.Http.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }
}
