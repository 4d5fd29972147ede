using System.Text.RegularExpressions;

namespace Earshot.Core.Cases;

/// <summary>
/// Fills <c>{{customer.name}}</c>-style variables in canned replies. Unknown variables are left as written so an
/// agent sees them before sending rather than a silent blank.
/// </summary>
public static partial class ReplyTemplate
{
    public static readonly IReadOnlyList<string> Variables =
        ["customer.name", "customer.handle", "agent.name", "agent.first_name", "case.id", "team.name"];

    public static string Render(string body, IReadOnlyDictionary<string, string?> values) =>
        VariablePattern().Replace(body, match =>
            values.TryGetValue(match.Groups[1].Value, out var value) && !string.IsNullOrEmpty(value) ? value : match.Value);

    /// <summary>
    /// Variables in <paramref name="body"/> that Earshot does not know, including misspelt ones ("{{customer_name}}",
    /// "{{name}}") that would otherwise reach a customer as written.
    /// </summary>
    public static IReadOnlyList<string> Unknown(string body) =>
        AnyBracesPattern().Matches(body).Select(m => m.Groups[1].Value).Where(v => !Variables.Contains(v)).Distinct().ToList();

    [GeneratedRegex(@"\{\{\s*([a-z_]+\.[a-z_]+)\s*\}\}")]
    private static partial Regex VariablePattern();

    [GeneratedRegex(@"\{\{\s*([^{}]*?)\s*\}\}")]
    private static partial Regex AnyBracesPattern();
}

/// <summary>Finds @mentions of colleagues in a note ("@ana" or "@ana@brand.example").</summary>
public static partial class Mentions
{
    public static IReadOnlyList<string> Find(string text) =>
        MentionPattern().Matches(text).Select(m => m.Groups[1].Value.ToLowerInvariant()).Distinct().ToList();

    [GeneratedRegex(@"(?<![\w@])@([\w.+-]+(?:@[\w-]+(?:\.[\w-]+)+)?)")]
    private static partial Regex MentionPattern();
}
