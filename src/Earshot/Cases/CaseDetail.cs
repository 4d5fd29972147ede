using System.Text.Json;
using Earshot.Core.Cases;
using Earshot.Core.Posts;

namespace Earshot.Cases;

/// <summary>
/// Everything an agent needs to work a case: the conversation in order (the customer's posts, our replies and
/// internal notes), the case's history, and the customer: every author linked to them, their other cases and posts.
/// </summary>
public sealed record CaseDetail(
    CaseListItem Case,
    IReadOnlyList<CaseDetail.Entry> Conversation,
    IReadOnlyList<CaseDetail.HistoryEvent> Events,
    CaseDetail.Customer Profile,
    Guid? LastEventId)
{
    /// <summary>The customer posts' attachments, by post id.</summary>
    public IReadOnlyDictionary<Guid, IReadOnlyList<Posts.AttachmentView>> Attachments { get; init; } = new Dictionary<Guid, IReadOnlyList<Posts.AttachmentView>>();

    /// <summary>One item of the conversation: a post ("customer"), a reply ("agent") or a note ("note").</summary>
    public sealed record Entry(string Kind, Guid Id, DateTime At, string Who, string Text, string? Channel, string? Url, string? Delivery, IReadOnlyList<string>? Labels);

    public sealed record HistoryEvent(Guid Id, string Kind, DateTime At, string? Actor, JsonElement Data);

    public sealed record Customer(IReadOnlyList<Identity> Identities, IReadOnlyList<PastCase> Cases, int Posts);

    public sealed record Identity(Guid AuthorId, string Channel, string Handle, string? DisplayName, int? Followers, string? ProfileUrl);

    public sealed record PastCase(Guid Id, string Status, string Subject, DateTime OpenedAt);

    public static async Task<CaseDetail?> LoadAsync(EarshotDbContext db, Guid id, DateTime now, CancellationToken cancellationToken)
    {
        var @case = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (@case is null)
            return null;
        var item = (await CaseListItem.ForAsync(db, [(@case, (double?)null)], now, cancellationToken))[0];
        var posts = await db.CasePosts.AsNoTracking().Where(cp => cp.CaseId == id)
            .Join(db.Posts, cp => cp.PostId, p => p.Id, (cp, p) => new
            {
                p.Id, p.CreatedAt, p.Text, p.Url, p.Author!.Handle, p.Channel!.Kind,
                Labels = db.Classifications.Where(c => c.PostId == p.Id).Select(c => new { c.Sentiment, c.Intent, c.Severity }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var events = await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        var actorIds = events.Where(e => e.ActorId != null).Select(e => e.ActorId!.Value).Distinct().ToList();
        var actors = await db.Users.AsNoTracking().Where(u => actorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);

        var conversation = posts.Select(p => new Entry("customer", p.Id, p.CreatedAt, "@" + p.Handle, p.Text, p.Kind.WireName(), p.Url, null,
                p.Labels is null ? null : new[] { p.Labels.Sentiment, p.Labels.Intent }.Concat(p.Labels.Severity).ToList()))
            .Concat(events.Where(e => e.Kind is CaseEventKinds.Reply or CaseEventKinds.Note).Select(e =>
            {
                using var data = JsonDocument.Parse(e.DataJson);
                var text = data.RootElement.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "";
                var delivery = data.RootElement.TryGetProperty("delivery", out var d) ? d.GetString() : null;
                var who = e.ActorId is { } actor ? actors.GetValueOrDefault(actor, "?") : "brand (on the channel)";
                return new Entry(e.Kind == CaseEventKinds.Reply ? "agent" : "note", e.Id, e.At, who, text, null, null, delivery, null);
            }))
            .OrderBy(e => e.At).ThenBy(e => e.Kind == "customer" ? 0 : 1)
            .ToList();
        var history = events.Select(e => new HistoryEvent(e.Id, e.Kind, e.At, e.ActorId is { } a ? actors.GetValueOrDefault(a) : null,
            JsonDocument.Parse(e.DataJson).RootElement.Clone())).ToList();
        return new CaseDetail(item, conversation, history, await CustomerAsync(db, @case, cancellationToken), events.LastOrDefault()?.Id)
        {
            Attachments = await Posts.AttachmentView.ForPostsAsync(db, posts.Select(p => p.Id).ToList(), cancellationToken),
        };
    }

    /// <summary>The author and every author linked to the same customer, with their cases and how much they posted.</summary>
    private static async Task<Customer> CustomerAsync(EarshotDbContext db, Case @case, CancellationToken cancellationToken)
    {
        var customerId = await db.CustomerLinks.Where(l => l.AuthorId == @case.AuthorId).Select(l => (Guid?)l.CustomerId).FirstOrDefaultAsync(cancellationToken);
        var authorIds = customerId is { } customer
            ? await db.CustomerLinks.Where(l => l.CustomerId == customer).Select(l => l.AuthorId).ToListAsync(cancellationToken)
            : [@case.AuthorId];
        var identities = await db.Authors.AsNoTracking().Where(a => authorIds.Contains(a.Id))
            .Select(a => new Identity(a.Id, db.Channels.Where(c => c.Id == a.ChannelId).Select(c => c.Name).First(), a.Handle, a.DisplayName, a.Followers, a.ProfileUrl))
            .ToListAsync(cancellationToken);
        var cases = await db.Cases.AsNoTracking().Where(c => authorIds.Contains(c.AuthorId) && c.Id != @case.Id)
            .OrderByDescending(c => c.OpenedAt).Take(20).ToListAsync(cancellationToken);
        var postCount = await db.Posts.CountAsync(p => authorIds.Contains(p.AuthorId), cancellationToken);
        return new Customer(identities, cases.Select(c => new PastCase(c.Id, c.Status.WireName(), c.Subject, c.OpenedAt)).ToList(), postCount);
    }
}
