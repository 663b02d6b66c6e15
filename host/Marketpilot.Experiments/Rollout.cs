using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Experiments;

/// <summary>
/// A rule's rollout: the share of SKUs in its test arm. Each SKU's arm is a hash of the rule id and the SKU's key, so it
/// is the same on every silo, after every restart and in backtests and the demo, needs no stored assignment, and is
/// independent between rules (a SKU in one rule's control group is not more likely to be in another's).
/// </summary>
/// <param name="Percent">The share of SKUs in the test arm, in percent: above 0, at most 100, in steps of 0.01.</param>
public sealed record Rollout(decimal Percent)
{
    private const int Buckets = 10_000;

    /// <summary>Every SKU in the test arm: no control group.</summary>
    public static Rollout Everyone { get; } = new(100m);

    /// <summary>Whether this rollout keeps a control group.</summary>
    public bool HasControl => Percent < 100m;

    /// <summary>Reads <c>15%</c>, <c>15</c> or <c>12.5%</c>.</summary>
    /// <param name="text">The percentage.</param>
    /// <returns>The rollout.</returns>
    /// <exception cref="FormatException">Not a percentage above 0 and at most 100 with at most two decimals.</exception>
    public static Rollout Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var number = text.Trim().TrimEnd('%').TrimEnd();
        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent)
            || percent <= 0 || percent > 100 || decimal.Round(percent, 2) != percent)
        {
            throw new FormatException($"'{text}' is not a rollout percentage; write a share of SKUs above 0 and at most 100, for example 15%");
        }

        return new Rollout(percent);
    }

    /// <summary>The arm of <paramref name="sku"/> in the rollout of rule <paramref name="ruleId"/>.</summary>
    /// <param name="ruleId">The rule id.</param>
    /// <param name="sku">The SKU.</param>
    /// <returns><see cref="ExperimentArm.Test"/> for a share of <see cref="Percent"/> of SKUs, <see cref="ExperimentArm.Control"/> for the rest.</returns>
    /// <remarks>Without a control arm every SKU is in the test arm and nothing is hashed: the rule round asks this once per rule per evaluation.</remarks>
    public ExperimentArm ArmOf(string ruleId, SkuKey sku) =>
        !HasControl || Bucket(ruleId, sku) < (int)(Percent * (Buckets / 100)) ? ExperimentArm.Test : ExperimentArm.Control;

    /// <inheritdoc/>
    public override string ToString() => Percent.ToString("0.##", CultureInfo.InvariantCulture) + "%";

    // SHA-256 rather than string.GetHashCode (randomised per process) or a home-made hash: stable across runtimes and
    // well mixed, and a SKU is hashed once per rule per evaluation.
    internal static int Bucket(string ruleId, SkuKey sku)
    {
        ArgumentNullException.ThrowIfNull(ruleId);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{ruleId}\n{sku.Marketplace}\n{sku.ShopId}\n{sku.Sku}"), hash);
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % Buckets);
    }
}
