using Microsoft.Extensions.Logging;

namespace Earshot.Storage.Tenancy;

/// <summary>
/// The workspaces the code running now may see, carried with the async flow so that every context created
/// anywhere below a request (injected or from the factory) filters by it. No restriction is in force outside a
/// request (the pipeline, connectors, the CLI), for an admin, and for anonymous endpoints that act for the system
/// (signed webhooks, the web chat's visitors).
/// </summary>
public static class WorkspaceScope
{
    private static readonly AsyncLocal<WorkspaceRestriction?> Ambient = new();

    /// <summary>The restriction in force, or null when everything is visible.</summary>
    public static WorkspaceRestriction? Current => Ambient.Value;

    /// <summary>Restricts everything below the call to <paramref name="workspaceIds"/> until the result is disposed.</summary>
    public static IDisposable RestrictTo(Guid? userId, IEnumerable<Guid> workspaceIds) =>
        Swap(new WorkspaceRestriction(userId, [.. workspaceIds]));

    /// <summary>
    /// Lifts the restriction for system work done on a user's behalf (e.g. an automatic assignment that must see
    /// every team). The reason is logged; keep the block small and never return what it reads to the caller unfiltered.
    /// </summary>
    public static IDisposable Bypass(string reason, ILogger logger)
    {
        if (Ambient.Value is { } restriction)
            TenancyLog.Bypassed(logger, reason, restriction.UserId);
        return Swap(null);
    }

    /// <summary>Throws <see cref="WorkspaceAccessException"/> unless the current scope may see <paramref name="workspaceId"/>.</summary>
    public static void EnsureVisible(Guid workspaceId)
    {
        if (Ambient.Value is { } restriction && !restriction.WorkspaceIds.Contains(workspaceId))
            throw new WorkspaceAccessException(workspaceId);
    }

    private static Restore Swap(WorkspaceRestriction? next)
    {
        var previous = Ambient.Value;
        Ambient.Value = next;
        return new Restore(previous);
    }

    private sealed class Restore(WorkspaceRestriction? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}

/// <summary>A user limited to some workspaces; <see cref="WorkspaceIds"/> is a list because EF Core sends it as one parameter.</summary>
public sealed record WorkspaceRestriction(Guid? UserId, List<Guid> WorkspaceIds);

/// <summary>A write aimed at, or a lookup of, a workspace outside the caller's: answered as "not found".</summary>
public sealed class WorkspaceAccessException(Guid workspaceId)
    : Exception($"workspace {workspaceId} is not among the caller's")
{
    public Guid WorkspaceId { get; } = workspaceId;
}

internal static partial class TenancyLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Workspace filter lifted for user {UserId}: {Reason}")]
    public static partial void Bypassed(ILogger logger, string reason, Guid? userId);
}
