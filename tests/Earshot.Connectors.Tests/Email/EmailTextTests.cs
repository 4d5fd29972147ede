using Earshot.Connectors.Email;
using Xunit;

namespace Earshot.Connectors.Tests.Email;

public sealed class EmailTextTests
{
    [Theory]
    [InlineData("Thanks, that worked.\n\nOn Mon, Nov 2, 2026 at 10:00 AM Support <support@brand.example> wrote:\n> Try restarting.\n> Best", "Thanks, that worked.")]
    [InlineData("Thanks.\n\nOn Mon, Nov 2, 2026 at 10:00 AM Brand Support <support@brand.example>\nwrote:\n> Try restarting.", "Thanks.")]
    [InlineData("Danke!\n\nAm 02.11.2026 um 10:00 schrieb Support <support@brand.example>:\n> Hallo", "Danke!")]
    [InlineData("No luck.\n\n-----Original Message-----\nFrom: Support\nSent: Monday\n\nTry again", "No luck.")]
    [InlineData("No luck.\n\n________________________________\nFrom: Support <support@brand.example>\nSent: Monday, November 2, 2026 10:00\nTo: Ana\n\nTry again", "No luck.")]
    [InlineData("Where is it?\n\n-- \nAna Silva\nCEO", "Where is it?")]
    [InlineData("> Did you restart?\nYes, twice.\n> And then?\nStill broken.", "> Did you restart?\nYes, twice.\n> And then?\nStill broken.")]
    [InlineData("> only a quote", "> only a quote")]
    public void WithoutQuotedHistory_Cases(string body, string expected) => Assert.Equal(expected, EmailText.WithoutQuotedHistory(body));

    [Fact]
    public void WithoutQuotedHistory_CrLf_Normalised() =>
        Assert.Equal("Hi", EmailText.WithoutQuotedHistory("Hi\r\n\r\n> old\r\n"));
}
