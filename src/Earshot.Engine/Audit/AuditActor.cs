namespace Earshot.Engine.Audit;

/// <summary>
/// Who did an audited thing: a signed-in user, the operator at the command line (who has no user id, and is recorded
/// as "cli" in the event's data), or nobody known (a failed sign-in).
/// </summary>
public readonly record struct AuditActor(Guid? UserId, bool CommandLine)
{
    public static AuditActor Cli => new(null, true);

    public static AuditActor Unknown => new(null, false);

    public static AuditActor User(Guid? userId) => new(userId, false);
}
