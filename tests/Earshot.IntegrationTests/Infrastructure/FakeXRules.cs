using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Earshot.IntegrationTests.Infrastructure;

/// <summary>
/// X's stream rules endpoint (GET and POST /2/tweets/search/stream/rules) holding rules in memory, answering in the
/// shapes of ../shared/fixtures/twitter/stream_rules_*.json: an add of a value already present is a DuplicateRule
/// error; a value containing "INVALID" is refused with details, and then, as X does, nothing of that batch is created.
/// </summary>
public sealed class FakeXRules
{
    private readonly object _gate = new();
    private readonly List<(string Id, string Value, string? Tag)> _rules = [];
    private long _nextId = 1605612339621163000;

    public List<string> Requests { get; } = [];

    public IReadOnlyList<(string Id, string Value, string? Tag)> Rules
    {
        get { lock (_gate) return _rules.ToList(); }
    }

    public string Seed(string value, string? tag)
    {
        lock (_gate)
        {
            var id = (++_nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
            _rules.Add((id, value, tag));
            return id;
        }
    }

    public void Map(WebApplication server)
    {
        server.MapGet("/2/tweets/search/stream/rules", () =>
        {
            lock (_gate)
            {
                Requests.Add("GET");
                return Results.Json(new
                {
                    data = _rules.Select(r => new { id = r.Id, value = r.Value, tag = r.Tag }),
                    meta = new { sent = "2024-01-15T10:31:00.000Z", result_count = _rules.Count },
                });
            }
        });
        server.MapPost("/2/tweets/search/stream/rules", async (HttpContext context) =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            lock (_gate)
            {
                Requests.Add("POST " + body.RootElement.GetRawText());
                if (body.RootElement.TryGetProperty("delete", out var delete))
                {
                    var ids = delete.GetProperty("ids").EnumerateArray().Select(i => i.GetString()).ToHashSet();
                    var deleted = _rules.RemoveAll(r => ids.Contains(r.Id));
                    return Results.Json(new { meta = new { sent = "2024-01-15T11:00:00.000Z", summary = new { deleted, not_deleted = ids.Count - deleted } } });
                }
                return Add(body.RootElement.GetProperty("add"));
            }
        });
    }

    private IResult Add(JsonElement add)
    {
        var errors = new List<object>();
        var created = new List<(string Id, string Value, string? Tag)>();
        var invalid = 0;
        foreach (var rule in add.EnumerateArray())
        {
            var value = rule.GetProperty("value").GetString()!;
            var tag = rule.TryGetProperty("tag", out var t) ? t.GetString() : null;
            if (_rules.FirstOrDefault(r => r.Value == value) is { Id: not null } existing)
                errors.Add(new { value, id = existing.Id, title = "DuplicateRule", type = "https://api.twitter.com/2/problems/duplicate-rules" });
            else if (value.Contains("INVALID", StringComparison.Ordinal) && ++invalid > 0)
                errors.Add(new { value, details = new[] { "Reference to invalid operator 'INVALID'" }, title = "UnprocessableEntity", type = "https://api.x.com/2/problems/invalid-rules" });
            else
                created.Add(((++_nextId).ToString(System.Globalization.CultureInfo.InvariantCulture), value, tag));
        }
        if (invalid > 0)
            created.Clear();
        _rules.AddRange(created);
        var summary = new { created = created.Count, not_created = add.GetArrayLength() - created.Count, valid = add.GetArrayLength() - invalid, invalid };
        return created.Count > 0 || errors.Count == 0
            ? Results.Json(new { data = created.Select(r => new { id = r.Id, value = r.Value, tag = r.Tag }), meta = new { sent = "2024-01-15T10:30:00.000Z", summary }, errors }, statusCode: 201)
            : Results.Json(new { meta = new { sent = "2022-12-21T17:31:44.175Z", summary }, errors });
    }
}
