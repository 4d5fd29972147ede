using Earshot.Core.Wording;
using System.Globalization;
using System.Text.Json;
using Earshot.Core.Posts;

namespace Earshot.Connectors.Setup;

/// <summary>
/// What one kind of channel needs: its settings (required or optional, secret or not, their defaults), how its
/// default name is made and what the command says about it. The CLI builds its options from this, the API checks
/// requests with it and the Channels page draws its form from it, so the three cannot drift; the connector's own
/// <see cref="IChannelConnector.Validate"/> then checks what only it understands (a query's syntax, an origin).
/// </summary>
public sealed record ChannelSetup(ChannelKind Kind, string Title, string Summary, IReadOnlyList<ChannelSetting> Settings)
{
    /// <summary>What the CLI's --name option says (the default name in words).</summary>
    public required string NameHelp { get; init; }

    /// <summary>The name given when none is, from the prepared settings; null when a name must be given.</summary>
    public Func<IReadOnlyDictionary<string, JsonElement>, string>? DefaultName { get; init; }

    /// <summary>Where --name sits among the CLI options (so `--help` lists them as it always has).</summary>
    public int NamePosition { get; init; } = int.MaxValue;

    public IReadOnlyList<string> SecretKeys => Settings.Where(s => s.Secret).Select(s => s.Key).ToList();

    public ChannelSetting? Setting(string key) => Settings.FirstOrDefault(s => s.Key == key);

    /// <summary>
    /// Turns what was given (JSON from the API, form text, typed CLI values) into the settings to store: values of
    /// the declared type, defaults filled in, secrets generated where the kind does that. Problems are by setting key.
    /// </summary>
    public PreparedSettings Prepare(IReadOnlyDictionary<string, JsonElement> given)
    {
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var errors = new Dictionary<string, Phrase>(StringComparer.Ordinal);
        var generated = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in given.Keys.Where(k => Setting(k) is null))
            errors[key] = new Phrase("not a setting of {0} channels; they take {1}", Kind.WireName(), string.Join(", ", Settings.Select(s => s.Key)));
        foreach (var setting in Settings)
        {
            var present = given.TryGetValue(setting.Key, out var value) && !IsBlank(value);
            if (!present)
            {
                if (setting.Default is { } fallback)
                    values[setting.Key] = JsonSerializer.SerializeToElement(fallback);
                else if (setting.GeneratedWhenMissing)
                {
                    var secret = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
                    generated[setting.Key] = secret;
                    values[setting.Key] = JsonSerializer.SerializeToElement(secret);
                }
                else if (setting.Required)
                    errors[setting.Key] = new Phrase("{0} is required", setting.Label);
                continue;
            }
            if (Coerce(setting, value, out var error) is { } coerced)
                values[setting.Key] = coerced;
            else
                errors[setting.Key] = error!;
        }
        return new PreparedSettings(values, errors, generated);
    }

    /// <summary>The checks every kind shares, for settings the connector did not already find fault with.</summary>
    public void CheckUrls(IReadOnlyDictionary<string, JsonElement> values, IDictionary<string, Phrase> errors)
    {
        foreach (var setting in Settings.Where(s => s.Type == SettingType.Url && !errors.ContainsKey(s.Key)))
        {
            if (values.TryGetValue(setting.Key, out var value) && (value.ValueKind != JsonValueKind.String
                || !Uri.TryCreate(value.GetString(), UriKind.Absolute, out var uri) || !setting.Schemes.Contains(uri.Scheme) || uri.Host.Length == 0))
                errors[setting.Key] = setting.Schemes.Count == 1
                    ? new Phrase("must be an absolute {0} URL", setting.Schemes[0])
                    : new Phrase("must be an absolute {0} or {1} URL", string.Join(" or ", setting.Schemes.SkipLast(1)), setting.Schemes[^1]);
        }
    }

    private static bool IsBlank(JsonElement value) =>
        value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined
        || (value.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetString()))
        || (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0);

    // Form fields arrive as text, the API may send numbers and booleans as such: both are accepted.
    private static JsonElement? Coerce(ChannelSetting setting, JsonElement value, out Phrase? error)
    {
        error = null;
        switch (setting.Type)
        {
            case SettingType.Integer:
                if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
                    return JsonSerializer.SerializeToElement(number);
                if (value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out number))
                    return JsonSerializer.SerializeToElement(number);
                error = new Phrase("{0} must be a whole number", setting.Label);
                return null;
            case SettingType.Boolean:
                if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                    return value;
                if (value.ValueKind == JsonValueKind.String && value.GetString()!.Trim().ToLowerInvariant() is var text && text is "true" or "on" or "false" or "off")
                    return JsonSerializer.SerializeToElement(text is "true" or "on");
                error = new Phrase("{0} must be true or false", setting.Label);
                return null;
            case SettingType.List:
                var items = value.ValueKind switch
                {
                    JsonValueKind.Array when value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String) => value.EnumerateArray().Select(v => v.GetString()!),
                    JsonValueKind.String => value.GetString()!.Split(['\n', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                    _ => null,
                };
                if (items is null)
                {
                    error = new Phrase("{0} must be a list of text values", setting.Label);
                    return null;
                }
                return JsonSerializer.SerializeToElement(items.Select(i => setting.Normalize?.Invoke(i) ?? i).ToArray());
            default:
                if (value.ValueKind != JsonValueKind.String)
                {
                    error = new Phrase("{0} must be text", setting.Label);
                    return null;
                }
                var given = value.GetString()!;
                return JsonSerializer.SerializeToElement(setting.Normalize?.Invoke(given) ?? given);
        }
    }
}

/// <summary>Settings ready to validate and store, problems by setting key, and secrets made up (to show once).</summary>
public sealed record PreparedSettings(
    IReadOnlyDictionary<string, JsonElement> Values, IReadOnlyDictionary<string, Phrase> Errors, IReadOnlyDictionary<string, string> Generated)
{
    public JsonElement ToJson() => JsonSerializer.SerializeToElement(Values);
}
