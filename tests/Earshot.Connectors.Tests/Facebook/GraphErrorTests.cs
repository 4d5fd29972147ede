using Earshot.Connectors.Facebook;
using Xunit;

namespace Earshot.Connectors.Tests.Facebook;

public sealed class GraphErrorTests
{
    [Theory]
    [InlineData("graph_error_rate_limit_code4.json", 4, true)]
    [InlineData("graph_error_permissions_code200.json", 200, false)]
    [InlineData("graph_error_token_expired_code190.json", 190, false)]
    public void Parse_Fixtures_ThrottlingIsRetryable(string file, int code, bool retryable)
    {
        var error = GraphError.Parse(Fixtures.Text("facebook", file), 400);

        Assert.Equal((code, retryable), (error.Code, error.Retryable));
        Assert.NotEmpty(error.Message);
    }

    [Theory]
    [InlineData(17, true)]
    [InlineData(32, true)]
    [InlineData(613, true)]
    [InlineData(80001, true)]
    [InlineData(100, false)]
    public void IsThrottling_DocumentedCodes(int code, bool throttling) => Assert.Equal(throttling, GraphError.IsThrottling(code));

    [Fact]
    public void Parse_HtmlFromAProxy_RetryableOnlyFor5xx()
    {
        Assert.True(GraphError.Parse("<html>bad gateway</html>", 502).Retryable);
        Assert.False(GraphError.Parse("<html>nope</html>", 404).Retryable);
    }
}
