namespace Marketpilot.Connectors.Simulator;

/// <summary>Deterministic sampling helpers over <see cref="Random"/>.</summary>
internal static class SimulationRandom
{
    // SplitMix64: a stable mix of the seed and the day, unlike HashCode.Combine which changes per process.
    public static int DaySeed(int seed, int day)
    {
        var z = unchecked(((ulong)(uint)seed << 32) ^ (uint)day) + 0x9E3779B97F4A7C15UL;
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)(z ^ (z >> 31));
    }

    // A string's hash that is the same in every process (string.GetHashCode is randomised per process).
    public static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }

    public static double Between(this Random random, double min, double max) => min + (random.NextDouble() * (max - min));

    public static double Gaussian(this Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public static long Poisson(this Random random, double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        if (mean > 30)
        {
            return Math.Max(0, (long)Math.Round(mean + (Math.Sqrt(mean) * random.Gaussian())));
        }

        var limit = Math.Exp(-mean);
        long count = 0;
        var product = random.NextDouble();
        while (product > limit)
        {
            count++;
            product *= random.NextDouble();
        }

        return count;
    }

    public static long Binomial(this Random random, long trials, double probability)
    {
        if (trials <= 0 || probability <= 0)
        {
            return 0;
        }

        if (probability >= 1)
        {
            return trials;
        }

        if (trials <= 40)
        {
            long hits = 0;
            for (var i = 0; i < trials; i++)
            {
                if (random.NextDouble() < probability)
                {
                    hits++;
                }
            }

            return hits;
        }

        var mean = trials * probability;
        if (mean < 15)
        {
            return Math.Min(trials, random.Poisson(mean));
        }

        var deviation = Math.Sqrt(mean * (1 - probability));
        return Math.Clamp((long)Math.Round(mean + (deviation * random.Gaussian())), 0, trials);
    }
}
