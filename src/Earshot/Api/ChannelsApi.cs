using System.Text.Json;
using Earshot.Connectors;
using Earshot.Connectors.Setup;
using Earshot.Core.Posts;
using Earshot.Core.Access;
using Earshot.Engine.Audit;
using Earshot.Engine.Channels;
using Earshot.Engine.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Earshot.Api;

/// <summary>
/// `/api/channels`: configured channels and their health; leads and admins add, change, pause, resume and remove them
/// (as `earshot channels add|set|pause|resume|remove` do, with the same per-kind settings from <see cref="ChannelSetups"/>).
/// </summary>
public static class ChannelsApi
{
    private static readonly Phrase NoSuchChannel = new Phrase("no channel with that id in your workspaces");

    public static void MapChannelsApi(this WebApplication app)
    {
        var channels = app.MapGroup("/api/channels").WithTags("Channels");
        channels.MapGet("/", ListAsync).WithName("ListChannels");
        channels.MapGet("/kinds", Kinds).WithName("ListChannelKinds")
            .WithDescription("The kinds of channel that can be added and the settings each takes (required, secret, default).");
        channels.MapGet("/{id:guid}", GetAsync).WithName("GetChannel");
        channels.MapPost("/", AddAsync).RequireAuthorization(AccessServices.Manage).WithName("AddChannel")
            .WithDescription("Adds a channel; a running server starts it within seconds. Secrets are stored encrypted and never returned: "
                + "`secrets_set` names the ones that are set. A secret the server made up (web chat's signing secret when none is given) is in `generated_secrets`, this once.");
        channels.MapPut("/{id:guid}", ChangeAsync).RequireAuthorization(AccessServices.Manage).WithName("ChangeChannel")
            .WithDescription("Changes the channel's name and settings, checked as when adding. A setting left out keeps its value; a secret given blank "
                + "or left out keeps its stored value (secrets are write-only). Changed settings restart the connector.");
        channels.MapPost("/{id:guid}/pause", PauseAsync).RequireAuthorization(AccessServices.Manage).WithName("PauseChannel")
            .WithDescription("Stops the connector until resumed (a push channel refuses deliveries meanwhile); the channel keeps its settings and posts.");
        channels.MapPost("/{id:guid}/resume", ResumeAsync).RequireAuthorization(AccessServices.Manage).WithName("ResumeChannel");
        channels.MapDelete("/{id:guid}", RemoveAsync).RequireAuthorization(AccessServices.Manage).WithName("RemoveChannel")
            .WithDescription("Stops listening to the channel; the posts it brought stay.");
    }

    /// <summary><paramref name="AllowPrivateNetwork"/>: an admin lets the channel reach hosts on a private network (audited).</summary>
    public sealed record AddRequest(string? Kind, string? Workspace, string? Name, Dictionary<string, JsonElement>? Settings, bool? AllowPrivateNetwork = null);

    public sealed record SettingView(string Key, string Label, string Help, string Type, bool Required, bool Secret, object? Default, string? CliOption);

    public sealed record KindView(string Kind, string Title, string Summary, bool NameRequired, IReadOnlyList<SettingView> Settings);

    public sealed record ChangeRequest(string? Name, Dictionary<string, JsonElement>? Settings, bool? AllowPrivateNetwork = null);

    public sealed record ChannelView(
        Guid Id, string Workspace, string Kind, string Name, DateTime CreatedAt,
        IReadOnlyDictionary<string, JsonElement> Settings, IReadOnlyList<string> SecretsSet, ChannelHealth Health, string? Warning, bool Paused)
    {
        public IReadOnlyDictionary<string, string>? GeneratedSecrets { get; init; }
    }

    private static async Task<Ok<List<ChannelRegistry.Listed>>> ListAsync(
        ChannelRegistry registry, EarshotDbContext db, AccessScope scope, CancellationToken cancellationToken)
    {
        var names = await VisibleWorkspacesAsync(db, scope, cancellationToken);
        var channels = await registry.ListAsync(cancellationToken);
        return TypedResults.Ok(channels.Where(c => names is null || names.Contains(c.Workspace)).ToList());
    }

    private static Ok<IReadOnlyList<KindView>> Kinds() => TypedResults.Ok<IReadOnlyList<KindView>>(ChannelSetups.All.Select(s => new KindView(
        s.Kind.WireName(), s.Title, s.Summary, s.DefaultName is null,
        s.Settings.Select(f => new SettingView(f.Key, f.Label, f.Help, f.Type.ToString().ToLowerInvariant(), f.Required && f.Default is null, f.Secret, f.Default, f.Option)).ToList())).ToList());

    private static async Task<IResult> GetAsync(Guid id, ChannelRegistry registry, AccessScope scope, TimeProvider clock, CancellationToken cancellationToken) =>
        await registry.GetAsync(id, cancellationToken) is { } found && await scope.AllowsAsync(found.Channel.WorkspaceId, cancellationToken)
            ? TypedResults.Ok(View(found.Channel, found.Workspace, clock))
            : ApiProblems.NotFound(NoSuchChannel);

    private static async Task<IResult> AddAsync(
        AddRequest request, ChannelRegistry registry, WorkspaceResolver resolver, AccessScope scope, AuditLog audit, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Kind))
            return ApiProblems.Field("kind", new Phrase("'kind' is required: one of {0}", ChannelSetups.Known));
        if (!ChannelKinds.TryParse(request.Kind, out var kind) || ChannelSetups.For(kind) is null)
            return ApiProblems.Field("kind", ChannelRegistry.UnknownKind(request.Kind));
        if (request.AllowPrivateNetwork == true && !scope.IsAdmin)
            return ApiProblems.Field("allow_private_network", PrivateNetworkApi.AdminOnly, 403);
        // Naming a workspace never creates one (POST /api/workspaces does); one not among the caller's is "not found".
        var (workspaceId, missing) = await resolver.ResolveAsync(request.Workspace, cancellationToken);
        if (workspaceId is not { } target)
            return ApiProblems.Field("workspace", missing!, 404);
        var added = await registry.AddAsync(
            _ => Task.FromResult(target),
            kind, string.IsNullOrWhiteSpace(request.Name) ? null : request.Name.Trim(), request.Settings ?? [],
            PrivateNetworkApi.Consent(request.AllowPrivateNetwork, scope, "POST /api/channels"), cancellationToken);
        if (added.Duplicate)
            return ApiProblems.Field("name", added.Errors["name"], 409);
        if (added.Channel is not { } channel)
            return ApiProblems.Invalid(added.Errors.ToDictionary(
                e => e.Key is "kind" or "name" ? e.Key : "settings." + e.Key, e => new[] { e.Value }));
        await audit.WriteAsync(AuditKinds.ChannelAdded, AuditActor.User(scope.UserId), channel.WorkspaceId,
            new { channel_id = channel.Id, kind = channel.Kind.WireName(), name = channel.Name }, cancellationToken);
        var stored = await registry.GetAsync(channel.Id, cancellationToken);
        var view = View(stored!.Value.Channel, stored.Value.Workspace, clock) with
        {
            GeneratedSecrets = added.Generated.Count > 0 ? added.Generated : null,
        };
        return TypedResults.Created($"/api/channels/{channel.Id}", view);
    }

    private static async Task<IResult> ChangeAsync(
        Guid id, ChangeRequest request, ChannelRegistry registry, ConnectorHost host, AccessScope scope, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await registry.GetAsync(id, cancellationToken) is not { } found || !await scope.AllowsAsync(found.Channel.WorkspaceId, cancellationToken))
            return ApiProblems.NotFound(NoSuchChannel);
        if (request.AllowPrivateNetwork == true && !scope.IsAdmin)
            return ApiProblems.Field("allow_private_network", PrivateNetworkApi.AdminOnly, 403);
        var changed = await registry.ChangeAsync(id, request.Name, request.Settings ?? [],
            PrivateNetworkApi.Consent(request.AllowPrivateNetwork, scope, $"PUT /api/channels/{id}"), AuditActor.User(scope.UserId), cancellationToken);
        if (changed.NotFound)
            return ApiProblems.NotFound(NoSuchChannel);
        if (changed.Duplicate)
            return ApiProblems.Field("name", changed.Errors["name"], 409);
        if (changed.Channel is null)
            return ApiProblems.Invalid(changed.Errors.ToDictionary(
                e => e.Key is "kind" or "name" ? e.Key : "settings." + e.Key, e => new[] { e.Value }));
        // The running connector still holds the old settings: stop it, and the next scan starts it with the new ones.
        host.Stop(id);
        return TypedResults.Ok(View(changed.Channel, found.Workspace, clock));
    }

    private static Task<IResult> PauseAsync(Guid id, ChannelRegistry registry, ConnectorHost host, AccessScope scope, TimeProvider clock, CancellationToken cancellationToken) =>
        SetPausedAsync(id, true, registry, host, scope, clock, cancellationToken);

    private static Task<IResult> ResumeAsync(Guid id, ChannelRegistry registry, ConnectorHost host, AccessScope scope, TimeProvider clock, CancellationToken cancellationToken) =>
        SetPausedAsync(id, false, registry, host, scope, clock, cancellationToken);

    private static async Task<IResult> SetPausedAsync(
        Guid id, bool paused, ChannelRegistry registry, ConnectorHost host, AccessScope scope, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await registry.GetAsync(id, cancellationToken) is not { } found || !await scope.AllowsAsync(found.Channel.WorkspaceId, cancellationToken))
            return ApiProblems.NotFound(NoSuchChannel);
        var channel = await registry.SetPausedAsync(id.ToString(), paused, AuditActor.User(scope.UserId), cancellationToken);
        if (channel is null)
            return ApiProblems.NotFound(NoSuchChannel);
        if (paused)
            host.Stop(id);
        return TypedResults.Ok(View(channel, found.Workspace, clock));
    }

    private static async Task<IResult> RemoveAsync(
        Guid id, ChannelRegistry registry, ConnectorHost host, AccessScope scope, CancellationToken cancellationToken)
    {
        if (await registry.GetAsync(id, cancellationToken) is not { } found || !await scope.AllowsAsync(found.Channel.WorkspaceId, cancellationToken))
            return ApiProblems.NotFound(NoSuchChannel);
        await registry.RemoveAsync(id.ToString(), AuditActor.User(scope.UserId), cancellationToken);
        host.Stop(id);
        return TypedResults.NoContent();
    }

    private static ChannelView View(Channel channel, string workspace, TimeProvider clock)
    {
        var (settings, secretsSet) = ChannelRegistry.Shown(channel.Kind, channel.SettingsJson);
        return new ChannelView(channel.Id, workspace, channel.Kind.WireName(), channel.Name, channel.CreatedAt, settings, secretsSet,
            channel.Health, channel.Paused ? null : channel.Health.Warning(clock.GetUtcNow().UtcDateTime, ChannelRegistry.Interval(channel.SettingsJson)), channel.Paused);
    }

    private static async Task<List<string>?> VisibleWorkspacesAsync(EarshotDbContext db, AccessScope scope, CancellationToken cancellationToken)
    {
        var visible = await scope.WorkspaceIdsAsync(cancellationToken);
        return visible is null ? null : await db.Workspaces.Where(w => visible.Contains(w.Id)).Select(w => w.Name).ToListAsync(cancellationToken);
    }
}
