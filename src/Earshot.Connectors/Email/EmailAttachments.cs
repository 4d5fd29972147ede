using System.Security.Cryptography;
using Earshot.Core.Posts;
using MimeKit;

namespace Earshot.Connectors.Email;

/// <summary>A message's attachments, decoded, in MIME order (the order the raw payload lists them in).</summary>
public static class EmailAttachments
{
    public const long DefaultMaxBytes = 10 * 1024 * 1024;

    public static IReadOnlyList<IncomingAttachment> Read(MimeMessage message, long maxBytes)
    {
        var attachments = new List<IncomingAttachment>();
        var position = 0;
        foreach (var entity in message.Attachments)
        {
            position++;
            using var content = new MemoryStream();
            // An attached message (message/rfc822) is kept as its full MIME text.
            if (entity is MessagePart part)
                part.Message?.WriteTo(content);
            else if (entity is MimePart mime)
                mime.Content?.DecodeTo(content);
            var bytes = content.ToArray();
            var name = entity.ContentDisposition?.FileName ?? entity.ContentType.Name ?? $"attachment-{position}";
            attachments.Add(new IncomingAttachment(Clean(name), entity.ContentType.MimeType, bytes.LongLength,
                Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.LongLength > maxBytes ? null : bytes));
        }
        return attachments;
    }

    // The name is the sender's: keep only its last path segment and drop control characters, so it is safe in a
    // Content-Disposition header and on a page.
    private static string Clean(string name)
    {
        var last = name.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        var clean = new string(last.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return clean.Length == 0 ? "attachment" : clean.Length > 255 ? clean[..255] : clean;
    }
}
