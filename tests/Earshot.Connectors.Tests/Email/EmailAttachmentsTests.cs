using System.Security.Cryptography;
using Earshot.Connectors.Email;
using MimeKit;
using Xunit;

namespace Earshot.Connectors.Tests.Email;

/// <summary>Attachments decoded in MIME order, capped by size, with names safe to put in a header.</summary>
public sealed class EmailAttachmentsTests
{
    [Fact]
    public void Read_SmallAndLargeFiles_LargeOneListedWithoutContent()
    {
        var small = "hello"u8.ToArray();
        var message = Message(("notes.txt", small), ("scan.png", new byte[2048]));

        var attachments = EmailAttachments.Read(message, maxBytes: 1024);

        Assert.Equal(2, attachments.Count);
        Assert.Equal(("notes.txt", "text/plain", 5L, Convert.ToHexStringLower(SHA256.HashData(small))),
            (attachments[0].FileName, attachments[0].ContentType, attachments[0].Size, attachments[0].Sha256));
        Assert.Equal(small, attachments[0].Content);
        Assert.Equal(("scan.png", 2048L, (byte[]?)null), (attachments[1].FileName, attachments[1].Size, attachments[1].Content));
    }

    [Fact]
    public void Read_NameWithPathAndControlCharacters_LastSegmentKept()
    {
        var message = Message(("..\\..\\evil\r\n.exe", [1]));

        Assert.Equal("evil.exe", EmailAttachments.Read(message, 100).Single().FileName);
    }

    [Fact]
    public void Map_MessageWithAttachment_PostCarriesIt()
    {
        var message = Message(("a.txt", [65]));

        Assert.Equal("a.txt", EmailMapper.Map(message, "f", null).Post!.Attachments.Single().FileName);
    }

    private static MimeMessage Message(params (string Name, byte[] Bytes)[] files)
    {
        var body = new BodyBuilder { TextBody = "see attached" };
        foreach (var (name, bytes) in files)
            body.Attachments.Add(new MimePart(name.EndsWith(".png", StringComparison.Ordinal) ? "image/png" : "text/plain")
            {
                Content = new MimeContent(new MemoryStream(bytes)),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = name },
                ContentTransferEncoding = ContentEncoding.Base64,
            });
        var message = new MimeMessage { Subject = "files", Body = body.ToMessageBody() };
        message.From.Add(MailboxAddress.Parse("customer@example.com"));
        return message;
    }
}
