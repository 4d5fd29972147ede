using Earshot.Connectors;
using Earshot.Connectors.Setup;
using Earshot.Core.Posts;
using Earshot.Engine.Channels;
using Microsoft.Extensions.Localization;

namespace Earshot.Ui.Channels;

/// <summary>
/// Channels and their health: a stalled or failing connector is the first thing a lead should see. Leads and admins
/// add, change, pause, resume and remove channels here; the form is drawn from <see cref="ChannelSetups"/> and posts to `/api/channels`,
/// so the page, the API and the CLI follow one set of rules.
/// </summary>
public sealed class IndexModel(ChannelRegistry registry, EarshotDbContext db, AccessScope scope, IStringLocalizer<ChannelsStrings> strings,
    IStringLocalizer<ChannelSetupStrings> setupStrings) : PageModel
{
    // Without values a string is returned as written: a "{0}" in it is filled in by the page's script.
    public string Text(string key, params object[] values) => values.Length == 0 ? strings[key] : strings[key, values];

    // ChannelSetups says what each kind is in English, for the CLI and the API as well; the page reads the reader's
    // language by "{kind}.{field}" (field "Title", "Description", "NameHelp", "{setting}.Label", "{setting}.Help"),
    // and a key missing from the resources shows that English rather than the key.
    public string SetupText(ChannelSetup setup, string field, string english) =>
        setupStrings[setup.Kind.WireName() + "." + field] is { ResourceNotFound: false } text ? text.Value : english;

    public IReadOnlyList<ChannelRegistry.Listed> Channels { get; private set; } = [];

    public IReadOnlyList<string> Workspaces { get; private set; } = [];

    public IReadOnlyList<ChannelSetup> Kinds => ChannelSetups.All;

    public bool CanManage => Core.Workspaces.Roles.CanManage(scope.Role);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var visible = await scope.WorkspaceIdsAsync(cancellationToken);
        Workspaces = await db.Workspaces.AsNoTracking().Where(w => visible == null || visible.Contains(w.Id))
            .OrderBy(w => w.Name).Select(w => w.Name).ToListAsync(cancellationToken);
        Channels = (await registry.ListAsync(cancellationToken)).Where(c => visible is null || Workspaces.Contains(c.Workspace)).ToList();
    }

    /// <summary>The form input for a setting: secrets never echo what is typed.</summary>
    public static string InputType(ChannelSetting setting) => setting switch
    {
        { Secret: true } => "password",
        { Type: SettingType.Url } => "url",
        { Type: SettingType.Integer } => "number",
        { Type: SettingType.Boolean } => "checkbox",
        _ => "text",
    };
}
