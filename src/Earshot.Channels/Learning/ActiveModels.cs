using Earshot.Core.Understanding.Learning;
using Earshot.Storage;
using Microsoft.EntityFrameworkCore;

namespace Earshot.Channels.Learning;

/// <summary>
/// The promoted trained models, loaded in this process. Reloaded when the re-classification worker picks up a job
/// (every promotion and rollback queues one, also from `earshot train` in another process).
/// </summary>
public sealed class ActiveModels
{
    private volatile IReadOnlyDictionary<string, (int Version, TextModel Model)> _models = new Dictionary<string, (int, TextModel)>();

    public (int Version, TextModel Model)? For(string task) => _models.TryGetValue(task, out var model) ? model : null;

    public async Task ReloadAsync(EarshotDbContext db, CancellationToken cancellationToken)
    {
        var current = _models;
        var active = await db.TrainedModels.AsNoTracking().Where(m => m.IsActive)
            .Select(m => new { m.Task, m.Version }).ToListAsync(cancellationToken);
        var next = new Dictionary<string, (int, TextModel)>();
        foreach (var model in active.Where(m => LearningTasks.All.Contains(m.Task)))
        {
            if (current.TryGetValue(model.Task, out var loaded) && loaded.Version == model.Version)
            {
                next[model.Task] = loaded;
                continue;
            }
            var content = await db.TrainedModels.Where(m => m.Version == model.Version).Select(m => m.Content).FirstAsync(cancellationToken);
            next[model.Task] = (model.Version, TextModel.Load(content));
        }
        _models = next;
    }
}
