using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests.ScopedKeys;

/// <summary>One route's key-scope decision and the test that proves it on a running host.</summary>
/// <param name="Scope">What the route declares in the OpenAPI document: <c>shop</c> or <c>admin</c>.</param>
/// <param name="ProveAsync">Drives the route with the admin key and the scoped keys, asserting what each may do.</param>
public sealed record ScopeCase(string Scope, Func<ScopedKeysFixture, Task> ProveAsync);
