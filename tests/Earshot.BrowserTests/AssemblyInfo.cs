using Earshot.BrowserTests;
using Earshot.IntegrationTests.Infrastructure;

[assembly: AssemblyFixture(typeof(BrowserFixture))]
[assembly: AssemblyFixture(typeof(PostgresServer))]
