using System.Globalization;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Sdk.Conformance;

/// <summary>
/// Exercises an <see cref="IMarketplaceConnector"/> against its contract and reports each check by name
/// (<see cref="ConformanceCheckNames.Connector"/>). Framework-neutral: the TestKit's <c>ConnectorConformanceTests</c> and
/// <c>marketpilot plugins verify</c> run the same checks.
/// </summary>
/// <remarks>
/// A check never throws for what the connector does: an exception, a hang past
/// <see cref="ConnectorConformanceOptions.CallTimeout"/> or a wrong answer is a <see cref="ConformanceOutcome.Failed"/>
/// result naming what went wrong. Idempotency keys are unique per run (<c>conformance-&lt;run&gt;-&lt;n&gt;</c>), so the
/// checks may run against a connector that is already in use.
/// </remarks>
/// <param name="createConnector">Returns the connector to check; called once per check (it may return the same instance).</param>
/// <param name="options">How to exercise it; <see langword="null"/> for the defaults.</param>
public sealed class ConnectorConformance(Func<IMarketplaceConnector> createConnector, ConnectorConformanceOptions? options = null)
{
    private readonly Func<IMarketplaceConnector> _createConnector = createConnector ?? throw new ArgumentNullException(nameof(createConnector));
    private readonly ConnectorConformanceOptions _options = options ?? new();
    private readonly string _run = Guid.NewGuid().ToString("N")[..12];
    private int _keys;

    /// <summary>Runs every connector check in the order of <see cref="ConformanceCheckNames.Connector"/>.</summary>
    /// <param name="cancellationToken">Stops the run; the checks not yet run are not reported.</param>
    /// <returns>One result per check.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<IReadOnlyList<ConformanceCheckResult>> RunAllAsync(CancellationToken cancellationToken = default)
    {
        var results = new List<ConformanceCheckResult>();
        foreach (var name in ConformanceCheckNames.Connector)
        {
            results.Add(await RunAsync(name, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    /// <summary>Runs one check.</summary>
    /// <param name="checkName">One of <see cref="ConformanceCheckNames.Connector"/>.</param>
    /// <param name="cancellationToken">Stops the check.</param>
    /// <returns>The check's result.</returns>
    /// <exception cref="ArgumentException"><paramref name="checkName"/> is not a connector check.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<ConformanceCheckResult> RunAsync(string checkName, CancellationToken cancellationToken = default)
    {
        Func<IMarketplaceConnector, CancellationToken, Task<ConformanceCheckResult>> check = checkName switch
        {
            ConformanceCheckNames.Capabilities => CheckCapabilitiesAsync,
            ConformanceCheckNames.PullPagination => CheckPaginationAsync,
            ConformanceCheckNames.PullRepeatable => CheckRepeatableAsync,
            ConformanceCheckNames.PullMatchesCapabilities => CheckPullMatchesCapabilitiesAsync,
            ConformanceCheckNames.ApplyBatchLimit => CheckBatchLimitAsync,
            ConformanceCheckNames.ApplyIdempotent => CheckIdempotentAsync,
            ConformanceCheckNames.ApplyUnsupportedKind => CheckUnsupportedKindAsync,
            ConformanceCheckNames.ApplyErrorMapping => CheckErrorMappingAsync,
            ConformanceCheckNames.Cancellation => CheckCancellationAsync,
            _ => throw new ArgumentException($"'{checkName}' is not a connector check; use one of {string.Join(", ", ConformanceCheckNames.Connector)}.", nameof(checkName)),
        };

        IMarketplaceConnector connector;
        try
        {
            connector = _createConnector();
        }
        catch (Exception ex)
        {
            return ConformanceCheckResult.Fail(checkName, $"creating the connector threw {ex.GetType().Name}: {ex.Message}");
        }

        try
        {
            return await check(connector, cancellationToken).ConfigureAwait(false);
        }
        catch (CheckFailedException ex)
        {
            return ConformanceCheckResult.Fail(checkName, ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            return ConformanceCheckResult.Fail(checkName, $"the connector threw {ex.GetType().Name}: {ex.Message}");
        }
    }

    private Task<ConformanceCheckResult> CheckCapabilitiesAsync(IMarketplaceConnector connector, CancellationToken cancellationToken)
    {
        const string Name = ConformanceCheckNames.Capabilities;
        var problems = new List<string>();
        if (!Marketplaces.IsWellFormed(connector.Marketplace))
        {
            problems.Add($"the marketplace id '{connector.Marketplace}' is not well-formed (1 to 32 lower-case letters, digits and '-', starting with a letter)");
        }

        var capabilities = connector.Capabilities;
        if (capabilities is null)
        {
            problems.Add("Capabilities is null");
            return Task.FromResult(ConformanceCheckResult.Fail(Name, string.Join("; ", problems)));
        }

        problems.AddRange(capabilities.Validate());
        var again = connector.Capabilities;
        if (again is null || !SameCapabilities(capabilities, again))
        {
            problems.Add("Capabilities changed between two reads; it must be the same for the connector's lifetime");
        }

        return Task.FromResult(problems.Count > 0
            ? ConformanceCheckResult.Fail(Name, string.Join("; ", problems))
            : ConformanceCheckResult.Pass(Name, $"{connector.Marketplace}: {Describe(capabilities)}"));
    }

    private async Task<ConformanceCheckResult> CheckPaginationAsync(IMarketplaceConnector connector, CancellationToken cancellationToken)
    {
        const string Name = ConformanceCheckNames.PullPagination;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        long skus = 0, campaigns = 0;
        var pages = 0;
        while (true)
        {
            var page = await PullAsync(connector, cursor, cancellationToken).ConfigureAwait(false);
            pages++;
            skus += page.Skus.Count;
            campaigns += page.Campaigns.Count;
            if (!page.HasMore)
            {
                if (page.NextCursor is not null)
                {
                    // The host stores the last cursor and starts the next sync from it.
                    var after = await PullAsync(connector, page.NextCursor, cancellationToken).ConfigureAwait(false);
                    if (after.HasMore && after.NextCursor is null)
                    {
                        return ConformanceCheckResult.Fail(Name, $"pulling the last cursor '{page.NextCursor}' again returned HasMore without a NextCursor");
                    }
                }

                return ConformanceCheckResult.Pass(Name, $"{pages} page(s), {skus} SKU snapshot(s), {campaigns} campaign snapshot(s)");
            }

            if (page.NextCursor is null)
            {
                return ConformanceCheckResult.Fail(Name, $"page {pages} has HasMore = true but no NextCursor");
            }

            if (!seen.Add(page.NextCursor) || string.Equals(page.NextCursor, cursor, StringComparison.Ordinal))
            {
                return ConformanceCheckResult.Fail(Name, $"page {pages} repeats the cursor '{page.NextCursor}'; pagination would never end");
            }

            if (pages >= _options.MaxPages)
            {
                return ConformanceCheckResult.Fail(Name, $"still HasMore after {pages} pages (MaxPages); pagination does not end");
            }

            cursor = page.NextCursor;
        }
    }

    private async Task<ConformanceCheckResult> CheckRepeatableAsync(IMarketplaceConnector connector, CancellationToken cancellationToken)
    {
        const string Name = ConformanceCheckNames.PullRepeatable;
        var first = await PullAsync(connector, null, cancellationToken).ConfigureAwait(false);
        var second = await PullAsync(connector, null, cancellationToken).ConfigureAwait(false);
        var (a, b) = (Fingerprint(first), Fingerprint(second));
        if (a != b)
        {
            return ConformanceCheckResult.Fail(Name, $"pulling the first cursor twice gave different pages ({a} vs {b}); a pull must be retryable");
        }

        if (first.NextCursor is not null && first.HasMore)
        {
            var third = await PullAsync(connector, first.NextCursor, cancellationToken).ConfigureAwait(false);
            var fourth = await PullAsync(connector, first.NextCursor, cancellationToken).ConfigureAwait(false);
            if (Fingerprint(third) != Fingerprint(fourth))
            {
                return ConformanceCheckResult.Fail(Name, $"pulling the cursor '{first.NextCursor}' twice gave different pages");
            }
        }

        return ConformanceCheckResult.Pass(Name, $"the same cursor gave the same page ({a})");
    }

    private async Task<ConformanceCheckResult> CheckPullMatchesCapabilitiesAsync(IMarketplaceConnector connector, CancellationToken cancellationToken)
    {
        const string Name = ConformanceCheckNames.PullMatchesCapabilities;
        var capabilities = connector.Capabilities;
        var page = await PullAsync(connector, null, cancellationToken).ConfigureAwait(false);
        var problems = new List<string>();

        var foreign = page.Skus.Where(s => s is null || s.Marketplace != connector.Marketplace).Take(3).ToList();
        if (foreign.Count > 0)
        {
            problems.Add($"SKU snapshots for another marketplace than '{connector.Marketplace}' (or null): {string.Join(", ", foreign.Select(s => s?.Key.ToString() ?? "null"))}");
        }

        if (page.Campaigns.Any(c => c is null || c.Marketplace != connector.Marketplace))
        {
            problems.Add($"campaign snapshots for another marketplace than '{connector.Marketplace}' (or null)");
        }

        if (!capabilities.CanPullCampaigns && page.Campaigns.Count > 0)
        {
            problems.Add($"{page.Campaigns.Count} campaign snapshot(s) although CanPullCampaigns is false");
        }

        if (!capabilities.CanPullCatalog && !capabilities.CanPullMetrics && page.Skus.Count > 0)
        {
            problems.Add($"{page.Skus.Count} SKU snapshot(s) although neither CanPullCatalog nor CanPullMetrics is set");
        }

        if (!capabilities.CanPullMetrics && page.Skus.Any(s => s is not null && (s.Impressions | s.Clicks | s.AddToCart | s.Orders | s.Returns) != 0))
        {
            problems.Add("SKU snapshots carry metrics although CanPullMetrics is false");
        }

        var duplicates = page.Skus.Where(s => s is not null).GroupBy(s => (s.Key, s.Date)).Where(g => g.Count() > 1).Select(g => g.Key.Key.ToString()).Take(3).ToList();
        if (duplicates.Count > 0)
        {
            problems.Add($"a page has the same SKU and day more than once: {string.Join(", ", duplicates)}");
        }

        return problems.Count > 0
            ? ConformanceCheckResult.Fail(Name, string.Join("; ", problems))
            : ConformanceCheckResult.Pass(Name, $"the first page ({page.Skus.Count} SKU, {page.Campaigns.Count} campaign snapshot(s)) matches {Describe(capabilities)}");
    }

    private async Task<ConformanceCheckResult> CheckBatchLimitAsync(IMarketplaceConnector connector, CancellationToken cancellationToken)
    {
        const string Name = ConformanceCheckNames.ApplyBatchLimit;
        var capabilities = connector.Capabilities;
        var (targets, skip) = await ActionTargetsAsync(connector, capabilities, Name, cancellationToken).ConfigureAwait(false);
        if (skip is not null)
        {
            return skip;
        }

        var size = Math.Min(capabilities.MaxBatchSize, Math.Max(1, _options.MaxBatchToTry));
        var batch = Enumerable.Range(0, size).Select(i => targets[i % targets.Count]).Select(t => Request(t.Sku.Key, t.Action)).ToList();
        var results = await ApplyAsync(connector, batch, cancellationToken).ConfigureAwait(false);
        var problem = CheckOneResultEach(batch, results);
        if (problem is not null)
        {
            return ConformanceCheckResult.Fail(Name, $"a batch of {size}: {problem}");
        }

        var byStatus = string.Join(", ", results.GroupBy(r => r.Status).Select(g => $"{g.Count()} {g.Key}"));
        return ConformanceCheckResult.Pass(Name, $"a batch of {size} (MaxBatchSize {capabilities.MaxBatchSize}) got one result per action: {byStatus}");
    }

    private async Task<ConformanceCheckResult> CheckIdempotentAsync(IMarketplaceConnector connector, CancellationToken cancellationToken)
    {
        const string Name = ConformanceCheckNames.ApplyIdempotent;
        var capabilities = connector.Capabilities;
        var (targets, skip) = await ActionTargetsAsync(connector, capabilities, Name, cancellationToken).ConfigureAwait(false);
        if (skip is not null)
        {
            return skip;
        }

        var (sku, action) = targets[0];
        var request = Request(sku.Key, action);
        var first = await ApplyOneAsync(connector, request, cancellationToken).ConfigureAwait(false);
        var before = _options.Observe is { } observe ? await Within(observe(connector, sku.Key, cancellationToken), "Observe", cancellationToken).ConfigureAwait(false) : null;

        var again = await ApplyOneAsync(connector, request, cancellationToken).ConfigureAwait(false);
        var changed = await ApplyOneAsync(connector, request with { Action = Changed(action) }, cancellationToken).ConfigureAwait(false);
        if (first.Status != ActionResultStatus.RetryableFailure)
        {
            foreach (var (label, replay) in new[] { ("the same request", again), ("the same key with another payload", changed) })
            {
                if (replay.Status != first.Status)
                {
                    return ConformanceCheckResult.Fail(Name, $"key '{request.IdempotencyKey}' was {first.Status} the first time but {replay.Status} when {label} was sent again");
                }
            }
        }

        if (before is not null)
        {
            var after = await Within(_options.Observe!(connector, sku.Key, cancellationToken), "Observe", cancellationToken).ConfigureAwait(false);
            if (!string.Equals(before, after, StringComparison.Ordinal))
            {
                return ConformanceCheckResult.Fail(Name, $"replaying key '{request.IdempotencyKey}' changed {sku.Key}: '{before}' became '{after}'");
            }
        }

        return ConformanceCheckResult.Pass(Name, $"{action.Kind} on {sku.Key} was {first.Status}; replaying its key gave the same result{(before is null ? " (the marketplace state was not observed: set Observe to check it)" : " and changed nothing")}");
    }

    private async Task<ConformanceCheckResult> CheckUnsupportedKindAsync(IMarketplaceConnector connector, CancellationToken cancellationToken)
    {
        const string Name = ConformanceCheckNames.ApplyUnsupportedKind;
        if (!_options.IncludeApplyChecks)
        {
            return ConformanceCheckResult.Skip(Name, "apply checks are turned off (IncludeApplyChecks = false)");
        }

        var capabilities = connector.Capabilities;
        var page = await PullAsync(connector, null, cancellationToken).ConfigureAwait(false);
        var sku = page.Skus.FirstOrDefault()?.Key ?? new SkuKey(connector.Marketplace, "conformance", "conformance");
        var batch = Enum.GetValues<ActionKind>().Where(k => !capabilities.Supports(k)).Select(k => Request(sku, Sample(k))).Take(capabilities.MaxBatchSize).ToList();
        var results = await ApplyAsync(connector, batch, cancellationToken).ConfigureAwait(false);
        var problem = CheckOneResultEach(batch, results);
        if (problem is not null)
        {
            return ConformanceCheckResult.Fail(Name, problem);
        }

        var wrong = batch.Zip(batch.Select(r => results.First(x => x.IdempotencyKey == r.IdempotencyKey)))
            .Where(p => p.Second.Status != ActionResultStatus.Rejected || string.IsNullOrWhiteSpace(p.Second.Reason))
            .Select(p => $"{p.First.Action.Kind} was {p.Second.Status}{(string.IsNullOrWhiteSpace(p.Second.Reason) ? " without a reason" : "")}")
            .ToList();
        return wrong.Count > 0
            ? ConformanceCheckResult.Fail(Name, $"kinds not in Capabilities.ActionKinds must be Rejected with a reason: {string.Join("; ", wrong)}")
            : ConformanceCheckResult.Pass(Name, $"{string.Join(", ", batch.Select(r => r.Action.Kind))} rejected with reasons");
    }

    private async Task<ConformanceCheckResult> CheckErrorMappingAsync(IMarketplaceConnector connector, CancellationToken cancellationToken)
    {
        const string Name = ConformanceCheckNames.ApplyErrorMapping;
        var capabilities = connector.Capabilities;
        var (targets, skip) = await ActionTargetsAsync(connector, capabilities, Name, cancellationToken).ConfigureAwait(false);
        if (skip is not null)
        {
            return skip;
        }

        var (sku, action) = targets[0];
        var unknown = sku.Key with { Sku = $"conformance-unknown-{_run}" };
        var good = Request(sku.Key, action);
        var bad = Request(unknown, action);
        List<ActionRequest> batch = capabilities.MaxBatchSize >= 2 ? [good, bad] : [bad];
        var results = await ApplyAsync(connector, batch, cancellationToken).ConfigureAwait(false);
        var problem = CheckOneResultEach(batch, results);
        if (problem is not null)
        {
            return ConformanceCheckResult.Fail(Name, $"a batch with one good and one bad action: {problem}");
        }

        var badResult = results.First(r => r.IdempotencyKey == bad.IdempotencyKey);
        if (badResult.Status != ActionResultStatus.Rejected || string.IsNullOrWhiteSpace(badResult.Reason))
        {
            return ConformanceCheckResult.Fail(Name, $"{action.Kind} for the unknown SKU {unknown} was {badResult.Status} ('{badResult.Reason}'); it must be Rejected with the marketplace's reason");
        }

        var unexplained = results.Where(r => r.Status != ActionResultStatus.Applied && string.IsNullOrWhiteSpace(r.Reason)).ToList();
        return unexplained.Count > 0
            ? ConformanceCheckResult.Fail(Name, $"{unexplained.Count} result(s) that were not applied carry no reason")
            : ConformanceCheckResult.Pass(Name, $"the unknown SKU was Rejected: {badResult.Reason}");
    }

    private async Task<ConformanceCheckResult> CheckCancellationAsync(IMarketplaceConnector connector, CancellationToken cancellationToken)
    {
        const string Name = ConformanceCheckNames.Cancellation;
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync().ConfigureAwait(false);

        var pull = await ThrowsCancelledAsync(() => connector.PullAsync(null, cancelled.Token), cancellationToken).ConfigureAwait(false);
        if (pull is not null)
        {
            return ConformanceCheckResult.Fail(Name, $"PullAsync with a cancelled token {pull}");
        }

        if (!_options.IncludeApplyChecks)
        {
            return ConformanceCheckResult.Pass(Name, "PullAsync threw OperationCanceledException (ApplyAsync not checked: IncludeApplyChecks = false)");
        }

        var request = Request(new SkuKey(connector.Marketplace, "conformance", $"conformance-cancelled-{_run}"), new SetPrice(1m));
        var apply = await ThrowsCancelledAsync(() => connector.ApplyAsync([request], cancelled.Token), cancellationToken).ConfigureAwait(false);
        return apply is not null
            ? ConformanceCheckResult.Fail(Name, $"ApplyAsync with a cancelled token {apply}")
            : ConformanceCheckResult.Pass(Name, "PullAsync and ApplyAsync threw OperationCanceledException");
    }

    private async Task<(List<(SkuSnapshot Sku, RuleAction Action)> Targets, ConformanceCheckResult? Skip)> ActionTargetsAsync(
        IMarketplaceConnector connector, ConnectorCapabilities capabilities, string name, CancellationToken cancellationToken)
    {
        if (!_options.IncludeApplyChecks)
        {
            return ([], ConformanceCheckResult.Skip(name, "apply checks are turned off (IncludeApplyChecks = false)"));
        }

        if (capabilities.ActionKinds.Count == 0)
        {
            return ([], ConformanceCheckResult.Skip(name, "the connector applies no action kinds"));
        }

        var page = await PullAsync(connector, null, cancellationToken).ConfigureAwait(false);
        var build = _options.ValidAction ?? ConnectorConformanceOptions.DefaultValidAction;
        var targets = page.Skus.Where(s => s is not null).Take(1_000)
            .Select(s => (Sku: s, Action: build(s, capabilities)))
            .Where(t => t.Action is not null)
            .Select(t => (t.Sku, t.Action!))
            .ToList();
        if (targets.Count == 0)
        {
            return ([], ConformanceCheckResult.Skip(name, page.Skus.Count == 0
                ? "the first page has no SKU to act on"
                : "no action to apply: set ConnectorConformanceOptions.ValidAction for the kinds this connector supports"));
        }

        var unsupported = targets.FirstOrDefault(t => !capabilities.Supports(t.Item2.Kind));
        return unsupported.Item2 is not null
            ? ([], ConformanceCheckResult.Fail(name, $"ValidAction returned {unsupported.Item2.Kind}, which the connector does not declare"))
            : (targets, null);
    }

    private ActionRequest Request(SkuKey sku, RuleAction action) =>
        new($"conformance-{_run}-{Interlocked.Increment(ref _keys).ToString(CultureInfo.InvariantCulture)}", sku, action, "conformance");

    private async Task<CatalogPage> PullAsync(IMarketplaceConnector connector, string? cursor, CancellationToken cancellationToken)
    {
        var page = await Within(connector.PullAsync(cursor, cancellationToken), $"PullAsync('{cursor}')", cancellationToken).ConfigureAwait(false);
        return page is null || page.Skus is null || page.Campaigns is null
            ? throw new CheckFailedException($"PullAsync('{cursor}') returned {(page is null ? "null" : "a page with a null list")}")
            : page;
    }

    private async Task<IReadOnlyList<ActionResult>> ApplyAsync(IMarketplaceConnector connector, List<ActionRequest> batch, CancellationToken cancellationToken) =>
        await Within(connector.ApplyAsync(batch, cancellationToken), $"ApplyAsync({batch.Count} actions)", cancellationToken).ConfigureAwait(false)
        ?? throw new CheckFailedException($"ApplyAsync({batch.Count} actions) returned null");

    private async Task<ActionResult> ApplyOneAsync(IMarketplaceConnector connector, ActionRequest request, CancellationToken cancellationToken)
    {
        var results = await ApplyAsync(connector, [request], cancellationToken).ConfigureAwait(false);
        var problem = CheckOneResultEach([request], results);
        return problem is null ? results[0] : throw new CheckFailedException(problem);
    }

    private async Task<T> Within<T>(Task<T> call, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await call.WaitAsync(_options.CallTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new CheckFailedException($"{what} did not return within {_options.CallTimeout.TotalSeconds:0.#} s");
        }
    }

    private async Task<string?> ThrowsCancelledAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            await call().WaitAsync(_options.CallTimeout, cancellationToken).ConfigureAwait(false);
            return "returned normally instead of throwing OperationCanceledException";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (TimeoutException)
        {
            return $"did not return within {_options.CallTimeout.TotalSeconds:0.#} s";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return $"threw {ex.GetType().Name} instead of OperationCanceledException: {ex.Message}";
        }
    }

    private static string? CheckOneResultEach(List<ActionRequest> batch, IReadOnlyList<ActionResult> results)
    {
        if (results.Any(r => r is null || r.IdempotencyKey is null))
        {
            return "a result is null or has no idempotency key";
        }

        var keys = batch.Select(r => r.IdempotencyKey).ToHashSet(StringComparer.Ordinal);
        var answered = results.GroupBy(r => r.IdempotencyKey, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var missing = keys.Where(k => !answered.ContainsKey(k)).ToList();
        var twice = answered.Where(a => a.Value > 1).Select(a => a.Key).ToList();
        var foreign = answered.Keys.Where(k => !keys.Contains(k)).ToList();
        var problems = new List<string>();
        if (missing.Count > 0)
        {
            problems.Add($"{missing.Count} action(s) got no result (first: {missing[0]})");
        }

        if (twice.Count > 0)
        {
            problems.Add($"{twice.Count} action(s) got more than one result (first: {twice[0]})");
        }

        if (foreign.Count > 0)
        {
            problems.Add($"{foreign.Count} result(s) answer keys that were not sent (first: {foreign[0]})");
        }

        if (results.Any(r => !Enum.IsDefined(r.Status)))
        {
            problems.Add("a result has an undefined status");
        }

        return problems.Count > 0 ? string.Join("; ", problems) : null;
    }

    private static RuleAction Changed(RuleAction action) => action switch
    {
        SetPrice set => set with { Price = set.Price + 1m },
        CreateCoupon coupon => coupon with { Discount = coupon.Discount >= 0.5m ? coupon.Discount / 2 : coupon.Discount * 2 },
        SetBid bid => bid with { Bid = bid.Bid + 1m },
        SetBudget budget => budget with { Budget = budget.Budget + 1m },
        _ => action,
    };

    private static RuleAction Sample(ActionKind kind) => kind switch
    {
        ActionKind.SetPrice => new SetPrice(1m),
        ActionKind.CreateCoupon => new CreateCoupon(0.01m, TimeSpan.FromDays(1)),
        ActionKind.RemoveFromPromo => new RemoveFromPromo(),
        ActionKind.AddToPromo => new AddToPromo("conformance"),
        ActionKind.PauseAds => new PauseAds(),
        ActionKind.ResumeAds => new ResumeAds(),
        ActionKind.SetBid => new SetBid("conformance", 1m),
        ActionKind.SetBudget => new SetBudget("conformance", 1m),
        ActionKind.CancelCoupon => new CancelCoupon("conformance"),
        ActionKind.Notify => new Notify("manager", "conformance check"),
        // A new kind needs its sample here, or the unsupported-kind check would send one kind labelled as another.
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "The conformance kit has no sample of this action kind."),
    };

    private static string Fingerprint(CatalogPage page) =>
        string.Create(CultureInfo.InvariantCulture, $"{page.Skus.Count} SKU(s), {page.Campaigns.Count} campaign(s), next '{page.NextCursor}', hash {Hash(page)}");

    private static int Hash(CatalogPage page)
    {
        var hash = new HashCode();
        foreach (var sku in page.Skus)
        {
            hash.Add(sku?.Key);
            hash.Add(sku?.Date);
            hash.Add(sku?.Price);
            hash.Add(sku?.Stock);
            hash.Add(sku?.Orders);
        }

        foreach (var campaign in page.Campaigns)
        {
            hash.Add(campaign?.Key);
            hash.Add(campaign?.Date);
            hash.Add(campaign?.Orders);
        }

        hash.Add(page.HasMore);
        return hash.ToHashCode();
    }

    private static bool SameCapabilities(ConnectorCapabilities a, ConnectorCapabilities b) =>
        a.CanPullCatalog == b.CanPullCatalog
        && a.CanPullMetrics == b.CanPullMetrics
        && a.CanPullCampaigns == b.CanPullCampaigns
        && a.MaxBatchSize == b.MaxBatchSize
        && (a.ActionKinds ?? []).Order().SequenceEqual((b.ActionKinds ?? []).Order());

    private static string Describe(ConnectorCapabilities c)
    {
        var pulls = new[] { (c.CanPullCatalog, "catalog"), (c.CanPullMetrics, "metrics"), (c.CanPullCampaigns, "campaigns") }.Where(p => p.Item1).Select(p => p.Item2).ToList();
        return $"applies {(c.ActionKinds is { Count: > 0 } ? string.Join(", ", c.ActionKinds) : "nothing")}; pulls {(pulls.Count > 0 ? string.Join(", ", pulls) : "nothing")}; batches of up to {c.MaxBatchSize}";
    }

    private sealed class CheckFailedException(string message) : Exception(message);
}
