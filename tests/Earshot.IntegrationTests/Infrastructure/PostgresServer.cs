using Earshot.Storage.Postgres;
using Earshot.Testing;

namespace Earshot.IntegrationTests.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL cluster for the whole test run; each test creates its own database in it. Where no
/// PostgreSQL binaries are installed the PostgreSQL tests skip with <see cref="UnavailableReason"/>.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly ThrowawayCluster _cluster = new();

    public string? UnavailableReason => _cluster.UnavailableReason;

    public async ValueTask InitializeAsync() => await _cluster.StartAsync();

    public Task<string> CreateDatabaseAsync() => _cluster.CreateDatabaseAsync();

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();
}
