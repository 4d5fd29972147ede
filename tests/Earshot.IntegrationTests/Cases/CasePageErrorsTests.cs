using System.Text.RegularExpressions;
using Earshot.IntegrationTests.Infrastructure;
using static Earshot.IntegrationTests.Cases.CasePosts;

namespace Earshot.IntegrationTests.Cases;

public sealed class CasePageErrorsTests(PostgresServer postgres)
{
    [Fact]
    public async Task An_empty_note_is_refused_with_one_message_once()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres);
        await PostAsync(app, "c-1", "dana_k", Complaint);
        var id = (await WaitForCasesAsync(app.Http, 1))[0].GetProperty("id").GetGuid();
        using var session = await SignInSession.StartAsync(app.Address, TestApp.AdminEmail, "password-admin");

        var answer = await session.PostFormAsync($"/cases/{id}?handler=Note", new() { ["Note"] = "" });
        var html = await answer.Content.ReadAsStringAsync();

        Assert.Equal(1, Regex.Count(html, "write the note first"));
    }
}
