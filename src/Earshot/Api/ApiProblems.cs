using Microsoft.AspNetCore.Http.HttpResults;

namespace Earshot.Api;

/// <summary>
/// RFC 7807 answers that name the field at fault. Titles and messages are said in the request's language (English
/// unless the user chose another or Accept-Language asks for one); field names are wire names and stay as they are.
/// </summary>
public static class ApiProblems
{
    public static IResult Field(string field, Phrase message, int status = 400) => status == 400
        ? Invalid(field, message)
        : TypedResults.Problem(statusCode: status, title: PhraseStrings.Say(status switch
        {
            403 => new Phrase("Not allowed"),
            404 => new Phrase("Not found"),
            409 => new Phrase("Conflict"),
            502 => new Phrase("The channel did not accept it"),
            _ => new Phrase("Cannot do that"),
        }), detail: PhraseStrings.Say(message), extensions: new Dictionary<string, object?> { ["field"] = field });

    /// <summary>An invalid request: every field at fault with its problems.</summary>
    public static ValidationProblem Invalid(IReadOnlyDictionary<string, Phrase[]> problems, string? title = null, IDictionary<string, object?>? extensions = null) =>
        TypedResults.ValidationProblem(PhraseStrings.Say(problems), title: title, extensions: extensions);

    /// <summary>An invalid request naming one field.</summary>
    public static ValidationProblem Invalid(string field, Phrase problem) => Invalid(new Dictionary<string, Phrase[]> { [field] = [problem] });

    /// <summary>Any other problem, its title and detail said in the request's language.</summary>
    public static ProblemHttpResult Problem(int status, Phrase title, Phrase detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(statusCode: status, title: PhraseStrings.Say(title), detail: PhraseStrings.Say(detail), extensions: extensions);

    /// <summary>A refused change: every field at fault for an invalid form (400), else the one the refusal names.</summary>
    public static IResult Refused(Refusal refusal) => refusal.Kind == RefusalKind.Invalid
        ? Invalid(refusal.Fields)
        : Field(refusal.Field, refusal.Message, refusal.Status);

    /// <summary>No such thing among the caller's: "no case with that id in your workspaces".</summary>
    public static IResult NotFound(Phrase noSuchThing) => Field("id", noSuchThing, 404);
}
