namespace Earshot.IntegrationTests.Access;

/// <summary>Who may call an endpoint: nobody signed in (it checks its own signature or serves visitors), or the roles listed.</summary>
public enum Who
{
    /// <summary>Anonymous endpoints: signed webhooks, the web chat's visitors, sign-in, health.</summary>
    Anyone,
    /// <summary>Every role: admin, lead, agent, analyst.</summary>
    SignedIn,
    /// <summary>People who work cases: admin, lead, agent.</summary>
    CaseWorkers,
    /// <summary>Admins and leads.</summary>
    Leads,
    Admins,
}

/// <summary>The workspace-owned thing an endpoint's {id} names, so the matrix can aim it at another workspace's.</summary>
public enum Names
{
    Nothing,
    Case,
    Post,
    Topic,
    Channel,
    Alert,
    Webhook,
    DeadDelivery,
    Team,
    RoutingRule,
    Token,
    User,
    SlaPolicy,
    Calendar,
    CannedReply,
}

/// <summary>One endpoint or page handler, keyed as <see cref="EndpointInventory"/> names it, and what it allows.</summary>
public sealed record MatrixRow(string Key, Who Who, Names Names = Names.Nothing)
{
    public string Method => Key.Split(' ')[0];
    public string Route => Key.Split(' ')[1];
    public bool IsApi => Route.StartsWith("/api/", StringComparison.Ordinal) || Route.StartsWith("/hubs/", StringComparison.Ordinal);
    public bool IsUnsafe => Method is not ("GET" or "HEAD");
}

/// <summary>
/// The authorization matrix: every endpoint and page handler of the app, declared once. A new endpoint fails
/// <see cref="AuthorizationMatrixTests"/> until it has a row here.
/// </summary>
public static class AuthorizationMatrix
{
    public static readonly IReadOnlyList<MatrixRow> Rows =
    [
        // Anonymous: each checks its own signature or serves a web chat visitor.
        new("GET /healthz", Who.Anyone),
        new("GET /openapi/{documentName}.json", Who.Anyone),
        new("GET /login", Who.Anyone),
        new("POST /login", Who.Anyone),
        new("POST /api/intake/{channel}", Who.Anyone),
        new("GET /api/webhooks/facebook/", Who.Anyone),
        new("POST /api/webhooks/facebook/", Who.Anyone),
        new("GET /webchat/{channel}/widget.js", Who.Anyone),
        new("POST /api/webchat/{channel}/sessions", Who.Anyone),
        new("POST /api/webchat/{channel}/messages", Who.Anyone),
        new("GET /api/webchat/{channel}/messages", Who.Anyone),
        new("GET /api/webchat/{channel}/stream", Who.Anyone),
        new("OPTIONS /api/webchat/{channel}/{**rest}", Who.Anyone),
        new("GET /account/set-password", Who.Anyone),
        new("POST /account/set-password", Who.Anyone),
        // The error page: reached by re-execution of a failed page request, signed in or not.
        new("GET /error", Who.Anyone),
        new("POST /error", Who.Anyone),

        // Pages.
        new("GET /", Who.SignedIn),
        new("GET /denied", Who.SignedIn),
        new("GET /logout", Who.SignedIn),
        new("POST /logout", Who.SignedIn),
        new("GET /mentions", Who.SignedIn),
        new("GET /mentions?handler=Rows", Who.SignedIn),
        new("GET /search", Who.SignedIn),
        new("GET /inbox", Who.SignedIn),
        new("GET /inbox?handler=Rows", Who.SignedIn),
        new("POST /inbox?handler=Next", Who.CaseWorkers),
        new("POST /inbox?handler=Availability", Who.SignedIn),
        new("POST /inbox?handler=Bulk", Who.CaseWorkers),
        new("POST /inbox?handler=SaveView", Who.SignedIn),
        new("POST /inbox?handler=DeleteView", Who.SignedIn),
        new("GET /cases/{id:guid}", Who.SignedIn, Names.Case),
        new("POST /cases/{id:guid}?handler=Reply", Who.CaseWorkers, Names.Case),
        new("POST /cases/{id:guid}?handler=Note", Who.CaseWorkers, Names.Case),
        new("POST /cases/{id:guid}?handler=Status", Who.CaseWorkers, Names.Case),
        new("POST /cases/{id:guid}?handler=Take", Who.CaseWorkers, Names.Case),
        new("POST /cases/{id:guid}?handler=Tags", Who.CaseWorkers, Names.Case),
        new("POST /cases/{id:guid}?handler=Assign", Who.CaseWorkers, Names.Case),
        new("POST /cases/{id:guid}?handler=Merge", Who.CaseWorkers, Names.Case),
        new("POST /cases/{id:guid}?handler=Split", Who.CaseWorkers, Names.Case),
        new("GET /posts/{id:guid}", Who.SignedIn, Names.Post),
        new("POST /posts/{id:guid}?handler=Label", Who.CaseWorkers, Names.Post),
        new("GET /alerts", Who.SignedIn),
        new("POST /alerts?handler=Acknowledge", Who.CaseWorkers, Names.Alert),
        new("POST /alerts?handler=Snooze", Who.CaseWorkers, Names.Alert),
        new("POST /alerts?handler=Close", Who.CaseWorkers, Names.Alert),
        new("POST /alerts?handler=Incident", Who.CaseWorkers, Names.Alert),
        new("POST /alerts?handler=Retry", Who.Leads, Names.DeadDelivery),
        new("GET /topics", Who.SignedIn),
        new("POST /topics", Who.Leads),
        new("GET /channels", Who.SignedIn),
        new("GET /settings", Who.Leads),
        new("GET /models", Who.Leads),
        new("POST /models?handler=Rollback", Who.Leads),
        new("GET /reports/fairness", Who.SignedIn),
        new("GET /audit", Who.Admins),
        new("GET /users", Who.Leads),
        new("POST /users?handler=Create", Who.Leads),
        new("POST /users?handler=Update", Who.Leads, Names.User),
        new("POST /users?handler=Active", Who.Leads, Names.User),
        new("POST /users?handler=Reset", Who.Leads, Names.User),
        new("POST /users?handler=Team", Who.Leads, Names.Team),
        new("POST /users?handler=DeleteTeam", Who.Leads, Names.Team),
        new("POST /users?handler=AddMember", Who.Leads, Names.Team),
        new("POST /users?handler=RemoveMember", Who.Leads, Names.Team),

        // The hubs.
        new("ANY /hubs/cases", Who.SignedIn),
        new("ANY /hubs/cases/negotiate", Who.SignedIn),

        // The API.
        new("GET /api/me/", Who.SignedIn),
        new("POST /api/me/availability", Who.SignedIn),
        new("GET /api/me/tokens", Who.SignedIn),
        new("POST /api/me/tokens", Who.SignedIn),
        new("DELETE /api/me/tokens/{id:guid}", Who.SignedIn, Names.Token),
        new("GET /api/me/views/", Who.SignedIn),
        new("POST /api/me/views/", Who.SignedIn),
        new("DELETE /api/me/views/{id:guid}", Who.SignedIn),
        new("GET /api/workspaces/", Who.SignedIn),
        new("POST /api/workspaces/", Who.Admins),
        new("GET /api/events", Who.SignedIn),
        new("GET /api/posts/", Who.SignedIn),
        new("GET /api/search", Who.SignedIn),
        new("POST /api/posts/", Who.CaseWorkers),
        new("GET /api/posts/{id:guid}", Who.SignedIn, Names.Post),
        new("POST /api/posts/{id:guid}/labels", Who.CaseWorkers, Names.Post),
        new("GET /api/posts/{postId:guid}/attachments/{index:int}", Who.SignedIn, Names.Post),
        new("GET /api/cases/", Who.SignedIn),
        new("POST /api/cases/next", Who.CaseWorkers),
        new("POST /api/cases/bulk", Who.CaseWorkers),
        new("GET /api/cases/counts", Who.SignedIn),
        new("GET /api/cases/{id:guid}", Who.SignedIn, Names.Case),
        new("GET /api/cases/{id:guid}/canned-replies", Who.SignedIn, Names.Case),
        new("POST /api/cases/{id:guid}/replies", Who.CaseWorkers, Names.Case),
        new("POST /api/cases/{id:guid}/notes", Who.CaseWorkers, Names.Case),
        new("POST /api/cases/{id:guid}/status", Who.CaseWorkers, Names.Case),
        new("POST /api/cases/{id:guid}/assign", Who.CaseWorkers, Names.Case),
        new("PUT /api/cases/{id:guid}/tags", Who.CaseWorkers, Names.Case),
        new("POST /api/cases/{id:guid}/merge", Who.CaseWorkers, Names.Case),
        new("POST /api/cases/{id:guid}/split", Who.CaseWorkers, Names.Case),
        new("POST /api/customers/link", Who.CaseWorkers),
        new("GET /api/alerts/", Who.SignedIn),
        new("GET /api/alerts/counts", Who.SignedIn),
        new("GET /api/alerts/{id:guid}", Who.SignedIn, Names.Alert),
        new("POST /api/alerts/{id:guid}/acknowledge", Who.CaseWorkers, Names.Alert),
        new("POST /api/alerts/{id:guid}/snooze", Who.CaseWorkers, Names.Alert),
        new("POST /api/alerts/{id:guid}/close", Who.CaseWorkers, Names.Alert),
        new("POST /api/alerts/{id:guid}/incident", Who.CaseWorkers, Names.Alert),
        new("GET /api/topics/", Who.SignedIn),
        new("POST /api/topics/", Who.Leads),
        new("POST /api/topics/test", Who.SignedIn),
        new("DELETE /api/topics/{id:guid}", Who.Leads, Names.Topic),
        new("PUT /api/topics/{id:guid}", Who.Leads, Names.Topic),
        new("GET /api/channels/", Who.SignedIn),
        new("GET /api/channels/kinds", Who.SignedIn),
        new("GET /api/channels/{id:guid}", Who.SignedIn, Names.Channel),
        new("POST /api/channels/", Who.Leads),
        new("DELETE /api/channels/{id:guid}", Who.Leads, Names.Channel),
        new("PUT /api/channels/{id:guid}", Who.Leads, Names.Channel),
        new("POST /api/channels/{id:guid}/pause", Who.Leads, Names.Channel),
        new("POST /api/channels/{id:guid}/resume", Who.Leads, Names.Channel),
        new("GET /api/webhooks/", Who.Leads),
        new("POST /api/webhooks/", Who.Leads),
        new("DELETE /api/webhooks/{id:guid}", Who.Leads, Names.Webhook),
        new("GET /api/webhooks/deliveries", Who.Leads),
        new("POST /api/webhooks/deliveries/{id:guid}/retry", Who.Leads, Names.DeadDelivery),
        new("GET /api/teams", Who.SignedIn),
        new("POST /api/teams", Who.Leads),
        new("POST /api/teams/{id:guid}/members", Who.Leads, Names.Team),
        new("GET /api/routing-rules", Who.SignedIn),
        new("POST /api/routing-rules", Who.Leads),
        new("DELETE /api/routing-rules/{id:guid}", Who.Leads, Names.RoutingRule),
        new("GET /api/sla-policies", Who.SignedIn),
        new("POST /api/sla-policies", Who.Leads),
        new("POST /api/calendars", Who.Leads),
        new("GET /api/canned-replies", Who.SignedIn),
        new("POST /api/canned-replies", Who.Leads),
        new("PUT /api/routing-rules/{id:guid}", Who.Leads, Names.RoutingRule),
        new("PUT /api/sla-policies/{id:guid}", Who.Leads, Names.SlaPolicy),
        new("DELETE /api/sla-policies/{id:guid}", Who.Leads, Names.SlaPolicy),
        new("GET /api/calendars", Who.SignedIn),
        new("PUT /api/calendars/{id:guid}", Who.Leads, Names.Calendar),
        new("DELETE /api/calendars/{id:guid}", Who.Leads, Names.Calendar),
        new("PUT /api/canned-replies/{id:guid}", Who.Leads, Names.CannedReply),
        new("DELETE /api/canned-replies/{id:guid}", Who.Leads, Names.CannedReply),
        new("GET /api/case-policy", Who.SignedIn),
        new("PUT /api/case-policy", Who.Leads),
        new("GET /api/models/", Who.SignedIn),
        new("GET /api/models/reclassify", Who.SignedIn),
        new("GET /api/reports/fairness", Who.SignedIn),
        new("GET /api/reports/response-times", Who.SignedIn),
        new("GET /api/audit", Who.Admins),
        new("GET /api/users/", Who.Leads),
        new("POST /api/users/", Who.Leads),
        new("PATCH /api/users/{id:guid}", Who.Leads, Names.User),
        new("POST /api/users/{id:guid}/reset-password", Who.Leads, Names.User),
        new("PUT /api/teams/{id:guid}/", Who.Leads, Names.Team),
        new("DELETE /api/teams/{id:guid}/", Who.Leads, Names.Team),
        new("DELETE /api/teams/{id:guid}/members", Who.Leads, Names.Team),
    ];
}
