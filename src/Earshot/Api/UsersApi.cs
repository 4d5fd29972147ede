using Earshot.Core.Workspaces;

namespace Earshot.Api;

/// <summary>
/// `/api/users`: the people a lead or admin manages (see <see cref="PeopleAdmin"/> for who may change whom). Creating
/// a user without a password invites them: the answer carries a one-time set-password link, shown only then.
/// </summary>
public static class UsersApi
{
    public static void MapUsersApi(this WebApplication app)
    {
        var users = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization(AccessServices.Manage);
        users.MapGet("/", ListAsync).WithName("ListUsers")
            .WithDescription("The people the caller may see: everyone for an admin, the members of a lead's workspaces (and the admins) for a lead.");
        users.MapPost("/", CreateAsync).WithName("CreateUser")
            .WithDescription("Creates a user. Without a password the user is invited: set_password_url is a one-time link, shown only in this answer.");
        users.MapPatch("/{id:guid}", UpdateAsync).WithName("UpdateUser")
            .WithDescription("Changes role, workspaces (those the caller sees are replaced), capacity, name or active. A role change or deactivation ends the user's sign-ins.");
        users.MapPost("/{id:guid}/reset-password", ResetAsync).WithName("ResetPassword")
            .WithDescription("Ends the user's sign-ins and password and answers a one-time set-password link, shown only in this answer.");
    }

    public sealed record UserView(Guid Id, string Email, string Name, string Role, IReadOnlyList<string> Workspaces, IReadOnlyList<string> Teams,
        int Capacity, bool Available, bool Active, DateTime? LastSignInAt, bool Invited);

    private static async Task<IResult> ListAsync(PeopleAdmin people, CancellationToken cancellationToken) =>
        TypedResults.Ok((await people.ListAsync(cancellationToken)).Select(View).ToList());

    public sealed record CreateBody(string? Email, string? Name, string? Role, IReadOnlyList<string>? Workspaces, int? Capacity, string? Password);

    private static async Task<IResult> CreateAsync(CreateBody body, HttpRequest request, PeopleAdmin people, AccessScope scope, CancellationToken cancellationToken)
    {
        var manager = await Manager.OfAsync(scope, cancellationToken);
        var (created, refusal) = await people.CreateAsync(manager,
            new PeopleAdmin.NewPerson(body.Email, body.Name, body.Role, body.Workspaces, body.Capacity, body.Password), cancellationToken);
        if (refusal is not null)
            return ApiProblems.Refused(refusal);
        var user = created!.User;
        return TypedResults.Created($"/api/users/{user.Id}", new
        {
            user.Id, user.Email, name = user.DisplayName, user.Role, user.Capacity,
            set_password_url = created.SetPasswordToken is { } token ? Link(request, token) : null,
        });
    }

    public sealed record UpdateBody(string? Role, IReadOnlyList<string>? Workspaces, int? Capacity, bool? Active, string? Name);

    private static async Task<IResult> UpdateAsync(Guid id, UpdateBody body, PeopleAdmin people, AccessScope scope, CancellationToken cancellationToken)
    {
        var manager = await Manager.OfAsync(scope, cancellationToken);
        var (_, refusal) = await people.UpdateAsync(manager, id, new PeopleAdmin.Changes(body.Role, body.Workspaces, body.Capacity, body.Active, body.Name), cancellationToken);
        if (refusal is not null)
            return ApiProblems.Refused(refusal);
        var person = (await people.ListAsync(cancellationToken)).First(p => p.Id == id);
        return TypedResults.Ok(View(person));
    }

    private static async Task<IResult> ResetAsync(Guid id, HttpRequest request, PeopleAdmin people, AccessScope scope, CancellationToken cancellationToken)
    {
        var (token, refusal) = await people.ResetPasswordAsync(await Manager.OfAsync(scope, cancellationToken), id, cancellationToken);
        return refusal is not null
            ? ApiProblems.Refused(refusal)
            : TypedResults.Ok(new { id, set_password_url = Link(request, token!), expires_in_hours = (int)PeopleAdmin.ResetLifetime.TotalHours });
    }

    /// <summary>The link on the address the caller reached this server by.</summary>
    public static string Link(HttpRequest request, string token) => $"{request.Scheme}://{request.Host}{request.PathBase}{PeopleAdmin.LinkPath(token)}";

    private static UserView View(PeopleAdmin.Person p) =>
        new(p.Id, p.Email, p.Name, p.Role, p.Workspaces, p.Teams, p.Capacity, p.Available, p.Active, p.LastSignInAt, p.Invited);
}
