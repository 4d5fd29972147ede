using System.Net;
using Earshot.IntegrationTests.Infrastructure;
using Earshot.Reports;
using Earshot.Ui.Reports;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Earshot.IntegrationTests.Reports;

/// <summary>The fairness page as a new lead reads it: a headline that is a sentence, and a period it says it did not use.</summary>
public sealed class FairnessPageTests(PostgresServer postgres)
{
    private static readonly IStringLocalizer<ReportsStrings> Strings = new StringLocalizer<ReportsStrings>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));

    [Fact]
    public void The_headline_names_the_tiers_it_compares_or_says_there_are_too_few_cases()
    {
        Assert.Equal("Parity: the slowest tier (<100) waits 4.00× as long as the fastest (>=10k) for a first response; "
            + "the lowest answer rate is 0.83 of the highest (1.00 = equal).",
            FairnessModel.ParitySentence(new FairnessReport.Parity(4.0, 0.83, "<100", ">=10k"), Strings));
        var empty = FairnessModel.ParitySentence(new FairnessReport.Parity(null, null, null, null), Strings);
        Assert.Equal($"Parity: too few answered cases to compare response times (each tier needs {FairnessReport.MinimumForParity}).", empty);
        Assert.DoesNotContain("×", empty, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("99999")]
    public async Task A_period_that_is_not_1_to_3650_days_is_named_and_the_default_shown(string days)
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres);
        var pages = await app.PagesAsync();

        var response = await pages.GetAsync($"/reports/fairness?days={Uri.EscapeDataString(days)}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"&quot;{days}&quot; is not a number of days from 1 to 3650; showing the last 30 days.", html, StringComparison.Ordinal);
        Assert.Contains("name=\"days\" type=\"number\" min=\"1\" max=\"3650\" value=\"30\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("days-error", await pages.GetStringAsync("/reports/fairness?days=7"), StringComparison.Ordinal);
    }
}
