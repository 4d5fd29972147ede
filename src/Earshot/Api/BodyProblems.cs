using System.Globalization;
using System.Text.Json;

namespace Earshot.Api;

/// <summary>
/// A request body the framework could not bind (a string where a number goes, an object where a list goes) answers
/// 400 naming the field by its JSON path, in the same shape as every other validation problem.
/// </summary>
public static class BodyProblems
{
    public static void NameTheField(ProblemDetailsContext context)
    {
        if (context.Exception is not BadHttpRequestException { InnerException: JsonException json })
            return;
        var field = FieldOf(json.Path);
        var at = json.LineNumber is { } line
            ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, column {(json.BytePositionInLine ?? 0) + 1})")
            : "";
        var message = field.Length == 0
            ? "the body is not valid JSON of the expected shape" + at
            : $"'{field}' has a value of the wrong type or shape" + at;
        context.ProblemDetails.Title = "One or more validation errors occurred.";
        context.ProblemDetails.Detail = message;
        context.ProblemDetails.Extensions["field"] = field.Length == 0 ? "body" : field;
        context.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]> { [field.Length == 0 ? "body" : field] = [message] };
    }

    // "$.policy.reach_factor_enabled" → "policy.reach_factor_enabled"; "$" → "".
    private static string FieldOf(string? path) =>
        path is null or "$" ? "" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
}
