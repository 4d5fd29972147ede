using Earshot.IntegrationTests.Infrastructure;

[assembly: AssemblyFixture(typeof(PostgresServer))]
