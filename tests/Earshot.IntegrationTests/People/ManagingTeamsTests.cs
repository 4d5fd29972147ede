using System.Net;
using System.Net.Http.Json;
using Earshot.IntegrationTests.Infrastructure;
using static Earshot.IntegrationTests.Cases.CasePosts;
using static Earshot.IntegrationTests.People.PeopleApi;

namespace Earshot.IntegrationTests.People;

/// <summary>
/// A lead renames teams, changes their members and capacity, and deletes a team: refused while a routing rule sends
/// cases to it; afterwards its cases are unrouted (their assignee keeps them) and its SLA policies are gone.
/// </summary>
public sealed class ManagingTeamsTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task DeletingATeam_IsRefusedWhileARuleRoutesToIt_ThenItsCasesBecomeUnrouted(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await app.EnsureWorkspaceAsync("default");
        var lead = await app.ClientForAsync("lea@brand.test", "lead", "default");
        var billing = (await OkAsync(lead.PostAsJsonAsync("/api/teams", new { workspace = "default", name = "Billing" }))).GetProperty("id").GetGuid();
        await OkAsync(lead.PostAsJsonAsync("/api/teams", new { workspace = "default", name = "Care" }));
        var rule = (await OkAsync(lead.PostAsJsonAsync("/api/routing-rules", new { workspace = "default", name = "everything", team = "Billing" }))).GetProperty("id").GetGuid();
        await OkAsync(lead.PostAsJsonAsync("/api/sla-policies", new { workspace = "default", name = "billing-fast", team = "Billing", first_response_minutes = 30, next_response_minutes = 60, resolution_minutes = 600 }));
        await PostAsync(app, "t-1", "dana_k", Complaint, workspace: "default");
        var routed = (await WaitForCasesAsync(app.Http, 1)).Single();
        Assert.Equal("Billing", routed.GetProperty("team").GetString());

        await RefusedAsync(lead.PutAsJsonAsync($"/api/teams/{billing}", new { name = "Care" }), HttpStatusCode.Conflict, "name");
        await RefusedAsync(lead.PutAsJsonAsync($"/api/teams/{billing}", new { assignment = "fastest" }), HttpStatusCode.BadRequest, "assignment");
        var renamed = await OkAsync(lead.PutAsJsonAsync($"/api/teams/{billing}", new { name = "Payments", assignment = "round_robin" }));
        Assert.Equal("round_robin", renamed.GetProperty("assignment").GetString());
        var refused = await lead.DeleteAsync($"/api/teams/{billing}");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("routing rule 'everything'", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await OkAsync(lead.DeleteAsync($"/api/routing-rules/{rule}"), HttpStatusCode.NoContent);
        var deleted = await OkAsync(lead.DeleteAsync($"/api/teams/{billing}"));

        Assert.Equal(1, deleted.GetProperty("cases_unrouted").GetInt32());
        Assert.Equal(1, deleted.GetProperty("sla_policies_deleted").GetInt32());
        var unrouted = await GetAsync(app.Http, $"/api/cases/{routed.GetProperty("id").GetGuid()}");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, unrouted.GetProperty("case").GetProperty("team").ValueKind);
        Assert.DoesNotContain("billing-fast", await lead.GetStringAsync("/api/sla-policies?workspace=default"), StringComparison.Ordinal);
        Assert.DoesNotContain("Payments", await lead.GetStringAsync("/api/teams?workspace=default"), StringComparison.Ordinal);
        await RefusedAsync(lead.DeleteAsync($"/api/teams/{billing}"), HttpStatusCode.NotFound, "id");
        var leadId = await app.UserIdAsync("lea@brand.test");
        Assert.Contains(await ManagingPeopleTests.AuditAsync(app), a => a.Kind == "settings.team-deleted" && a.ActorId == leadId);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Members_AreAddedAsLeadAndRemoved_AndCapacityBoundsNextCase(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await app.EnsureWorkspaceAsync("default");
        var lead = await app.ClientForAsync("lea@brand.test", "lead", "default");
        var agent = await app.ClientForAsync("ana@brand.test", "agent", "default");
        var ana = await app.UserIdAsync("ana@brand.test");
        var care = (await OkAsync(lead.PostAsJsonAsync("/api/teams", new { workspace = "default", name = "Care" }))).GetProperty("id").GetGuid();
        await OkAsync(lead.PostAsJsonAsync($"/api/teams/{care}/members", new { email = "ana@brand.test", lead = true }));
        Assert.Contains("\"lead\":true", await lead.GetStringAsync("/api/teams?workspace=default"), StringComparison.Ordinal);
        await OkAsync(lead.DeleteAsync($"/api/teams/{care}/members?email=ana@brand.test"), HttpStatusCode.NoContent);
        Assert.DoesNotContain("ana@brand.test", await lead.GetStringAsync("/api/teams?workspace=default"), StringComparison.Ordinal);
        await RefusedAsync(lead.DeleteAsync($"/api/teams/{care}/members?email=ana@brand.test"), HttpStatusCode.NotFound, "email");

        await OkAsync(PatchAsync(lead, ana, new { capacity = 1 }));
        await PostAsync(app, "n-1", "dana_k", Complaint, DateTime.UtcNow.AddMinutes(-2), workspace: "default");
        await PostAsync(app, "n-2", "eli_m", Outage, DateTime.UtcNow.AddMinutes(-1), workspace: "default");
        await WaitForCasesAsync(app.Http, 2);
        // Capacity counts the cases an agent holds waiting on customers; the one they are working comes back first.
        var first = await OkAsync(agent.PostAsync("/api/cases/next", null));
        await OkAsync(agent.PostAsJsonAsync($"/api/cases/{first.GetProperty("id").GetGuid()}/status", new { status = "pending_customer" }));
        await RefusedAsync(agent.PostAsync("/api/cases/next", null), HttpStatusCode.Conflict, "capacity");
        await OkAsync(PatchAsync(lead, ana, new { capacity = 2 }));
        var second = await OkAsync(agent.PostAsync("/api/cases/next", null));
        Assert.NotEqual(first.GetProperty("id").GetGuid(), second.GetProperty("id").GetGuid());
        Assert.Contains(await ManagingPeopleTests.AuditAsync(app), a => a.Kind == "membership.team-removed");
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task AnAgent_MovesACaseOnlyToTheirOwnTeams_ALeadToAny(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await app.EnsureWorkspaceAsync("default");
        var lead = await app.ClientForAsync("lea@brand.test", "lead", "default");
        var agent = await app.ClientForAsync("ana@brand.test", "agent", "default");
        var care = (await OkAsync(lead.PostAsJsonAsync("/api/teams", new { workspace = "default", name = "Care" }))).GetProperty("id").GetGuid();
        var billing = (await OkAsync(lead.PostAsJsonAsync("/api/teams", new { workspace = "default", name = "Billing" }))).GetProperty("id").GetGuid();
        await OkAsync(lead.PostAsJsonAsync($"/api/teams/{care}/members", new { email = "ana@brand.test" }));
        await PostAsync(app, "m-1", "dana_k", Complaint, workspace: "default");
        var id = (await WaitForCasesAsync(app.Http, 1)).Single().GetProperty("id").GetGuid();

        await RefusedAsync(agent.PostAsJsonAsync($"/api/cases/{id}/assign", new { team_id = billing }), HttpStatusCode.Forbidden, "team_id");
        await OkAsync(agent.PostAsJsonAsync($"/api/cases/{id}/assign", new { team_id = care }));
        Assert.Equal("Care", (await GetAsync(app.Http, $"/api/cases/{id}")).GetProperty("case").GetProperty("team").GetString());
        var bulk = await OkAsync(agent.PostAsJsonAsync("/api/cases/bulk", new { ids = new[] { id }, action = "assign", team = "Billing" }));
        Assert.Equal("refused", bulk.GetProperty("items")[0].GetProperty("result").GetString());
        await OkAsync(lead.PostAsJsonAsync($"/api/cases/{id}/assign", new { team_id = billing }));
        Assert.Equal("Billing", (await GetAsync(app.Http, $"/api/cases/{id}")).GetProperty("case").GetProperty("team").GetString());
    }
}
