using System.Net;
using System.Net.Http.Headers;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;

namespace Earshot.IntegrationTests.Pages;

/// <summary>
/// A failed page request is an HTML page in the layout with a way back (404, 403, 400, 500), while the API, and any
/// request that does not ask for HTML, keeps its RFC 7807 problem details.
/// </summary>
public sealed class ErrorPagesTests(PostgresServer postgres)
{
    [Fact]
    public async Task PageFailures_AreLayoutPages_AndApiFailures_StayProblemDetails()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres,
            services => services.Configure<MvcOptions>(options => options.Filters.Add(new FailOnRequest())));
        using var lead = await SignInSession.StartAsync(app.Address, (await LeadAsync(app)).Email, "password-lead");

        var notFound = await GetHtmlAsync(lead.Client, $"/cases/{Guid.NewGuid()}");
        var noPage = await GetHtmlAsync(lead.Client, "/no-such-page");
        var forbidden = await GetHtmlAsync(lead.Client, "/audit");
        var failed = await GetHtmlAsync(lead.Client, "/inbox?fail-for-test=1");
        using var staleForm = new HttpRequestMessage(HttpMethod.Post, "/logout") { Content = new FormUrlEncodedContent([]) };
        staleForm.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        var badRequest = await lead.Client.SendAsync(staleForm);
        // A signed-out visitor is asked to sign in anywhere but here, so unknown addresses tell them nothing.
        using var anonymous = new HttpClient { BaseAddress = app.Address };
        var direct = await GetHtmlAsync(anonymous, "/error?code=500");

        foreach (var (response, status, heading) in new[]
        {
            (notFound, 404, "Not found"), (noPage, 404, "Not found"), (forbidden, 403, "Not allowed"), (failed, 500, "Something went wrong on our side"),
            (badRequest, 400, "That request could not be read"), (direct, 404, "Not found"),
        })
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode == status, $"{response.RequestMessage!.RequestUri}: {(int)response.StatusCode}, not {status}");
            Assert.True(response.Content.Headers.ContentType?.MediaType == "text/html", $"{response.RequestMessage!.RequestUri}: {response.Content.Headers.ContentType} {body}");
            Assert.Contains(heading, body, StringComparison.Ordinal);
            Assert.Contains("<header class=\"top\">", body, StringComparison.Ordinal);
        }
        Assert.Contains("href=\"/inbox\"", await notFound.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("href=\"/login\"", await direct.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("FailOnRequest", await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var api = await GetHtmlAsync(lead.Client, $"/api/cases/{Guid.NewGuid()}");
        var json = await lead.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/no-such-page") { Headers = { Accept = { new("application/json") } } });
        Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (api.StatusCode, api.Content.Headers.ContentType?.MediaType));
        Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (json.StatusCode, json.Content.Headers.ContentType?.MediaType));
    }

    private static async Task<(string Email, string Role)> LeadAsync(TestApp app)
    {
        await app.EnsureWorkspaceAsync("default");
        await app.ClientForAsync("lea@brand.test", "lead", "default");
        return ("lea@brand.test", "lead");
    }

    private static async Task<HttpResponseMessage> GetHtmlAsync(HttpClient client, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        return await client.SendAsync(request);
    }

    /// <summary>Makes a page throw, as a bug of ours would, when the request asks for it.</summary>
    private sealed class FailOnRequest : IAsyncResourceFilter
    {
        public Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next) =>
            context.HttpContext.Request.Path == "/inbox" && context.HttpContext.Request.Query.ContainsKey("fail-for-test") ? throw new InvalidOperationException("FailOnRequest") : next();
    }
}
