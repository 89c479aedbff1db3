namespace ResearchKit.Projection;

/// <summary>
/// The low-dimensional similarity 1 / (1 + a d^(2b)) that UMAP fits to its target curve: 1 up to <c>minDist</c>,
/// then exp(-(d - minDist) / spread). Fitted by damped Gauss-Newton on 300 points over [0, 3 spread], as the paper does
/// by least squares. For minDist 0.1 and spread 1 this gives a of about 1.58 and b of about 0.90.
/// </summary>
public readonly record struct UmapCurve(double A, double B)
{
    public static UmapCurve Fit(double minDist, double spread)
    {
        if (!(spread > 0) || minDist < 0 || minDist > spread)
            throw new ArgumentOutOfRangeException(nameof(minDist), $"need 0 <= min_dist <= spread and spread > 0; got min_dist={minDist}, spread={spread}.");
        const int samples = 300;
        var xs = new double[samples];
        var ys = new double[samples];
        for (var i = 0; i < samples; i++)
        {
            xs[i] = 3 * spread * i / (samples - 1);
            ys[i] = xs[i] < minDist ? 1 : Math.Exp(-(xs[i] - minDist) / spread);
        }
        double a = 1, b = 1, damping = 1e-3;
        var loss = Loss(a, b);
        for (var iter = 0; iter < 200; iter++)
        {
            // Normal equations of the 2-parameter least squares, Levenberg-damped.
            double jaa = 0, jab = 0, jbb = 0, ga = 0, gb = 0;
            for (var i = 1; i < samples; i++)
            {
                var x2b = Math.Pow(xs[i], 2 * b);
                var q = 1 + a * x2b;
                var r = 1 / q - ys[i];
                var da = -x2b / (q * q);
                var db = -a * x2b * 2 * Math.Log(xs[i]) / (q * q);
                jaa += da * da; jab += da * db; jbb += db * db; ga += da * r; gb += db * r;
            }
            var m00 = jaa * (1 + damping); var m11 = jbb * (1 + damping);
            var det = m00 * m11 - jab * jab;
            if (Math.Abs(det) < 1e-300) break;
            var stepA = -(m11 * ga - jab * gb) / det;
            var stepB = -(m00 * gb - jab * ga) / det;
            var next = Loss(a + stepA, b + stepB);
            if (next < loss && a + stepA > 0 && b + stepB > 0)
            {
                a += stepA; b += stepB;
                var improved = loss - next;
                loss = next;
                damping = Math.Max(damping / 10, 1e-9);
                if (improved < 1e-14) break;
            }
            else damping *= 10;
        }
        return new UmapCurve(a, b);

        double Loss(double a, double b)
        {
            double s = 0;
            for (var i = 0; i < samples; i++)
            {
                var r = 1 / (1 + a * Math.Pow(xs[i], 2 * b)) - ys[i];
                s += r * r;
            }
            return s;
        }
    }
}
