using System.Text.Json;
using Earshot.Posts;
using Earshot.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Earshot.Ui.Posts;

public sealed class PostModel(EarshotDbContext db) : PageModel
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public PostDetail Detail { get; private set; } = null!;

    public string RawJson => JsonSerializer.Serialize(Detail.RawPayload, Indented);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var detail = await PostDetail.LoadAsync(db, id, cancellationToken);
        if (detail is null)
            return NotFound();
        Detail = detail;
        return Page();
    }
}
