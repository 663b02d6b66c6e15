using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Shops;
using Microsoft.Extensions.Configuration;

namespace Marketpilot.Sdk.Conformance;

/// <summary>Learning, from the factory's own refusals, which settings it needs.</summary>
public sealed partial class ConnectorFactoryConformance
{
    private const string SettingsSection = "Settings";
    private const string CredentialsSection = "Credentials";

    private async Task<FactoryProbe> ProbeAsync(string stateDirectory, string placeholderUrl, CancellationToken cancellationToken)
    {
        var probe = new FactoryProbe();
        for (var round = 0; round < MaxRounds; round++)
        {
            Exception? refusal;
            try
            {
                probe.Connector = await CreateAsync(PlaceholderShop(probe.Supplied, stateDirectory, placeholderUrl), cancellationToken).ConfigureAwait(false);
                probe.NamedKey |= round > 0;
                await DropUnneededKeysAsync(probe, stateDirectory, placeholderUrl, cancellationToken).ConfigureAwait(false);
                return probe;
            }
            catch (TimeoutException)
            {
                probe.Problem = $"Create did not return within {_options.CreateTimeout.TotalSeconds:0.#} s; it must not call the marketplace";
                return probe;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                refusal = ex;
            }

            if (refusal.ToString().Contains(_marker, StringComparison.Ordinal))
            {
                probe.Problem = $"the {refusal.GetType().Name} Create threw repeats a value it was given (keys set: {Describe(probe.Supplied.Keys)}); name the key, never its value";
                return probe;
            }

            if (refusal is not ArgumentException)
            {
                probe.Problem = $"Create threw {refusal.GetType().Name} ({refusal.Message}) for {(round == 0 ? "empty settings" : $"placeholder settings ({Describe(probe.Supplied.Keys)})")}; throw an ArgumentException naming the key";
                return probe;
            }

            probe.FirstRefusal ??= refusal.Message;
            probe.NamedKey |= round > 0 && refusal.Message != probe.FirstRefusal;
            probe.LastRefusal = refusal.Message;
            if (!SupplyNamedKeys(refusal.Message, probe.Supplied))
            {
                return probe;
            }
        }

        return probe;
    }

    // The refusals' other words were supplied too; a key whose removal still lets Create succeed was not needed.
    private async Task DropUnneededKeysAsync(FactoryProbe probe, string stateDirectory, string placeholderUrl, CancellationToken cancellationToken)
    {
        foreach (var key in probe.Supplied.Keys.ToList())
        {
            var tier = probe.Supplied[key];
            probe.Supplied.Remove(key);
            try
            {
                await DisposeAsync(await CreateAsync(PlaceholderShop(probe.Supplied, stateDirectory, placeholderUrl), cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                probe.Supplied[key] = tier;
                if (ex.ToString().Contains(_marker, StringComparison.Ordinal))
                {
                    probe.Problem = $"the {ex.GetType().Name} Create threw without {key} repeats a value it was given; name the key, never its value";
                    return;
                }
            }
        }
    }

    private async Task<IMarketplaceConnector> CreateAsync(ShopConnection shop, CancellationToken cancellationToken)
    {
        var create = Task.Run(() => _factory.Create(shop) ?? throw new InvalidOperationException("Create returned null"), cancellationToken);
        return await create.WaitAsync(_options.CreateTimeout, cancellationToken).ConfigureAwait(false);
    }

    // Each key-like word of the refusal gets the next placeholder: a word under Settings: or Credentials: goes to that
    // section, any other word to both. Returns false when nothing changed, so the answer cannot change either.
    private static bool SupplyNamedKeys(string message, Dictionary<string, int> supplied)
    {
        var changed = false;
        foreach (var word in KeyLikeWords().Matches(message).Select(m => m.Value).Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxKeysPerAnswer))
        {
            foreach (var key in SectionKeys(word))
            {
                var tier = supplied.GetValueOrDefault(key, -1);
                if (tier < 2)
                {
                    supplied[key] = tier + 1;
                    changed = true;
                }
            }
        }

        return changed;
    }

    private static IEnumerable<string> SectionKeys(string word)
    {
        foreach (var section in new[] { SettingsSection, CredentialsSection })
        {
            var at = word.LastIndexOf(section + ":", StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                return [$"{section}:{word[(at + section.Length + 1)..]}"];
            }
        }

        return word.Equals(SettingsSection, StringComparison.OrdinalIgnoreCase) || word.Equals(CredentialsSection, StringComparison.OrdinalIgnoreCase)
            ? []
            : [$"{SettingsSection}:{word}", $"{CredentialsSection}:{word}"];
    }

    private ShopConnection PlaceholderShop(Dictionary<string, int> supplied, string stateDirectory, string placeholderUrl)
    {
        var values = supplied.ToDictionary(p => p.Key, p => (string?)(p.Value switch { 0 => _marker, 1 => placeholderUrl, _ => "1" }));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new ShopConnection
        {
            Marketplace = SafeMarketplace(),
            ShopId = "conformance",
            Currency = _options.Currency,
            Settings = configuration.GetSection(SettingsSection),
            Credentials = configuration.GetSection(CredentialsSection),
            StateDirectory = stateDirectory,
        };
    }

    private sealed class FactoryProbe
    {
        /// <summary>Each key set so far (<c>Settings:X</c>, <c>Credentials:X</c>) and which placeholder it holds.</summary>
        public Dictionary<string, int> Supplied { get; } = new(StringComparer.OrdinalIgnoreCase);

        public string? FirstRefusal { get; set; }

        public string? LastRefusal { get; set; }

        public bool NamedKey { get; set; }

        public IMarketplaceConnector? Connector { get; set; }

        public string? Problem { get; set; }
    }
}
