using System.Globalization;
using System.Text;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Earshot.IntegrationTests.Learning;

/// <summary>`earshot train --from-csv`, `earshot models list|rollback` and `earshot eval --model trained` as a user runs them.</summary>
public sealed class TrainingFromTheCommandLineTests(PostgresServer postgres)
{
    [Fact]
    public async Task TrainFromCsv_ModelsListRollbackAndEval_AgreeWithEachOther()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite, postgres);
        var csv = Path.Combine(Path.GetTempPath(), $"earshot-labels-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv, Csv());
        try
        {
            var trained = await EarshotProcess.RunAsync("train", "--task", "intent", "--from-csv", csv, "--text-column", "text", "--label-column", "intent",
                "--min-labels", "30", "--db", database.DbArgument);
            var again = await EarshotProcess.RunAsync("train", "--task", "intent", "--from-csv", csv, "--text-column", "text", "--label-column", "intent",
                "--min-labels", "30", "--db", database.DbArgument);
            var rolledBack = await EarshotProcess.RunAsync("models", "rollback", "2", "--db", database.DbArgument);
            var listed = await EarshotProcess.RunAsync("models", "list", "--db", database.DbArgument);
            var evaluated = await EarshotProcess.RunAsync("eval", csv, "--task", "complaint", "--text-column", "text", "--label-column", "complaint",
                "--model", "trained", "--json", "--db", database.DbArgument);
            var crossValidated = await EarshotProcess.RunAsync("eval", csv, "--task", "complaint", "--text-column", "text", "--label-column", "complaint",
                "--model", "trained", "--cv", "3");
            var badLabel = await EarshotProcess.RunAsync("train", "--task", "sentiment", "--from-csv", csv, "--text-column", "text", "--label-column", "intent",
                "--db", database.DbArgument);

            Assert.Equal(0, trained.ExitCode);
            Assert.Contains("intent model v1: accuracy 1.000", trained.Output, StringComparison.Ordinal);
            Assert.Contains("promoted", trained.Output, StringComparison.Ordinal);
            Assert.Contains("kept as a candidate (not better)", again.Output, StringComparison.Ordinal);
            Assert.Equal(0, rolledBack.ExitCode);
            Assert.Matches(@"v1\s+intent\s+accuracy", listed.Output);
            Assert.Matches(@"v2\s+intent\s+active", listed.Output);
            Assert.Equal(0, evaluated.ExitCode);
            Assert.Contains("\"accuracy\":1", evaluated.Output, StringComparison.Ordinal);
            Assert.Equal(0, crossValidated.ExitCode);
            Assert.Contains("3-fold cross-validation", crossValidated.Output, StringComparison.Ordinal);
            Assert.Equal(1, badLabel.ExitCode);
            Assert.Contains("line 2: 'complaint' is not a sentiment label", badLabel.Error, StringComparison.Ordinal);

            // A promoted model saved by an earlier version (an ML.NET zip) is named, not a crash.
            await using (var db = database.Target.CreateContext())
            {
                var active = await db.TrainedModels.SingleAsync(m => m.IsActive);
                active.Content = [0x50, 0x4B, 0x03, 0x04];
                await db.SaveChangesAsync();
            }
            var earlierFormat = await EarshotProcess.RunAsync("eval", csv, "--task", "complaint", "--text-column", "text", "--label-column", "complaint",
                "--model", "trained", "--db", database.DbArgument);
            Assert.Equal(2, earlierFormat.ExitCode);
            Assert.Contains("the promoted intent model v2 cannot be used: not a text model of this version of Earshot", earlierFormat.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(csv);
        }
    }

    /// <summary>A house taxonomy by reference code, which the built-in model cannot know.</summary>
    private static string Csv()
    {
        var text = new StringBuilder("text,intent,complaint\n");
        var codes = new[] { ("ZX", "complaint"), ("QV", "question"), ("PW", "praise") };
        for (var i = 0; i < 60; i++)
        {
            var (code, intent) = codes[i % 3];
            text.Append(CultureInfo.InvariantCulture, $"\"ref {code}-{i} ticket {code.ToLowerInvariant()} batch\",{intent},{(intent == "complaint" ? "complaint" : "other")}\n");
        }
        return text.ToString();
    }
}
