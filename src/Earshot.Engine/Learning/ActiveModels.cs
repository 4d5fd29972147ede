using Earshot.Core.Understanding.Learning;

namespace Earshot.Engine.Learning;

/// <summary>
/// The promoted trained models, loaded in this process. Reloaded when the re-classification worker picks up a job
/// (every promotion and rollback queues one, also from `earshot train` in another process). A promoted model that
/// cannot be loaded (saved by an earlier version of Earshot) leaves its task to the built-in model and is listed in
/// <see cref="Unloadable"/>, so the Models page can say so.
/// </summary>
public sealed class ActiveModels
{
    private volatile IReadOnlyDictionary<string, (int Version, TextModel Model)> _models = new Dictionary<string, (int, TextModel)>();
    private volatile IReadOnlyDictionary<string, (int Version, string Reason)> _unloadable = new Dictionary<string, (int, string)>();

    public (int Version, TextModel Model)? For(string task) => _models.TryGetValue(task, out var model) ? model : null;

    /// <summary>Promoted models that could not be loaded at the last reload, by task.</summary>
    public IReadOnlyDictionary<string, (int Version, string Reason)> Unloadable => _unloadable;

    public async Task ReloadAsync(EarshotDbContext db, CancellationToken cancellationToken)
    {
        var current = _models;
        var active = await db.TrainedModels.AsNoTracking().Where(m => m.IsActive)
            .Select(m => new { m.Task, m.Version }).ToListAsync(cancellationToken);
        var next = new Dictionary<string, (int, TextModel)>();
        var unloadable = new Dictionary<string, (int, string)>();
        foreach (var model in active.Where(m => LearningTasks.All.Contains(m.Task)))
        {
            if (current.TryGetValue(model.Task, out var loaded) && loaded.Version == model.Version)
            {
                next[model.Task] = loaded;
                continue;
            }
            var content = await db.TrainedModels.Where(m => m.Version == model.Version).Select(m => m.Content).FirstAsync(cancellationToken);
            try
            {
                next[model.Task] = (model.Version, TextModel.Load(content));
            }
            catch (InvalidDataException error)
            {
                unloadable[model.Task] = (model.Version, error.Message);
            }
        }
        (_models, _unloadable) = (next, unloadable);
    }
}
