using Earshot.Core.Cases;

namespace Earshot.Api;

/// <summary>`/api/customers/link`: says that several authors (on any channels) are one customer, so an agent sees their whole history.</summary>
public static class CustomersApi
{
    public static void MapCustomersApi(this WebApplication app)
    {
        app.MapPost("/api/customers/link", LinkAsync).RequireAuthorization(AccessServices.WorkCases).WithTags("Customers").WithName("LinkCustomer")
            .WithDescription("Links two or more authors into one customer (joining any customers they already belong to); returns the customer id.");
    }

    public sealed record LinkBody(IReadOnlyList<Guid>? AuthorIds);

    private static async Task<IResult> LinkAsync(LinkBody body, EarshotDbContext db, AccessScope scope, CancellationToken cancellationToken)
    {
        var ids = (body.AuthorIds ?? []).Distinct().ToList();
        if (ids.Count < 2)
            return ApiProblems.Field("author_ids", new Phrase("name at least two authors to link"));
        var authors = await db.Authors.Where(a => ids.Contains(a.Id))
            .Join(db.Channels, a => a.ChannelId, c => c.Id, (a, c) => new { a.Id, c.WorkspaceId }).ToListAsync(cancellationToken);
        var visible = await scope.WorkspaceIdsAsync(cancellationToken);
        if (authors.Count != ids.Count || (visible is not null && authors.Any(a => !visible.Contains(a.WorkspaceId))))
            return ApiProblems.Field("author_ids", new Phrase("every author must exist in one of your workspaces"), 404);
        if (authors.Select(a => a.WorkspaceId).Distinct().Count() > 1)
            return ApiProblems.Field("author_ids", new Phrase("authors of different workspaces cannot be one customer"));
        var existing = await db.CustomerLinks.Where(l => ids.Contains(l.AuthorId)).ToListAsync(cancellationToken);
        var customerId = existing.Select(l => l.CustomerId).Order().FirstOrDefault(Guid.CreateVersion7());
        // Joining two customers: everyone linked to either becomes the one customer.
        var merging = existing.Select(l => l.CustomerId).Where(c => c != customerId).Distinct().ToList();
        await db.CustomerLinks.Where(l => merging.Contains(l.CustomerId)).ExecuteUpdateAsync(s => s.SetProperty(l => l.CustomerId, customerId), cancellationToken);
        foreach (var id in ids.Where(id => existing.All(l => l.AuthorId != id)))
            db.CustomerLinks.Add(new CustomerLink { AuthorId = id, CustomerId = customerId });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new { customer_id = customerId, authors = await db.CustomerLinks.CountAsync(l => l.CustomerId == customerId, cancellationToken) });
    }
}
