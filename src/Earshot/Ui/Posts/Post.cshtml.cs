using System.Text.Json;
using Earshot.Posts;
using Earshot.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Earshot.Ui.Posts;

public sealed class PostModel(EarshotDbContext db, Access.AccessScope scope) : PageModel
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public PostDetail Detail { get; private set; } = null!;

    public string RawJson => JsonSerializer.Serialize(Detail.RawPayload, Indented);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var owner = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
            db.Posts.Where(p => p.Id == id).Select(p => (Guid?)p.WorkspaceId), cancellationToken);
        var detail = owner is { } workspaceId && await scope.AllowsAsync(workspaceId, cancellationToken) ? await PostDetail.LoadAsync(db, id, cancellationToken) : null;
        if (detail is null)
            return NotFound();
        Detail = detail;
        return Page();
    }
}
