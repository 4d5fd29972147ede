using System.Text.Json;
using Earshot.IntegrationTests.Infrastructure;

namespace Earshot.IntegrationTests.Cases;

/// <summary>Posts customers' messages and waits for the pipeline to turn them into cases.</summary>
internal static class CasePosts
{
    public const string Complaint = "My order arrived broken and nobody answers, this is terrible service";
    public const string Outage = "Your network is down again, total outage, no signal anywhere";
    public const string Question = "How do I change my billing address?";
    public const string Thanks = "thanks, that fixed it";

    public static async Task PostAsync(TestApp app, string id, string author, string text, DateTime? createdAt = null, int? followers = null,
        string? inReplyTo = null, bool brand = false, string channel = "api", string? workspace = null)
    {
        var post = new Dictionary<string, object?>
        {
            ["id"] = id, ["channel"] = channel, ["author"] = author, ["text"] = text,
            ["created_at"] = (createdAt ?? DateTime.UtcNow).ToString("O"),
        };
        if (followers is not null)
            post["author_followers"] = followers;
        if (inReplyTo is not null)
            post["in_reply_to"] = inReplyTo;
        if (brand)
            post["is_brand"] = true;
        if (workspace is not null)
            await app.EnsureWorkspaceAsync(workspace);
        var path = workspace is null ? "/api/posts" : "/api/posts?workspace=" + workspace;
        var response = await app.PostJsonAsync(path, JsonSerializer.Serialize(post));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Waits until the case list for <paramref name="status"/> has <paramref name="count"/> items, and returns them.</summary>
    public static async Task<JsonElement[]> WaitForCasesAsync(HttpClient http, int count, string status = "open", string? query = null)
    {
        JsonElement[] items = [];
        await Wait.UntilAsync(async () =>
        {
            var body = await http.GetStringAsync($"/api/cases?status={status}{query}");
            items = JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray().Select(e => e.Clone()).ToArray();
            return items.Length >= count;
        }, $"{count} {status} case(s)");
        return items;
    }

    public static async Task<JsonElement> GetAsync(HttpClient http, string path)
    {
        var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, object body) =>
        await http.SendAsync(new HttpRequestMessage(method, path)
        {
            Content = new StringContent(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json"),
        });
}
