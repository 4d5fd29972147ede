using System.Text.Json;
using System.Text.RegularExpressions;
using Earshot.Connectors;
using Earshot.Core.Posts;
using Earshot.Engine.Channels;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Earshot.BrowserTests;

/// <summary>A visitor on the brand's site and an agent in Earshot talking to each other through the web chat widget.</summary>
public sealed class WebChatWidgetTests(BrowserFixture browser, PostgresServer postgres)
{
    private const string Agent = "ana.agent@brand.test";

    [Fact]
    public async Task A_visitor_writes_in_the_widget_and_the_agents_reply_appears_live()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres);
        await app.ClientForAsync(Agent, "agent", "default");
        // The brand's site: another origin, a page with nothing but the one script tag.
        Guid channelId = Guid.Empty;
        var (site, siteAddress) = await LocalServer.StartAsync(web => web.MapGet("/", () => Results.Content(
            $"<!doctype html><html><head><title>Brand shop</title></head><body><h1>Brand shop</h1><script src=\"{new Uri(app.Address, $"/webchat/{channelId}/widget.js")}\" async></script></body></html>",
            "text/html")));
        await using var _ = site;
        var origin = siteAddress.GetLeftPart(UriPartial.Authority);
        var added = await app.Services.GetRequiredService<ChannelRegistry>().AddAsync("default", ChannelKind.WebChat, "site chat",
            JsonSerializer.SerializeToElement(new { origins = new[] { origin }, secret = "webchat-secret-0123456789abcdef0123456789" }), CancellationToken.None);
        channelId = added.Channel!.Id;

        var visitor = await browser.NewPageAsync();
        await visitor.GotoAsync(siteAddress.ToString());
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Chat with us" }).ClickAsync();
        await visitor.GetByLabel("Your e-mail").FillAsync("dana@example.com");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Start chat" }).ClickAsync();
        await Assertions.Expect(visitor.GetByRole(AriaRole.Status)).ToHaveTextAsync("We are here. Ask us anything.");
        const string question = "Hi <b>there</b>, where is order #123?";
        await visitor.GetByLabel("Message").FillAsync(question);
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Assertions.Expect(visitor.Locator(".line.visitor:not(.pending) .text")).ToHaveTextAsync(question);
        await BrowserFixture.ScreenshotAsync(visitor, "webchat-visitor-writes");

        var caseId = await WaitForCaseAsync(app, channelId);
        var agent = await browser.SignedInPageAsync(app.Address, Agent, "password-agent");
        await agent.GotoAsync(new Uri(app.Address, "/inbox").ToString());
        await Assertions.Expect(agent.Locator($"tr.case-row[data-case='{caseId}']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await agent.GotoAsync(new Uri(app.Address, $"/cases/{caseId}").ToString());
        // Encoded as text on the case page too: the markup the visitor typed is shown, not run.
        await Assertions.Expect(agent.Locator(".conversation")).ToContainTextAsync(question);
        await agent.GetByLabel("Reply", new() { Exact = true }).FillAsync("Hello Dana, order #123 left the depot today.");
        await BrowserFixture.ScreenshotAsync(agent, "webchat-case");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await Assertions.Expect(agent.GetByRole(AriaRole.Status)).ToHaveTextAsync("Reply sent.");

        await Assertions.Expect(visitor.Locator(".line.agent .text")).ToHaveTextAsync("Hello Dana, order #123 left the depot today.");
        await Assertions.Expect(visitor.Locator(".line.agent .who")).ToHaveTextAsync("Ana");
        await BrowserFixture.ScreenshotAsync(visitor, "webchat-visitor-reply");

        // A reload keeps the chat open and brings the whole conversation back.
        await visitor.ReloadAsync();
        await Assertions.Expect(visitor.Locator(".line .text")).ToHaveTextAsync([question, "Hello Dana, order #123 left the depot today."]);
    }

    private static async Task<Guid> WaitForCaseAsync(TestApp app, Guid channelId)
    {
        Guid? id = null;
        await Wait.UntilAsync(async () =>
        {
            await using var db = app.Database.Target.CreateContext();
            id = await db.Cases.Where(c => c.ChannelId == channelId).Select(c => (Guid?)c.Id).FirstOrDefaultAsync();
            return id is not null;
        }, "the chat forms a case");
        return id!.Value;
    }
}
