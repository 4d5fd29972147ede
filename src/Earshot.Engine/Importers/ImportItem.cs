using Earshot.Core.Posts;

namespace Earshot.Engine.Importers;

/// <summary>One record of an import file: a post to store, or the reason the record was refused.</summary>
public readonly record struct ImportItem(long Line, IncomingPost? Post, string? Workspace, string? Error)
{
    public static ImportItem Accepted(long line, IncomingPost post, string? workspace = null) => new(line, post, workspace, null);

    public static ImportItem Rejected(long line, string error) => new(line, null, null, error);
}

public enum ImportFormat
{
    Jsonl,
    Airline,
    Twcs,
}

/// <summary>The file is not in the format it claims (or that was asked for): the import stops before storing anything.</summary>
public sealed class ImportFormatException(string message) : Exception(message);
