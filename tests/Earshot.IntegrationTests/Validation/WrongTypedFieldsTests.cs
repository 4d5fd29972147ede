using System.Net;
using System.Text;
using Earshot.IntegrationTests.Infrastructure;

namespace Earshot.IntegrationTests.Validation;

/// <summary>A value of the wrong type in a request body is a 400 that names the field, not a bare "Bad Request".</summary>
public sealed class WrongTypedFieldsTests(PostgresServer postgres)
{
    [Fact]
    public async Task WrongType_IsNamedByItsPath_AndABrokenBodyAsTheBody()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres);

        var wrongType = await SendAsync(app, HttpMethod.Post, "/api/me/availability", """{"available": "yes"}""");
        var broken = await SendAsync(app, HttpMethod.Post, "/api/me/availability", """["available"]""");
        var fine = await SendAsync(app, HttpMethod.Post, "/api/me/availability", """{"available": false}""");

        await AssertNamesAsync(wrongType, "available", "'available' has a value of the wrong type");
        await AssertNamesAsync(broken, "body", "the body is not valid JSON of the expected shape");
        Assert.True(fine.IsSuccessStatusCode, $"a well-typed body still works: {(int)fine.StatusCode}");
    }

    private static async Task AssertNamesAsync(HttpResponseMessage response, string field, string detail)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await TestApp.ReadJsonAsync(response);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.StartsWith(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> SendAsync(TestApp app, HttpMethod method, string path, string json) =>
        app.Http.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
}
