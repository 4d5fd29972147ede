using Earshot.Channels.Connectors;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Earshot.Ui.Channels;

/// <summary>Channels and their health: a stalled or failing connector is the first thing a lead should see.</summary>
public sealed class IndexModel(ChannelRegistry registry) : PageModel
{
    public IReadOnlyList<ChannelRegistry.Listed> Channels { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Channels = await registry.ListAsync(cancellationToken);
}
