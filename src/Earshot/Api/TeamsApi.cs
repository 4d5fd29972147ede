namespace Earshot.Api;

/// <summary>
/// Changing and deleting one team, and putting people on it and taking them off (listing and creating teams are in
/// <see cref="SettingsApi"/>). What a deletion does to cases, rules, SLA policies and members is
/// <see cref="PeopleAdmin.DeleteTeamAsync"/>'s to say.
/// </summary>
public static class TeamsApi
{
    public static void MapTeamsApi(this WebApplication app)
    {
        var team = app.MapGroup("/api/teams/{id:guid}").WithTags("Settings").RequireAuthorization(AccessServices.Manage);
        team.MapPut("/", UpdateAsync).WithName("UpdateTeam").WithDescription("Renames the team or changes its assignment (manual, round_robin, least_loaded).");
        team.MapDelete("/", DeleteAsync).WithName("DeleteTeam")
            .WithDescription("Deletes the team: 409 while routing rules, the fallback or webhooks use it; otherwise its cases become unrouted (assignees keep them), its SLA policies are deleted, its members leave it and its topics lose their owner.");
        team.MapPost("/members", AddMemberAsync).WithName("AddTeamMember")
            .WithDescription("Puts {email, lead} on the team (again: changes whether they lead it), and in the team's workspace if they were not.");
        team.MapDelete("/members", RemoveMemberAsync).WithName("RemoveTeamMember").WithDescription("Takes ?email= off the team; they keep their cases and workspace.");
    }

    public sealed record UpdateBody(string? Name, string? Assignment);

    private static async Task<IResult> UpdateAsync(Guid id, UpdateBody body, PeopleAdmin people, AccessScope scope, Engine.Cases.CaseSettings settings, CancellationToken cancellationToken)
    {
        var (team, refusal) = await people.UpdateTeamAsync(await Manager.OfAsync(scope, cancellationToken), id, body.Name, body.Assignment, cancellationToken);
        if (refusal is not null)
            return ApiProblems.Refused(refusal);
        settings.Invalidate(team!.WorkspaceId);
        return TypedResults.Ok(new { team.Id, team.Name, assignment = SettingsApi.Wire(team.Assignment) });
    }

    private static async Task<IResult> DeleteAsync(Guid id, PeopleAdmin people, AccessScope scope, Engine.Cases.CaseSettings settings, CancellationToken cancellationToken)
    {
        var (done, refusal) = await people.DeleteTeamAsync(await Manager.OfAsync(scope, cancellationToken), id, cancellationToken);
        if (refusal is not null)
            return ApiProblems.Refused(refusal);
        settings.Invalidate(done!.WorkspaceId);
        return TypedResults.Ok(new
        {
            deleted = done.Name, cases_unrouted = done.Cases, open_cases_unrouted = done.OpenCases, sla_policies_deleted = done.SlaPolicies,
            members_removed = done.Members, topics_released = done.Topics,
        });
    }

    public sealed record MemberBody(string? Email, bool? Lead);

    private static async Task<IResult> AddMemberAsync(Guid id, MemberBody body, PeopleAdmin people, AccessScope scope, CancellationToken cancellationToken)
    {
        var (member, refusal) = await people.AddMemberAsync(await Manager.OfAsync(scope, cancellationToken), id, body.Email, body.Lead ?? false, cancellationToken);
        return refusal is null
            ? TypedResults.Ok(new { team_id = id, user_id = member!.UserId, lead = member.IsLead })
            : ApiProblems.Refused(refusal);
    }

    private static async Task<IResult> RemoveMemberAsync(Guid id, string? email, PeopleAdmin people, AccessScope scope, CancellationToken cancellationToken)
    {
        var refusal = await people.RemoveMemberAsync(await Manager.OfAsync(scope, cancellationToken), id, email, cancellationToken);
        return refusal is null ? TypedResults.NoContent() : ApiProblems.Refused(refusal);
    }
}
