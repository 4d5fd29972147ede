using System.Net.Http.Json;
using System.Text.Json;
using Earshot.Connectors.Shared;

namespace Earshot.Connectors.X;

/// <summary>A rule X refused, with its reason (invalid syntax, too long, over the rule count).</summary>
public sealed record XRejectedRule(string Tag, string Value, string Message);

public sealed record XRuleSyncResult(int Added, int Deleted, int Unchanged, IReadOnlyList<XRejectedRule> Rejected);

/// <summary>
/// Brings the app's filtered-stream rules in line with the desired ones: reads them all (following next_token),
/// deletes Earshot's stale rules, adds the missing ones. X answers an add with per-rule errors in a 200 or 400:
/// DuplicateRule means the value is already streamed (fine); any other error names a rule X refused, which is
/// reported, and the rest of the batch is sent again on its own because X creates none when one is invalid.
/// </summary>
public static class XRuleSync
{
    private const string Path = "/2/tweets/search/stream/rules";

    public static async Task<XRuleSyncResult> SyncAsync(HttpClient client, string baseUrl, Guid channelId, IReadOnlyList<XDesiredRule> desired, CancellationToken cancellationToken)
    {
        var existing = await ListAsync(client, baseUrl, cancellationToken);
        var plan = XRulePlanner.Plan(channelId, existing, desired);
        if (plan.DeleteIds.Count > 0)
        {
            using var delete = await client.PostAsJsonAsync(baseUrl + Path, new { delete = new { ids = plan.DeleteIds } }, cancellationToken);
            await XHttp.ThrowOnFailureAsync(delete, 0, cancellationToken);
        }
        var rejected = new List<XRejectedRule>();
        var pending = plan.Add.ToList();
        for (var attempt = 0; attempt < 2 && pending.Count > 0; attempt++)
        {
            using var add = await client.PostAsJsonAsync(baseUrl + Path, new { add = pending.Select(r => new { value = r.Value, tag = r.Tag }) }, cancellationToken);
            var body = await add.Content.ReadAsStringAsync(cancellationToken);
            var errors = AddErrors(body);
            if (!add.IsSuccessStatusCode && errors.Count == 0)
                await XHttp.ThrowOnFailureAsync(add, body, 0);
            var refused = errors.Where(e => e.Title != "DuplicateRule").ToList();
            rejected.AddRange(refused.Select(e => new XRejectedRule(pending.FirstOrDefault(p => p.Value == e.Value)?.Tag ?? "", e.Value ?? "", e.Message)));
            // X creates nothing from a batch with an invalid rule: send the others again without it.
            pending = refused.Count > 0 ? pending.Where(p => refused.All(e => e.Value != p.Value)).ToList() : [];
        }
        return new XRuleSyncResult(plan.Add.Count - rejected.Count, plan.DeleteIds.Count, plan.Unchanged, rejected);
    }

    public static async Task<IReadOnlyList<XRule>> ListAsync(HttpClient client, string baseUrl, CancellationToken cancellationToken)
    {
        var rules = new List<XRule>();
        string? next = null;
        for (var page = 0; page < 20; page++)
        {
            using var response = await client.GetAsync(baseUrl + Path + "?max_results=1000" + (next is null ? "" : "&pagination_token=" + Uri.EscapeDataString(next)), cancellationToken);
            await XHttp.ThrowOnFailureAsync(response, 0, cancellationToken);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            if (json.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
            {
                rules.AddRange(data.EnumerateArray().Select(r => new XRule(
                    r.GetProperty("id").GetString()!, r.GetProperty("value").GetString()!,
                    r.TryGetProperty("tag", out var tag) && tag.ValueKind == JsonValueKind.String ? tag.GetString() : null)));
            }
            next = json.RootElement.TryGetProperty("meta", out var meta) && meta.TryGetProperty("next_token", out var token) ? token.GetString() : null;
            if (next is null)
                break;
        }
        return rules;
    }

    private sealed record AddError(string? Value, string Title, string Message);

    private static List<AddError> AddErrors(string body)
    {
        if (!ConnectorJson.TryParse("x rules", body, out var document, out _))
            return [];
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array)
                return [];
            return errors.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).Select(e => new AddError(
                Text(e, "value"),
                Text(e, "title") ?? "",
                // Invalid rules carry details[]; other problems a detail or only a title.
                e.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array
                    ? string.Join("; ", details.EnumerateArray().Select(d => d.ToString()))
                    : Text(e, "detail") ?? Text(e, "title") ?? "refused")).ToList();
        }

        static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }
}
