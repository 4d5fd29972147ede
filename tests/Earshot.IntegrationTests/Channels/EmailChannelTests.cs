using System.Text.Json;
using Earshot.Connectors;
using Earshot.Connectors.Email;
using Earshot.Connectors.Push;
using Earshot.Core.Posts;
using Earshot.Engine.Channels;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Earshot.IntegrationTests.Channels;

/// <summary>A support mailbox on a real Dovecot read over IMAP (IDLE), and replies sent to an SMTP listener.</summary>
public sealed class EmailChannelTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Mailbox_CustomerMailThreaded_AutomatedMailSkipped_NewMailArrivesByIdle(DatabaseKind kind)
    {
        await using var dovecot = await DovecotServer.StartAsync();
        await using var smtp = new FakeSmtpServer();
        foreach (var fixture in new[] { "rfc5322_A.1.1_simple.eml", "rfc5322_A.2_reply.eml", "rfc5322_A.2_reply_to_reply.eml" })
            await dovecot.DeliverAsync(await MimeMessage.LoadAsync(SharedData.RequireFixture("email/" + fixture)));
        await dovecot.DeliverAsync(OutOfOffice());
        await dovecot.DeliverAsync(Bounce());
        await dovecot.DeliverAsync(WithAttachments());
        // The same message again (a re-delivery): stored once, attachments included.
        await dovecot.DeliverAsync(WithAttachments());

        await using var app = await TestApp.StartAsync(kind, postgres, services => services.AddSingleton(new ConnectorHostOptions
        {
            ScanInterval = TimeSpan.FromMilliseconds(100),
            FirstBackoff = TimeSpan.FromMilliseconds(200),
        }));
        var registry = app.Services.GetRequiredService<ChannelRegistry>();
        var added = await registry.AddAsync("brand", ChannelKind.Email, "support", JsonSerializer.SerializeToElement(new
        {
            imap_url = dovecot.ImapUrl.ToString(), smtp_url = smtp.Url.ToString(), username = DovecotServer.User, password = DovecotServer.Password,
            interval_seconds = 30, max_attachment_bytes = 4096,
        }), CancellationToken.None);
        Assert.Empty(added.Errors);

        await Wait.UntilAsync(async () => (await PostsAsync(app)).Count == 4, "the four customer messages are stored");
        // The connector is now IDLE: a new message must arrive without waiting for the 30 s interval.
        await dovecot.DeliverAsync(CustomerFollowUp());
        await Wait.UntilAsync(async () => (await PostsAsync(app)).Count == 5, "the follow-up arrives through IDLE", seconds: 15);

        var posts = (await PostsAsync(app)).ToDictionary(p => p.ExternalId);
        Assert.Equal(("1234@local.machine.example", (string?)null), (posts["1234@local.machine.example"].ThreadExternalId, posts["1234@local.machine.example"].InReplyToExternalId));
        Assert.Equal(("1234@local.machine.example", "1234@local.machine.example"), (posts["3456@example.net"].ThreadExternalId, posts["3456@example.net"].InReplyToExternalId));
        Assert.Equal(("1234@local.machine.example", "3456@example.net"), (posts["abcd.1234@local.machine.tld"].ThreadExternalId, posts["abcd.1234@local.machine.tld"].InReplyToExternalId));
        var followUp = posts["follow-up-1@customer.example"];
        Assert.Equal("Still waiting for the refund.", followUp.Text);
        Assert.Contains("> This is a reply to your reply.", JsonDocument.Parse(followUp.RawPayload).RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("1234@local.machine.example", followUp.ThreadExternalId);
        await AssertAttachmentsStoredAndServedAsync(app, posts["receipt-1@customer.example"].Id);
        var channel = (await registry.ListAsync(CancellationToken.None)).Single();
        Assert.Equal(0, channel.Health.ConsecutiveFailures);

        // A reply from the case inbox, built from the stored post alone.
        var account = EmailAccount.From((await app.Services.GetRequiredService<PushChannels>().ListAsync([ChannelKind.Email], CancellationToken.None)).Single().Settings,
            app.Services.GetRequiredService<SecretBox>());
        var sent = await app.Services.GetRequiredService<EmailReplies>().ReplyAsync(account, posts["3456@example.net"].RawPayload, "We are on it.", CancellationToken.None);

        var (credentials, recipients, data) = Assert.Single(smtp.Received);
        var reply = await MimeMessage.LoadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(data)));
        Assert.Equal($"{DovecotServer.User} {DovecotServer.Password}", credentials);
        Assert.Equal("<smith@home.example>", recipients);
        Assert.Equal(sent, reply.MessageId);
        Assert.Equal("3456@example.net", reply.InReplyTo);
        Assert.Equal(["1234@local.machine.example", "3456@example.net"], reply.References);
        Assert.Equal("Re: Saying Hello", reply.Subject);
        Assert.Equal(DovecotServer.User, reply.From.Mailboxes.Single().Address);
        Assert.Equal("We are on it.", reply.TextBody?.Trim());
    }

    [Fact]
    public async Task AddEmail_FromTheCommandLine_PasswordEncrypted()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite, postgres);
        var added = await EarshotProcess.RunAsync("channels", "add", "email", "--imap", "imaps://imap.brand.example", "--smtp", "smtps://smtp.brand.example",
            "--username", "support@brand.example", "--password", "mail-pass-123", "--db", database.DbArgument);
        var bad = await EarshotProcess.RunAsync("channels", "add", "email", "--imap", "http://imap.brand.example", "--smtp", "smtps://smtp.brand.example",
            "--username", "support", "--password", "p", "--db", database.DbArgument);

        Assert.Equal(0, added.ExitCode);
        Assert.Contains("Added email channel 'support@brand.example'", added.Output, StringComparison.Ordinal);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("imap_url:", bad.Error, StringComparison.Ordinal);
        Assert.Contains("address:", bad.Error, StringComparison.Ordinal);
        await using var db = database.Target.CreateContext();
        Assert.DoesNotContain("mail-pass-123", await db.Channels.Select(c => c.SettingsJson).SingleAsync(), StringComparison.Ordinal);
    }

    private static async Task AssertAttachmentsStoredAndServedAsync(TestApp app, Guid postId)
    {
        await using (var db = app.Database.Target.CreateContext())
        {
            var stored = await db.PostAttachments.Where(a => a.PostId == postId).OrderBy(a => a.Position).ToListAsync();
            Assert.Equal(2, (await db.PostAttachments.CountAsync()));
            Assert.Equal(("receipt.pdf", "application/pdf", (long)ReceiptBytes.Length, false),
                (stored[0].FileName, stored[0].ContentType, stored[0].Size, stored[0].TooLarge));
            Assert.Equal(ReceiptBytes, stored[0].Content);
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(ReceiptBytes)), stored[0].Sha256);
            Assert.Equal(("photo.jpg", 5000L, true, (byte[]?)null), (stored[1].FileName, stored[1].Size, stored[1].TooLarge, stored[1].Content));
        }

        var listed = (await app.GetJsonAsync($"/api/posts/{postId}")).GetProperty("attachments");
        Assert.Equal(["receipt.pdf", "photo.jpg"], listed.EnumerateArray().Select(a => a.GetProperty("file_name").GetString()));

        using var download = await app.Http.GetAsync($"/api/posts/{postId}/attachments/0");
        Assert.Equal(System.Net.HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(ReceiptBytes, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("receipt.pdf", download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(System.Net.HttpStatusCode.Gone, (await app.Http.GetAsync($"/api/posts/{postId}/attachments/1")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await app.Http.GetAsync($"/api/posts/{postId}/attachments/2")).StatusCode);

        // Someone from another brand's workspace cannot tell the attachment exists.
        var outsider = await app.ClientForAsync("outsider@acme.test", "agent", "acme");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/posts/{postId}/attachments/0")).StatusCode);
        var page = await (await app.PagesAsync()).GetStringAsync($"/posts/{postId}");
        Assert.Contains("receipt.pdf", page, StringComparison.Ordinal);
    }

    private static readonly byte[] ReceiptBytes = [.. "%PDF-1.4 receipt 42 EUR\n"u8, 0, 1, 2, 255];

    private static MimeMessage WithAttachments()
    {
        var message = Message("maria@customer.example", "Broken order, receipt attached", "The package arrived damaged. Receipt and photo attached.");
        message.MessageId = "receipt-1@customer.example";
        var body = new BodyBuilder { TextBody = "The package arrived damaged. Receipt and photo attached." };
        body.Attachments.Add("receipt.pdf", ReceiptBytes, new ContentType("application", "pdf"));
        body.Attachments.Add("photo.jpg", new byte[5000], new ContentType("image", "jpeg"));
        message.Body = body.ToMessageBody();
        return message;
    }

    private static async Task<List<Post>> PostsAsync(TestApp app)
    {
        await using var db = app.Database.Target.CreateContext();
        return await db.Posts.Where(p => p.Channel!.Kind == ChannelKind.Email).ToListAsync();
    }

    private static MimeMessage OutOfOffice()
    {
        var message = Message("ana@customer.example", "Automatic reply: Saying Hello", "I am out of the office until Monday.");
        message.Headers.Add("Auto-Submitted", "auto-replied");
        return message;
    }

    private static MimeMessage Bounce()
    {
        var message = Message("MAILER-DAEMON@mx.customer.example", "Undelivered Mail Returned to Sender", "");
        message.Body = new MultipartReport("delivery-status") { new TextPart("plain") { Text = "This is the mail system at host mx.customer.example." } };
        return message;
    }

    private static MimeMessage CustomerFollowUp()
    {
        var message = Message("jdoe@machine.example", "Re: Saying Hello",
            "Still waiting for the refund.\n\nOn Fri, 21 Nov 1997 at 11:00, John Doe <jdoe@machine.example> wrote:\n> This is a reply to your reply.\n");
        message.MessageId = "follow-up-1@customer.example";
        message.InReplyTo = "abcd.1234@local.machine.tld";
        message.References.Add("1234@local.machine.example");
        message.References.Add("3456@example.net");
        message.References.Add("abcd.1234@local.machine.tld");
        return message;
    }

    private static MimeMessage Message(string from, string subject, string text)
    {
        var message = new MimeMessage { Subject = subject, MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(), Body = new TextPart("plain") { Text = text } };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(DovecotServer.User));
        return message;
    }
}
