using Earshot.Core.Access;
using Earshot.Core.Alerts.Delivery;
using Earshot.Engine.Audit;
using Earshot.Engine.Alerts.Delivery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Earshot.Api;

/// <summary>`/api/webhooks`: outbound webhooks, and the delivery log with its dead letters and their retry.</summary>
public static class AlertWebhooksApi
{
    public static void MapAlertWebhooksApi(this WebApplication app)
    {
        // Outbound webhooks carry brand data to other systems: only leads and admins manage them.
        var webhooks = app.MapGroup("/api/webhooks").WithTags("Webhooks").RequireAuthorization(Access.AccessServices.Manage);
        webhooks.MapGet("/", ListAsync).WithName("ListWebhooks");
        webhooks.MapPost("/", AddAsync).WithName("AddWebhook")
            .WithDescription("Registers a webhook (as `earshot webhooks add`); the secret is stored encrypted and never returned.");
        webhooks.MapDelete("/{id:guid}", RemoveAsync).WithName("RemoveWebhook");
        webhooks.MapGet("/deliveries", DeliveriesAsync).WithName("ListDeliveries")
            .WithDescription("Webhook and e-mail deliveries, newest first; status: pending, delivered or dead (dead letters).");
        webhooks.MapPost("/deliveries/{id:guid}/retry", RetryAsync).WithName("RetryDelivery")
            .WithDescription("Puts a dead letter back in the queue with a fresh set of attempts.");
    }

    /// <summary><paramref name="AllowPrivateNetwork"/>: an admin lets the webhook reach a host on a private network (audited).</summary>
    public sealed record AddRequest(string? Url, string? Secret, string? Events, string? Team, string? Format, string? Workspace, bool? AllowPrivateNetwork = null);

    public sealed record WebhookView(Guid Id, string Url, string Events, string Format);

    private static async Task<Ok<IReadOnlyList<WebhookRegistry.Listed>>> ListAsync(WebhookRegistry registry, CancellationToken cancellationToken) =>
        TypedResults.Ok(await registry.ListAsync(cancellationToken));

    private static async Task<IResult> AddAsync(
        AddRequest request, WebhookRegistry registry, Access.WorkspaceResolver resolver, AuditLog audit, AccessScope scope, CancellationToken cancellationToken)
    {
        if (request.AllowPrivateNetwork == true && !scope.IsAdmin)
            return ApiProblems.Field("allow_private_network", PrivateNetworkApi.AdminOnly, 403);
        // Naming a workspace never creates one, and one not among the caller's is "not found".
        if ((await resolver.ResolveAsync(request.Workspace, cancellationToken)).Error is { } missing)
            return ApiProblems.Field("workspace", missing, 404);
        var added = await registry.AddAsync(request.Workspace, request.Url, request.Secret, request.Events, request.Team, request.Format,
            PrivateNetworkApi.Consent(request.AllowPrivateNetwork, scope, "POST /api/webhooks"), cancellationToken);
        if (added.Webhook is not { } webhook)
            return ApiProblems.Invalid(added.Errors.ToDictionary(e => e.Key, e => new[] { e.Value }));
        await audit.WriteAsync(AuditKinds.WebhookAdded, AuditActor.User(scope.UserId), webhook.WorkspaceId,
            new { webhook_id = webhook.Id, url = AuditLog.Origin(webhook.Url), events = webhook.Events }, cancellationToken);
        return TypedResults.Created($"/api/webhooks/{webhook.Id}",
            new WebhookView(webhook.Id, webhook.Url, webhook.Events, webhook.Format.ToString().ToLowerInvariant()));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(Guid id, WebhookRegistry registry, AccessScope scope, CancellationToken cancellationToken) =>
        await registry.RemoveAsync(id.ToString(), AuditActor.User(scope.UserId), cancellationToken) > 0
            ? TypedResults.NoContent()
            : ApiProblems.Problem(404, new Phrase("No such webhook"), new Phrase("no webhook has the id {0}", id));

    private static async Task<Results<Ok<IReadOnlyList<DeliveryLog.Entry>>, ValidationProblem>> DeliveriesAsync(
        DeliveryLog log, string? status, int? limit, CancellationToken cancellationToken)
    {
        DeliveryStatus? parsed = null;
        if (status is not null)
        {
            if (!Enum.TryParse<DeliveryStatus>(status, ignoreCase: true, out var value) || int.TryParse(status, out _))
                return ApiProblems.Invalid("status", new Phrase("'status' is pending, delivered or dead"));
            parsed = value;
        }
        if (limit is < 1 or > 1000)
            return ApiProblems.Invalid("limit", new Phrase("'limit' is 1 to 1000"));
        return TypedResults.Ok(await log.ListAsync(parsed, limit ?? 200, cancellationToken));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RetryAsync(Guid id, DeliveryLog log, CancellationToken cancellationToken) =>
        await log.RetryAsync(id, cancellationToken)
            ? TypedResults.NoContent()
            : ApiProblems.Problem(404, new Phrase("No such dead letter"), new Phrase("no dead delivery has the id {0}", id));
}
