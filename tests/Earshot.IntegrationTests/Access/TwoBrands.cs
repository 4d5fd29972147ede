using System.Net.Http.Json;
using System.Text.Json;
using Earshot.Core.Alerts;
using Earshot.Core.Alerts.Delivery;
using Earshot.IntegrationTests.Infrastructure;
using Earshot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Earshot.IntegrationTests.Cases.CasePosts;

namespace Earshot.IntegrationTests.Access;

/// <summary>
/// Two brands on one server, acme and globex, each with a lead and one of everything a workspace owns. Everything
/// of globex's carries "globex" in its text, so a page or list that leaks it to acme's lead shows it.
/// </summary>
internal sealed class TwoBrands
{
    public const string GlobexSecret = "globex launch plan leaked early";
    public const string GlobexHookUrl = "https://93.184.216.34/globex-hook";
    public const string GlobexWording = "GLOBEX-ONLY canned wording";

    public required TestApp App { get; init; }
    public required HttpClient AcmeLead { get; init; }
    public required HttpClient GlobexLead { get; init; }
    /// <summary>Acme's things (what acme's lead may open) and globex's (what acme's lead must not reach), by kind.</summary>
    public required IReadOnlyDictionary<Names, Guid> Acme { get; init; }
    public required IReadOnlyDictionary<Names, Guid> Globex { get; init; }
    public Guid GlobexCanned { get; init; }

    public static async Task<TwoBrands> StartAsync(DatabaseKind kind, PostgresServer postgres)
    {
        var app = await TestApp.StartAsync(kind, postgres);
        var acmeLead = await app.ClientForAsync("lea@acme.test", "lead", "acme");
        var globexLead = await app.ClientForAsync("leo@globex.test", "lead", "globex");
        await PostAsync(app, "a-1", "acme_fan", Complaint, workspace: "acme");
        await PostAsync(app, "g-1", "globex_insider", GlobexSecret + ". " + Complaint, workspace: "globex");
        await WaitForCasesAsync(app.Http, 2);

        await SucceedsAsync(globexLead.PostAsJsonAsync("/api/topics", new { workspace = "globex", name = "GlobexSecretTopic", query = "launch" }));
        var hook = await SucceedsAsync(globexLead.PostAsJsonAsync("/api/webhooks", new { workspace = "globex", url = GlobexHookUrl, secret = "globex-signing-secret-0001" }));
        await SucceedsAsync(globexLead.PostAsJsonAsync("/api/canned-replies", new { workspace = "globex", name = "gx", body = GlobexWording }));
        await SucceedsAsync(globexLead.PostAsJsonAsync("/api/teams", new { workspace = "globex", name = "globex-team" }));
        await SucceedsAsync(globexLead.PostAsJsonAsync("/api/routing-rules", new { workspace = "globex", name = "globex-rule", team = "globex-team" }));
        await SucceedsAsync(globexLead.PostAsJsonAsync("/api/calendars", new { workspace = "globex", name = "globex-hours", time_zone = "UTC" }));
        await SucceedsAsync(globexLead.PostAsJsonAsync("/api/sla-policies", new { workspace = "globex", name = "globex-sla", calendar = "globex-hours" }));
        foreach (var (lead, workspace) in new[] { (acmeLead, "acme"), (globexLead, "globex") })
        {
            await SucceedsAsync(lead.PostAsJsonAsync("/api/channels", new
            {
                kind = "webchat", workspace, name = workspace + "-chat", settings = new { origins = new[] { $"https://{workspace}.example" } },
            }));
        }

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<EarshotDbContext>>().CreateDbContextAsync();
        var workspaces = await db.Workspaces.ToDictionaryAsync(w => w.Name, w => w.Id);
        var now = DateTime.UtcNow;
        var alerts = new[] { "acme", "globex" }.ToDictionary(name => name, name => new Alert
        {
            WorkspaceId = workspaces[name], Kind = "spike", Status = AlertStatus.Open, StartedAt = now, UpdatedAt = now, Count = 3,
        });
        db.Alerts.AddRange(alerts.Values);
        var dead = new WebhookDelivery
        {
            WebhookId = JsonDocument.Parse(await hook.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid(),
            EventId = Guid.CreateVersion7(), EventType = "alert.opened", Body = "{}", Status = DeliveryStatus.Dead,
            Attempts = 8, CreatedAt = now, NextAttemptAt = now, LastError = "HTTP 500",
        };
        db.WebhookDeliveries.Add(dead);
        await db.SaveChangesAsync();

        async Task<Dictionary<Names, Guid>> ThingsOfAsync(string workspace, string leadEmail)
        {
            var id = workspaces[workspace];
            var lead = await db.Users.Where(u => u.Email == leadEmail).Select(u => u.Id).SingleAsync();
            var things = new Dictionary<Names, Guid>
            {
                [Names.Case] = await db.Cases.Where(c => c.WorkspaceId == id).Select(c => c.Id).SingleAsync(),
                [Names.Post] = await db.Posts.Where(p => p.WorkspaceId == id).Select(p => p.Id).SingleAsync(),
                [Names.Channel] = await db.Channels.Where(c => c.WorkspaceId == id && c.Name == workspace + "-chat").Select(c => c.Id).SingleAsync(),
                [Names.Alert] = alerts[workspace].Id,
                [Names.Token] = await db.ApiTokens.Where(t => t.UserId == lead).Select(t => t.Id).FirstAsync(),
                [Names.User] = lead,
            };
            foreach (var (names, query) in new (Names, IQueryable<Guid>)[]
            {
                (Names.Topic, db.Topics.Where(t => t.WorkspaceId == id).Select(t => t.Id)),
                (Names.Webhook, db.Webhooks.Where(w => w.WorkspaceId == id).Select(w => w.Id)),
                (Names.Team, db.Teams.Where(t => t.WorkspaceId == id).Select(t => t.Id)),
                (Names.RoutingRule, db.RoutingRules.Where(r => r.WorkspaceId == id).Select(r => r.Id)),
                (Names.SlaPolicy, db.SlaPolicies.Where(p => p.WorkspaceId == id).Select(p => p.Id)),
                (Names.Calendar, db.BusinessCalendars.Where(c => c.WorkspaceId == id).Select(c => c.Id)),
                (Names.CannedReply, db.CannedReplies.Where(r => r.WorkspaceId == id).Select(r => r.Id)),
            })
            {
                if (await query.FirstOrDefaultAsync() is var found && found != Guid.Empty)
                    things[names] = found;
            }
            return things;
        }

        var globex = await ThingsOfAsync("globex", "leo@globex.test");
        globex[Names.DeadDelivery] = dead.Id;
        return new TwoBrands
        {
            App = app,
            AcmeLead = acmeLead,
            GlobexLead = globexLead,
            Acme = await ThingsOfAsync("acme", "lea@acme.test"),
            Globex = globex,
            GlobexCanned = await db.CannedReplies.Where(r => r.Name == "gx").Select(r => r.Id).SingleAsync(),
        };
    }

    private static async Task<HttpResponseMessage> SucceedsAsync(Task<HttpResponseMessage> sending)
    {
        var response = await sending;
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage!.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response;
    }
}
