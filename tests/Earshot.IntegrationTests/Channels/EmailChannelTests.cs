using System.Text.Json;
using Earshot.Channels.Connectors;
using Earshot.Channels.Connectors.Email;
using Earshot.Core.Posts;
using Earshot.IntegrationTests.Infrastructure;
using MimeKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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

        await using var app = await TestApp.StartAsync(kind, postgres, services => services.AddSingleton(new ConnectorHostOptions
        {
            ScanInterval = TimeSpan.FromMilliseconds(100),
            FirstBackoff = TimeSpan.FromMilliseconds(200),
        }));
        var registry = app.Services.GetRequiredService<ChannelRegistry>();
        var added = await registry.AddAsync("brand", ChannelKind.Email, "support", JsonSerializer.SerializeToElement(new
        {
            imap_url = dovecot.ImapUrl.ToString(), smtp_url = smtp.Url.ToString(), username = DovecotServer.User, password = DovecotServer.Password,
            interval_seconds = 30,
        }), CancellationToken.None);
        Assert.Empty(added.Errors);

        await Wait.UntilAsync(async () => (await PostsAsync(app)).Count == 3, "the three customer messages are stored");
        // The connector is now IDLE: a new message must arrive without waiting for the 30 s interval.
        await dovecot.DeliverAsync(CustomerFollowUp());
        await Wait.UntilAsync(async () => (await PostsAsync(app)).Count == 4, "the follow-up arrives through IDLE", seconds: 15);

        var posts = (await PostsAsync(app)).ToDictionary(p => p.ExternalId);
        Assert.Equal(("1234@local.machine.example", (string?)null), (posts["1234@local.machine.example"].ThreadExternalId, posts["1234@local.machine.example"].InReplyToExternalId));
        Assert.Equal(("1234@local.machine.example", "1234@local.machine.example"), (posts["3456@example.net"].ThreadExternalId, posts["3456@example.net"].InReplyToExternalId));
        Assert.Equal(("1234@local.machine.example", "3456@example.net"), (posts["abcd.1234@local.machine.tld"].ThreadExternalId, posts["abcd.1234@local.machine.tld"].InReplyToExternalId));
        var followUp = posts["follow-up-1@customer.example"];
        Assert.Equal("Still waiting for the refund.", followUp.Text);
        Assert.Contains("> This is a reply to your reply.", JsonDocument.Parse(followUp.RawPayload).RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("1234@local.machine.example", followUp.ThreadExternalId);
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
