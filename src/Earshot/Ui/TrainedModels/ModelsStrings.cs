namespace Earshot.Ui.TrainedModels;

/// <summary>The models page's words, in ModelsStrings.resx (and its translations beside it).</summary>
public sealed class ModelsStrings;
