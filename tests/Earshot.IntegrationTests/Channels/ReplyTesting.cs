using System.Text.Json;
using Earshot.Connectors;
using Earshot.Connectors.Replies;
using Earshot.Engine.Cases;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Earshot.IntegrationTests.Channels;

/// <summary>What a sender needs outside the app: an HTTP client factory, a secret box, and a reply with protected settings.</summary>
internal static class ReplyTesting
{
    public static readonly SecretBox Secrets = new(new EphemeralDataProtectionProvider());

    public static IHttpClientFactory Http() =>
        new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();

    /// <summary>A reply whose settings carry <paramref name="secretFields"/> protected, as the channel registry stores them.</summary>
    public static OutboundReply Reply(Dictionary<string, string> settings, IEnumerable<string> secretFields, string inReplyTo, string handle, string text, string raw, Guid? channel = null)
    {
        var stored = settings.ToDictionary(s => s.Key, s => secretFields.Contains(s.Key) ? Secrets.Protect(s.Value) : s.Value);
        return new OutboundReply(channel ?? Guid.CreateVersion7(), JsonSerializer.SerializeToElement(stored), inReplyTo, null, handle, text, raw);
    }
}
