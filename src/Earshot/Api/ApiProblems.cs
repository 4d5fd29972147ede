namespace Earshot.Api;

/// <summary>RFC 7807 answers that name the field at fault.</summary>
public static class ApiProblems
{
    public static IResult Field(string field, string message, int status = 400) => status == 400
        ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] })
        : TypedResults.Problem(statusCode: status, title: status switch
        {
            403 => "Not allowed",
            404 => "Not found",
            409 => "Conflict",
            502 => "The channel did not accept it",
            _ => "Cannot do that",
        }, detail: message, extensions: new Dictionary<string, object?> { ["field"] = field });

    /// <summary>A refused change: every field at fault for an invalid form (400), else the one the refusal names.</summary>
    public static IResult Refused(Refusal refusal) => refusal.Kind == RefusalKind.Invalid
        ? TypedResults.ValidationProblem(refusal.Fields.ToDictionary())
        : Field(refusal.Field, refusal.Message, refusal.Status);

    public static IResult NotFound(string what) => Field("id", $"no {what} with that id in your workspaces", 404);
}
