using System.Collections.Immutable;
using Marketpilot.Scripting.Metadata;
using Marketpilot.Sdk.Rules;
using Microsoft.Extensions.Logging;

namespace Marketpilot.Scripting;

// The operators' overrides of rule headers and the daily firing cap: one effective metadata per rule, computed here.
public sealed partial class RuleCatalog
{
    private IReadOnlyDictionary<string, RuleSettings>? _appliedSettings;

    private RuleSettings? SettingsOf(string ruleId) =>
        Volatile.Read(ref _appliedSettings) is { } applied && applied.TryGetValue(ruleId, out var overrides) && !overrides.IsEmpty ? overrides : null;

    private static RuleMetadata EffectiveMetadataOf(RuleCompilation compilation) => compilation.Compiled?.Metadata ?? compilation.Metadata;

    // Runs under _gate. The effective metadata is installed on the compiled rule, which both the in-process evaluation and
    // the worker pool ask whether a SKU is admitted, so an override reaches every path at once.
    private void ApplySettings(ImmutableSortedDictionary<string, RuleCompilation> compilations)
    {
        var current = settings?.Current;
        foreach (var compilation in compilations.Values)
        {
            if (compilation.Compiled is not { } compiled)
            {
                continue;
            }

            var effective = compilation.Metadata;
            if (current is not null && current.TryGetValue(compilation.Rule.Id, out var overrides) && !overrides.IsEmpty)
            {
                (effective, var errors) = overrides.ApplyTo(compilation.Metadata);
                foreach (var (field, message) in errors)
                {
                    LogSettingIgnored(compilation.Rule.Id, field, message);
                }
            }

            compiled.Metadata = effective;
        }

        Volatile.Write(ref _appliedSettings, current);
    }

    // A reference comparison per evaluation: the source hands out a new dictionary only when an override changed.
    private void RefreshSettings()
    {
        if (settings is null || ReferenceEquals(settings.Current, Volatile.Read(ref _appliedSettings)))
        {
            return;
        }

        lock (_gate)
        {
            if (!ReferenceEquals(settings.Current, _appliedSettings))
            {
                ApplySettings(_compilations);
            }
        }
    }

    private async Task<RuleRun> WithinFiringCapAsync(RuleRun run, RuleGlobals globals, CancellationToken cancellationToken)
    {
        if (run.Outcome != RuleOutcome.Fired
            || firings is null
            || !Volatile.Read(ref _compilations).TryGetValue(run.Rule.Id, out var compilation)
            || EffectiveMetadataOf(compilation).MaxFiringsPerDay is not { } cap
            || await firings.TryTakeAsync(run.Rule, globals.Sku.Key, globals.Now, cap, cancellationToken).ConfigureAwait(false))
        {
            return run;
        }

        // Past the cap the firing proposes nothing and counts as a run without action: no cooldown starts from it.
        return new RuleRun(run.Rule, RuleOutcome.NoAction, [], run.Messages, null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rule {RuleId}: the {Field} set through the API no longer reads and is ignored; the header's applies: {Reason}")]
    private partial void LogSettingIgnored(string ruleId, string field, string reason);
}
