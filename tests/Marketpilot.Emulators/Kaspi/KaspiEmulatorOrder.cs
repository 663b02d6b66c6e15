namespace Marketpilot.Emulators.Kaspi;

/// <summary>An order the Kaspi emulator holds.</summary>
/// <param name="Id">The opaque order id (JSON:API <c>id</c>).</param>
/// <param name="Code">The order number buyers see.</param>
/// <param name="CreatedAt">The <c>creationDate</c>.</param>
/// <param name="State">One of <see cref="KaspiOrdersQuery.States"/>.</param>
/// <param name="Status">For example <c>COMPLETED</c>, <c>CANCELLED</c> or <c>RETURNED</c>.</param>
/// <param name="Entries">The order's lines.</param>
public sealed record KaspiEmulatorOrder(string Id, string Code, DateTimeOffset CreatedAt, string State, string Status, IReadOnlyList<KaspiEmulatorEntry> Entries);

/// <summary>One line of an emulated order.</summary>
/// <param name="Sku">The seller's offer code (<c>offer.code</c>).</param>
/// <param name="Name">The offer's name.</param>
/// <param name="Quantity">Units.</param>
/// <param name="BasePrice">The unit price in tenge (sent as a JSON number, as Kaspi does).</param>
public sealed record KaspiEmulatorEntry(string Sku, string Name, int Quantity, decimal BasePrice);
