namespace Earshot.Core.Alerts.Detection;

/// <summary>
/// Tail probabilities of the count distributions the detector tests with. Counts may be fractional (the
/// distributions are extended through the incomplete gamma and beta functions), which keeps the tests smooth.
/// Results are computed in log space so that a 1e-300 tail is still ordered correctly.
/// </summary>
public static class CountTails
{
    /// <summary>P(X ≥ k) for X ~ Poisson(mean).</summary>
    public static double PoissonUpper(double k, double mean) => Math.Exp(LogPoissonUpper(k, mean));

    public static double LogPoissonUpper(double k, double mean)
    {
        if (k <= 0) return 0;
        if (mean <= 0) return double.NegativeInfinity;
        // P(X ≥ k) is the regularized lower incomplete gamma P(k, mean).
        return LogGammaP(k, mean);
    }

    /// <summary>P(X ≤ k) for X ~ Poisson(mean).</summary>
    public static double PoissonLower(double k, double mean)
    {
        if (k < 0) return 0;
        if (mean <= 0) return 1;
        // P(X ≤ k) is the regularized upper incomplete gamma Q(k + 1, mean), computed without 1 − P cancellation.
        return Math.Exp(LogGammaQ(Math.Floor(k) + 1, mean));
    }

    /// <summary>
    /// P(X ≥ k) for a negative binomial with the given mean and variance mean + dispersion·mean²;
    /// dispersion 0 is Poisson. Social volume is bursty, so the Poisson tail alone over-alarms.
    /// </summary>
    public static double NegativeBinomialUpper(double k, double mean, double dispersion) =>
        Math.Exp(LogNegativeBinomialUpper(k, mean, dispersion));

    public static double LogNegativeBinomialUpper(double k, double mean, double dispersion)
    {
        if (dispersion <= 1e-9) return LogPoissonUpper(k, mean);
        if (k <= 0) return 0;
        if (mean <= 0) return double.NegativeInfinity;
        var size = 1 / dispersion;
        // P(X ≥ k) = I_p(k, size) with p = mean / (mean + size), the failure probability.
        return LogBetaI(k, size, mean / (mean + size));
    }

    /// <summary>P(X ≥ k) for X ~ Binomial(n, p).</summary>
    public static double BinomialUpper(double k, double n, double p) => Math.Exp(LogBinomialUpper(k, n, p));

    public static double LogBinomialUpper(double k, double n, double p)
    {
        if (k <= 0) return 0;
        if (k > n || p <= 0) return double.NegativeInfinity;
        if (p >= 1) return 0;
        return LogBetaI(k, n - k + 1, p);
    }

    /// <summary>Lanczos approximation (g = 7, 9 terms), accurate to about 15 digits for x > 0.</summary>
    public static double LogGamma(double x)
    {
        if (x < 0.5) return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        x -= 1;
        var sum = Lanczos[0];
        for (var i = 1; i < Lanczos.Length; i++) sum += Lanczos[i] / (x + i);
        var t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7,
    ];

    private const int MaxIterations = 100_000;
    private const double Epsilon = 1e-15;
    private const double Tiny = 1e-300;

    /// <summary>log of the regularized lower incomplete gamma P(a, x).</summary>
    internal static double LogGammaP(double a, double x)
    {
        if (x <= 0) return double.NegativeInfinity;
        var logPrefix = a * Math.Log(x) - x - LogGamma(a);
        if (x < a + 1)
        {
            // Series: P = prefix · Σ x^n / (a (a+1) … (a+n)).
            double term = 1 / a, sum = term;
            for (var n = 1; n < MaxIterations; n++)
            {
                term *= x / (a + n);
                sum += term;
                if (Math.Abs(term) < Math.Abs(sum) * Epsilon) break;
            }
            return logPrefix + Math.Log(sum);
        }
        // Continued fraction for Q = 1 - P (modified Lentz).
        var q = Math.Exp(logPrefix) * GammaContinuedFraction(a, x);
        return Math.Log(Math.Max(1 - q, Tiny));
    }

    /// <summary>log of the regularized upper incomplete gamma Q(a, x) = 1 − P(a, x).</summary>
    internal static double LogGammaQ(double a, double x)
    {
        if (x <= 0) return 0;
        if (x < a + 1) return Math.Log(Math.Max(1 - Math.Exp(LogGammaP(a, x)), Tiny));
        return a * Math.Log(x) - x - LogGamma(a) + Math.Log(GammaContinuedFraction(a, x));
    }

    private static double GammaContinuedFraction(double a, double x)
    {
        var b = x + 1 - a;
        var c = 1 / Tiny;
        var d = 1 / b;
        var h = d;
        for (var i = 1; i < MaxIterations; i++)
        {
            var an = -i * (i - a);
            b += 2;
            var delta = LentzStep(an, b, ref c, ref d);
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon) break;
        }
        return h;
    }

    /// <summary>One step of the modified Lentz method with the next term an / bn: updates c and d and returns h's factor.</summary>
    private static double LentzStep(double an, double bn, ref double c, ref double d)
    {
        d = bn + an * d;
        if (Math.Abs(d) < Tiny) d = Tiny;
        c = bn + an / c;
        if (Math.Abs(c) < Tiny) c = Tiny;
        d = 1 / d;
        return d * c;
    }

    /// <summary>log of the regularized incomplete beta I_x(a, b).</summary>
    internal static double LogBetaI(double a, double b, double x)
    {
        if (x <= 0) return double.NegativeInfinity;
        if (x >= 1) return 0;
        var logPrefix = LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1 - x);
        if (x < (a + 1) / (a + b + 2))
            return logPrefix + Math.Log(BetaContinuedFraction(a, b, x)) - Math.Log(a);
        var complement = Math.Exp(logPrefix) * BetaContinuedFraction(b, a, 1 - x) / b;
        return Math.Log(Math.Max(1 - complement, Tiny));
    }

    private static double BetaContinuedFraction(double a, double b, double x)
    {
        double qab = a + b, qap = a + 1, qam = a - 1;
        var c = 1.0;
        var d = 1 - qab * x / qap;
        if (Math.Abs(d) < Tiny) d = Tiny;
        d = 1 / d;
        var h = d;
        for (var m = 1; m < MaxIterations; m++)
        {
            var m2 = 2 * m;
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            h *= LentzStep(aa, 1, ref c, ref d);
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            var delta = LentzStep(aa, 1, ref c, ref d);
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon) break;
        }
        return h;
    }
}
