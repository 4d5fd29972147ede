using Earshot.Core.Posts;
using Earshot.Core.Workspaces;
using Earshot.Storage.Tenancy;

namespace Earshot.Engine.Workspaces;

/// <summary>Finds workspaces and channels by name, creating them on first use (imports and the API need both).</summary>
public sealed class WorkspaceDirectory(IDbContextFactory<EarshotDbContext> contexts, TimeProvider clock)
{
    public const string DefaultWorkspace = "default";

    private readonly Dictionary<string, Guid> _workspaces = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(Guid, ChannelKind), Guid> _channels = [];
    private readonly SemaphoreSlim _lock = new(1, 1);

    public async Task<Guid> GetOrCreateWorkspaceAsync(string? name, CancellationToken cancellationToken, IEnumerable<string>? brandNames = null)
    {
        name = string.IsNullOrWhiteSpace(name) ? DefaultWorkspace : name.Trim();
        await _lock.WaitAsync(cancellationToken);
        try
        {
            // The cache spans callers: a restricted one gets only what its own lookup would have found.
            if (_workspaces.TryGetValue(name, out var cached))
            {
                WorkspaceScope.EnsureVisible(cached);
                return cached;
            }
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var workspace = await db.Workspaces.FirstOrDefaultAsync(w => w.Name == name, cancellationToken);
            if (workspace is null)
            {
                workspace = new Workspace { Name = name, CreatedAt = clock.GetUtcNow().UtcDateTime, BrandNames = brandNames?.ToList() ?? [name] };
                db.Workspaces.Add(workspace);
                await SaveRacingAsync(db, cancellationToken);
                workspace = await db.Workspaces.AsNoTracking().FirstAsync(w => w.Name == name, cancellationToken);
            }
            return _workspaces[name] = workspace.Id;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>The workspace's default channel of a kind (named after the kind), where imports and the API post.</summary>
    public async Task<Guid> GetOrCreateChannelAsync(Guid workspaceId, ChannelKind kind, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            WorkspaceScope.EnsureVisible(workspaceId);
            if (_channels.TryGetValue((workspaceId, kind), out var cached))
                return cached;
            var name = kind.WireName();
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var channel = await db.Channels.FirstOrDefaultAsync(
                c => c.WorkspaceId == workspaceId && c.Kind == kind && c.Name == name, cancellationToken);
            if (channel is null)
            {
                // The default channel of a kind is where imports and the API post; no connector runs for it.
                db.Channels.Add(new Channel { WorkspaceId = workspaceId, Kind = kind, Name = name, CreatedAt = clock.GetUtcNow().UtcDateTime, Enabled = false });
                await SaveRacingAsync(db, cancellationToken);
                channel = await db.Channels.AsNoTracking().FirstAsync(
                    c => c.WorkspaceId == workspaceId && c.Kind == kind && c.Name == name, cancellationToken);
            }
            return _channels[(workspaceId, kind)] = channel.Id;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Another process may create the same row first; its row is then the one to use.</summary>
    private static async Task SaveRacingAsync(EarshotDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }
    }
}
