using System.Net;
using System.Text.RegularExpressions;
using Earshot.Hosting;
using Earshot.IntegrationTests.Infrastructure;

namespace Earshot.IntegrationTests.Access;

public sealed partial class SecurityHeadersTests(PostgresServer postgres)
{
    [Fact]
    public async Task Pages_ApiAndErrors_CarryTheBrowserPolicies()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres);

        foreach (var response in new[]
        {
            await app.Anonymous.GetAsync("/login"),
            await app.Http.GetAsync("/api/me"),
            await app.Anonymous.GetAsync("/api/posts"),
            await app.Http.GetAsync("/earshot.css"),
        })
        {
            var path = response.RequestMessage!.RequestUri!.AbsolutePath;
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Single(response, "Content-Security-Policy"));
            Assert.Contains("frame-ancestors 'none'", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
            Assert.True(Single(response, "X-Frame-Options") == "DENY", $"{path}: X-Frame-Options {Single(response, "X-Frame-Options")}");
            Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
            Assert.Equal("same-origin", Single(response, "Referrer-Policy"));
        }
    }

    [Fact]
    public async Task SignInCookie_IsSecure_WhenALocalProxySaysTheRequestCameOverHttps()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres);
        await app.ClientForAsync("ana@brand.test", "agent", "default");

        var direct = await SignInAsync(app, forwardedProto: null);
        var proxied = await SignInAsync(app, forwardedProto: "https");

        Assert.DoesNotContain("secure", SessionCookie(direct), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", SessionCookie(proxied), StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<HttpResponseMessage> SignInAsync(TestApp app, string? forwardedProto)
    {
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new(), AllowAutoRedirect = false }) { BaseAddress = app.Address };
        var form = await browser.GetAsync("/login");
        var token = AntiforgeryField().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = "ana@brand.test", ["Password"] = "password-agent", ["__RequestVerificationToken"] = token,
            }),
        };
        if (forwardedProto is not null)
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        var response = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }

    private static string SessionCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("earshot=", StringComparison.Ordinal));

    private static string Single(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values) ? string.Join(" | ", values) : "(missing)";

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
