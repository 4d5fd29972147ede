using Earshot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Earshot.IntegrationTests.Alerts;

public sealed class WebhooksCommandTests(PostgresServer postgres)
{
    private const string Secret = "cli-secret-0123456789abcdef";

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task WebhooksAdd_StoresTheSecretEncrypted_ListsAndRemoves(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, postgres);
        const string url = "http://127.0.0.1:9/hooks/earshot";

        var add = await EarshotProcess.RunAsync("webhooks", "add", url, "--secret", Secret, "--events", "alert.opened,case.breached",
            "--format", "slack", "--allow-private-network", "--db", database.DbArgument);

        Assert.True(add.ExitCode == 0, add.Error);
        Assert.Contains("Added webhook", add.Output);
        await using (var db = database.Target.CreateContext())
        {
            var webhook = await db.Webhooks.SingleAsync(TestContext.Current.CancellationToken);
            Assert.Equal("alert.opened,case.breached", webhook.Events);
            Assert.Equal(Core.Alerts.Delivery.WebhookFormat.Slack, webhook.Format);
            Assert.StartsWith("protected:", webhook.SecretProtected);
            Assert.DoesNotContain(Secret, webhook.SecretProtected);
        }
        var list = await EarshotProcess.RunAsync("webhooks", "list", "--json", "--db", database.DbArgument);
        Assert.Equal(0, list.ExitCode);
        Assert.Contains(url, list.Output);
        Assert.DoesNotContain(Secret, list.Output);

        var remove = await EarshotProcess.RunAsync("webhooks", "remove", url, "--db", database.DbArgument);
        Assert.Equal(0, remove.ExitCode);
        await using var after = database.Target.CreateContext();
        Assert.Equal(0, await after.Webhooks.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task WebhooksAdd_BadInput_ExitsOneNamingEachField()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite, postgres);

        var add = await EarshotProcess.RunAsync("webhooks", "add", "ftp://example.com", "--secret", "short", "--events", "alert.exploded",
            "--format", "fax", "--db", database.DbArgument);

        Assert.Equal(1, add.ExitCode);
        Assert.Contains("error: url:", add.Error);
        Assert.Contains("error: secret:", add.Error);
        Assert.Contains("unknown event 'alert.exploded'", add.Error);
        Assert.Contains("error: format:", add.Error);
    }
}
