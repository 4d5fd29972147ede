using System.Text.Json;
using Earshot.Connectors;

namespace Earshot.Connectors.Replies;

/// <summary>Reading a channel's settings from a reply: plain values, and secrets unprotected only when needed.</summary>
public static class OutboundReplySettings
{
    /// <summary>The named client senders use: a bounded timeout, unlike the listening clients whose streams stay open.</summary>
    public const string HttpClientName = "earshot-replies";

    public static string? Setting(this OutboundReply reply, string name) =>
        reply.Settings.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    /// <summary>A secret the reply cannot go out without; its absence is the operator's to fix, so the message says how.</summary>
    public static string Secret(this OutboundReply reply, SecretBox secrets, string name, string howToAdd) =>
        reply.Setting(name) is { } stored
            ? secrets.Unprotect(stored)
            : throw new ConnectorException($"the channel has no {name.Replace('_', ' ')} for replies; {howToAdd}");

    public static Uri BaseUrl(this OutboundReply reply, string name, string? fallback = null) =>
        new((reply.Setting(name) ?? fallback ?? throw new ConnectorException($"the channel has no {name}")).TrimEnd('/') + "/");
}
