using Earshot.Core.Alerts.Detection;
using Xunit;

namespace Earshot.Core.Tests.Alerts;

public class CountTailsTests
{
    [Theory]
    [InlineData(5, 1.0, 0.0036598468)] // 1 − Σ_{k<5} e^-1 / k!
    [InlineData(1, 2.0, 0.8646647168)] // 1 − e^-2
    [InlineData(30, 10.0, 2.50995120e-07)] // Σ_{k≥30} e^-10 10^k / k!
    public void PoissonUpper_KnownValues_Match(double k, double mean, double expected) =>
        Assert.Equal(expected, CountTails.PoissonUpper(k, mean), expected * 1e-6);

    [Fact]
    public void BinomialUpper_FairCoin_ThreeOfFiveIsHalf() =>
        Assert.Equal(0.5, CountTails.BinomialUpper(3, 5, 0.5), 1e-9);

    [Fact]
    public void NegativeBinomialUpper_Overdispersed_IsHeavierThanPoisson()
    {
        var poisson = CountTails.PoissonUpper(40, 20);
        var nearlyPoisson = CountTails.NegativeBinomialUpper(40, 20, 1e-6);
        var bursty = CountTails.NegativeBinomialUpper(40, 20, 0.2);

        Assert.Equal(poisson, nearlyPoisson, poisson * 1e-3);
        Assert.True(bursty > 100 * poisson);
    }

    [Fact]
    public void NegativeBinomialUpper_GeometricCase_MatchesClosedForm()
    {
        // Dispersion 1 is geometric: P(X ≥ k) = (mean / (1 + mean))^k.
        Assert.Equal(Math.Pow(3.0 / 4, 6), CountTails.NegativeBinomialUpper(6, 3, 1), 1e-9);
    }

    [Fact]
    public void PoissonLower_ZeroOfThirty_IsTiny() =>
        Assert.Equal(Math.Exp(-30), CountTails.PoissonLower(0, 30), Math.Exp(-30) * 1e-9);
}
