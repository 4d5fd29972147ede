using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Earshot.IntegrationTests.Infrastructure;

namespace Earshot.IntegrationTests.People;

/// <summary>Calls and checks shared by the people and teams tests.</summary>
internal static class PeopleApi
{
    public static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Asserts the refusal's status and that it names <paramref name="field"/> (400s list it in errors, others carry it as "field").</summary>
    public static async Task RefusedAsync(Task<HttpResponseMessage> call, HttpStatusCode status, string field)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode} {body}");
        var problem = JsonDocument.Parse(body).RootElement;
        var named = status == HttpStatusCode.BadRequest
            ? problem.GetProperty("errors").TryGetProperty(field, out _)
            : problem.GetProperty("field").GetString() == field;
        Assert.True(named, $"the refusal does not name '{field}': {body}");
    }

    public static Task<HttpResponseMessage> PatchAsync(HttpClient client, Guid id, object body) =>
        client.PatchAsJsonAsync($"/api/users/{id}", body);

    /// <summary>Opens a set-password link as an anonymous browser and chooses <paramref name="password"/>; returns the page's answer.</summary>
    public static async Task<HttpResponseMessage> SetPasswordAsync(Uri address, string link, string password, string? confirm = null)
    {
        using var browser = new SignInSession(address);
        var path = new Uri(link).PathAndQuery;
        var page = await browser.Client.GetAsync(path);
        var html = await page.Content.ReadAsStringAsync();
        var token = Uri.UnescapeDataString(path.Split("token=")[1]);
        return await browser.Client.PostAsync("/account/set-password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Token"] = token, ["Password"] = password, ["Confirm"] = confirm ?? password,
            ["__RequestVerificationToken"] = SignInSession.FormTokenIn(html),
        }));
    }
}
