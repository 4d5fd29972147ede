using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Earshot.Storage.Ingest;

/// <summary>
/// Inserts new entities the way <see cref="StageRows"/> writes labels: one prepared statement re-bound per row,
/// instead of EF Core's command per entity (about 90 µs each on SQLite, most of the case stage's time). The
/// statement is built from the model, so it follows every column the entity gains, and values pass through the
/// model's converters (enum names, UTC times, JSON tag lists) as EF Core would store them.
/// </summary>
public static class EntityRows
{
    private static readonly ConcurrentDictionary<(Type Context, Type Entity), (Statement Statement, Column[] Columns)> Statements = new();

    /// <summary>How to read one column's stored value off an entity.</summary>
    private sealed record Column(IClrPropertyGetter Getter, ValueConverter? Converter)
    {
        public object? ValueOf(object entity)
        {
            var value = Getter.GetClrValueUsingContainingEntity(entity);
            return value is null || Converter is null ? value : Converter.ConvertToProvider(value);
        }
    }

    /// <summary>Inserts the entities on the context's connection (inside its transaction, if one is open).</summary>
    public static async Task InsertAsync<T>(EarshotDbContext db, IReadOnlyCollection<T> entities, CancellationToken cancellationToken) where T : class
    {
        if (entities.Count == 0)
            return;
        var (statement, columns) = Statements.GetOrAdd((db.GetType(), typeof(T)), _ => Build(db.Model, typeof(T)));
        var rows = new List<object?[]>(entities.Count);
        foreach (var entity in entities)
        {
            var values = new object?[columns.Length];
            for (var i = 0; i < columns.Length; i++)
                values[i] = columns[i].ValueOf(entity);
            rows.Add(values);
        }
        await StageRows.InsertAsync(db, statement, rows, cancellationToken);
    }

    private static (Statement, Column[]) Build(IModel model, Type type)
    {
        var entityType = model.FindEntityType(type) ?? throw new ArgumentException($"{type.Name} is not in the model.", nameof(type));
        if (entityType.GetComplexProperties().Any() || entityType.GetNavigations().Any(n => n.TargetEntityType.IsOwned()))
            throw new NotSupportedException($"{type.Name} has columns outside its own properties; insert it through EF Core.");
        var columns = entityType.GetProperties().Where(p => p.GetComputedColumnSql() is null).ToArray();
        if (columns.FirstOrDefault(p => p.IsShadowProperty()) is { } shadow)
            throw new NotSupportedException($"{type.Name}.{shadow.Name} is a shadow property; insert {type.Name} through EF Core.");
        var names = columns.Select(p => p.GetColumnName()).ToArray();
        var quoted = string.Join(", ", names.Select(n => '"' + n + '"'));
        var parameters = string.Join(", ", names.Select(n => "@" + n));
        var sql = $"INSERT INTO \"{entityType.GetTableName()}\" ({quoted}) VALUES ({parameters})";
        return (new Statement(sql, names), [.. columns.Select(p => new Column(p.GetGetter(), p.GetValueConverter() ?? p.GetTypeMapping().Converter))]);
    }
}
