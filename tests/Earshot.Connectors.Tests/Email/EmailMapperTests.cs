using System.Text.Json;
using Earshot.Connectors.Email;
using Earshot.Core.Posts;
using MimeKit;
using Xunit;

namespace Earshot.Connectors.Tests.Email;

/// <summary>Golden files: the RFC 5322 example messages in, posts with their thread out; plus the shapes of real mail.</summary>
public sealed class EmailMapperTests
{
    [Fact]
    public void Map_SimpleMessage_SubjectAndBody()
    {
        var post = Map("rfc5322_A.1.1_simple.eml");

        Assert.Equal("1234@local.machine.example", post.ExternalId);
        Assert.Equal(ChannelKind.Email, post.Channel);
        Assert.Equal(("jdoe@machine.example", "John Doe"), (post.Author, post.AuthorDisplayName));
        Assert.Equal("Saying Hello\n\nThis is a message just to say hello.\nSo, \"Hello\".", post.Text.ReplaceLineEndings("\n"));
        Assert.Equal(new DateTime(1997, 11, 21, 15, 55, 6, DateTimeKind.Utc), post.CreatedAt);
        Assert.Null(post.InReplyTo);
        Assert.Null(post.ThreadRoot);
        var raw = JsonDocument.Parse(post.RawPayload).RootElement;
        Assert.Equal("mary@example.net", raw.GetProperty("to")[0].GetProperty("address").GetString());
        Assert.Equal("Saying Hello", raw.GetProperty("subject").GetString());
    }

    [Fact]
    public void Map_Reply_ThreadedByInReplyToAndReferences()
    {
        var reply = Map("rfc5322_A.2_reply.eml");
        var replyToReply = Map("rfc5322_A.2_reply_to_reply.eml");

        Assert.Equal(("3456@example.net", "1234@local.machine.example", "1234@local.machine.example"), (reply.ExternalId, reply.InReplyTo, reply.ThreadRoot));
        Assert.Equal("This is a reply to your hello.", reply.Text.Trim());
        Assert.Equal("smith@home.example", JsonDocument.Parse(reply.RawPayload).RootElement.GetProperty("reply_to")[0].GetProperty("address").GetString());
        Assert.Equal(("abcd.1234@local.machine.tld", "3456@example.net", "1234@local.machine.example"), (replyToReply.ExternalId, replyToReply.InReplyTo, replyToReply.ThreadRoot));
        Assert.Equal(["1234@local.machine.example", "3456@example.net"],
            JsonDocument.Parse(replyToReply.RawPayload).RootElement.GetProperty("references").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public void Map_ObsoleteAddressing_StillAPost()
    {
        var post = Map("rfc5322_A.6.1_obsolete_addressing.eml");

        Assert.Equal(("5678.21-Nov-1997@example.com", "john.q.public@example.com"), (post.ExternalId, post.Author));
        Assert.Equal("Hi everyone.", post.Text.Trim());
        Assert.Equal(new DateTime(2003, 7, 1, 8, 52, 37, DateTimeKind.Utc), post.CreatedAt);
    }

    [Fact]
    public void Map_HtmlOnlyWithQuoteAndAttachment_TextTrimmedFullBodyKept()
    {
        var message = Message("ana@customer.example", "Re: Order 1182");
        message.InReplyTo = "order-1182@brand.example";
        var body = new BodyBuilder { HtmlBody = "<p>Still nothing arrived.</p><p>On Mon, 2 Nov 2026 at 10:00, Support &lt;support@brand.example&gt; wrote:</p><blockquote><p>&gt; It ships today.</p></blockquote>" };
        body.Attachments.Add("receipt.pdf", [1, 2, 3], new ContentType("application", "pdf"));
        message.Body = body.ToMessageBody();

        var post = EmailMapper.Map(message, "fallback", "support@brand.example").Post!;

        Assert.Equal("Still nothing arrived.", post.Text);
        var raw = JsonDocument.Parse(post.RawPayload).RootElement;
        Assert.Contains("It ships today.", raw.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("<blockquote>", raw.GetProperty("html").GetString(), StringComparison.Ordinal);
        var attachment = raw.GetProperty("attachments")[0];
        Assert.Equal(("receipt.pdf", "application/pdf"), (attachment.GetProperty("file_name").GetString(), attachment.GetProperty("content_type").GetString()));
    }

    [Fact]
    public void Map_NoMessageId_FallbackId()
    {
        var message = Message("ana@customer.example", "Hello");
        message.Headers.Remove(HeaderId.MessageId);

        Assert.Equal("imap-7-42", EmailMapper.Map(message, "imap-7-42", null).Post!.ExternalId);
    }

    [Theory]
    [InlineData("Auto-Submitted", "auto-replied", "auto-reply (Auto-Submitted: auto-replied)")]
    [InlineData("X-Autoreply", "yes", "auto-reply (X-Autoreply)")]
    [InlineData("Precedence", "bulk", "bulk or auto-reply (Precedence: bulk)")]
    [InlineData("Precedence", "auto_reply", "bulk or auto-reply (Precedence: auto_reply)")]
    [InlineData("Return-Path", "<>", "bounce (null return path)")]
    public void Map_AutomatedMail_Skipped(string header, string value, string reason)
    {
        var message = Message("ana@customer.example", "Out of office");
        message.Headers.Add(header, value);

        Assert.Equal(new EmailItem(null, reason), EmailMapper.Map(message, "f", null));
    }

    [Fact]
    public void Map_AutoSubmittedNo_IsAPerson()
    {
        var message = Message("ana@customer.example", "Question");
        message.Headers.Add("Auto-Submitted", "no");

        Assert.NotNull(EmailMapper.Map(message, "f", null).Post);
    }

    [Fact]
    public void Map_DeliveryReportFromMailerDaemon_Skipped()
    {
        var message = Message("MAILER-DAEMON@mx.brand.example", "Undelivered Mail Returned to Sender");
        var report = new MultipartReport("delivery-status") { new TextPart("plain") { Text = "I'm sorry to have to inform you..." } };
        message.Body = report;

        Assert.Equal("bounce or report (multipart/report; delivery-status)", EmailMapper.Map(message, "f", null).Skipped);
        message.Body = new TextPart("plain") { Text = "bounce" };
        Assert.Equal("bounce (from MAILER-DAEMON)", EmailMapper.Map(message, "f", null).Skipped);
    }

    [Fact]
    public void Map_FromOurOwnAddress_Skipped()
    {
        var message = Message("Support@Brand.example", "Re: Order");

        Assert.Equal("sent from this mailbox", EmailMapper.Map(message, "f", "Brand Support <support@brand.example>").Skipped);
    }

    private static IncomingPost Map(string fixture)
    {
        using var stream = Fixtures.Open("email", fixture);
        var item = EmailMapper.Map(MimeMessage.Load(stream), "fallback", "support@brand.example");
        Assert.Null(item.Skipped);
        return item.Post!;
    }

    private static MimeMessage Message(string from, string subject)
    {
        var message = new MimeMessage { Subject = subject, MessageId = "m1@customer.example", Body = new TextPart("plain") { Text = "Hello" } };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse("support@brand.example"));
        return message;
    }
}
