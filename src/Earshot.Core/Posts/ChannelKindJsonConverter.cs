using System.Text.Json;
using System.Text.Json.Serialization;

namespace Earshot.Core.Posts;

/// <summary>Channel kinds travel as their wire names ("mastodon", "webchat"), everywhere JSON is written.</summary>
public sealed class ChannelKindJsonConverter : JsonConverter<ChannelKind>
{
    public override ChannelKind Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ChannelKinds.TryParse(reader.GetString(), out var kind) ? kind : throw new JsonException($"unknown channel; expected one of {ChannelKinds.Expected}");

    public override void Write(Utf8JsonWriter writer, ChannelKind value, JsonSerializerOptions options) => writer.WriteStringValue(value.WireName());
}
