using System.Collections;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Reflection.Metadata;
using System.Text.Json;

namespace Marketpilot.Plugins;

/// <summary>Removes an unloaded plugin's types from the framework's static caches, which would otherwise keep its load context alive.</summary>
/// <remarks>
/// <para>
/// The framework is shared by the host and every plugin, and a load context is only collected once none of its types is
/// referenced. These framework caches keep plugin types on .NET 10:
/// </para>
/// <list type="bullet">
/// <item><see cref="TypeDescriptor"/>, which Newtonsoft.Json (for every type it serializes), the configuration binder and
/// DataAnnotations call, holds types in static per-type tables (dotnet/runtime#30656, fixed only after .NET 10).</item>
/// <item>DataAnnotations' <see cref="Validator"/>, which validates the options of a plugin's own Polly copy and options with
/// <c>[Range]</c> or <c>[Required]</c>, keeps every validated type in a static store.</item>
/// <item>System.Text.Json keeps the accessors it generates for a type's members in a static cache for a while.</item>
/// </list>
/// <para>
/// TypeDescriptor and System.Text.Json clear their global caches through their hot reload hook
/// (<see cref="MetadataUpdateHandlerAttribute"/>), which is called here as the runtime would after an edit. The per-type
/// tables have no public way to forget a type, so the entries for the plugin's types are removed from them by their field
/// names; a table this runtime does not have is skipped.
/// </para>
/// </remarks>
internal static class FrameworkTypeCaches
{
    private const BindingFlags StaticField = BindingFlags.Static | BindingFlags.NonPublic;
    private const BindingFlags InstanceField = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;

    /// <summary>Forgets every cached type that is defined in <paramref name="assemblies"/> or built on such a type (<c>List&lt;T&gt;</c>, arrays).</summary>
    /// <param name="assemblies">The assemblies of an unloaded load context; its code must not run any more.</param>
    public static void Forget(IReadOnlyCollection<Assembly> assemblies)
    {
        if (assemblies.Count == 0)
        {
            return;
        }

        // First, because clearing may look types up again.
        ClearGlobalCaches(typeof(TypeDescriptor).Assembly);
        ClearGlobalCaches(typeof(JsonSerializer).Assembly);

        var owned = assemblies.ToHashSet();
        var validationStore = typeof(Validator).Assembly.GetType("System.ComponentModel.DataAnnotations.ValidationAttributeStore")
            ?.GetProperty("Instance", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)?.GetValue(null);
        Remove(validationStore?.GetType().GetField("_typeStoreItems", InstanceField)?.GetValue(validationStore) as IDictionary, owned);

        var descriptor = typeof(TypeDescriptor);
        // TypeDescriptor writes these tables under this lock; taking it keeps the Hashtable-based ones consistent.
        var sync = descriptor.GetField("s_commonSyncObject", StaticField)?.GetValue(null) ?? new object();
        lock (sync)
        {
            Remove(descriptor.GetField("s_defaultProviderInitialized", StaticField)?.GetValue(null) as IDictionary, owned);
            Remove(descriptor.GetField("s_providerTypeTable", StaticField)?.GetValue(null) as IDictionary, owned);
            foreach (var provider in Providers(descriptor.GetField("s_providerTable", StaticField)?.GetValue(null) as IDictionary))
            {
                Remove(provider.GetType().GetField("_typeData", InstanceField)?.GetValue(provider) as IDictionary, owned);
            }
        }
    }

    // An empty list of updated types: clear the global caches, refresh no type.
    private static void ClearGlobalCaches(Assembly library)
    {
        foreach (var handler in library.GetCustomAttributes<MetadataUpdateHandlerAttribute>())
        {
            handler.HandlerType
                .GetMethod("ClearCache", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic, [typeof(Type[])])
                ?.Invoke(null, [Type.EmptyTypes]);
        }
    }

    // The providers registered for types (the default reflection-based one among them), each with its own per-type table.
    private static List<object> Providers(IDictionary? providerTable)
    {
        var providers = new List<object>();
        if (providerTable is null)
        {
            return providers;
        }

        foreach (var head in new ArrayList(providerTable.Values))
        {
            for (var node = head; node is not null; node = node.GetType().GetField("Next", InstanceField)?.GetValue(node))
            {
                if (node.GetType().GetField("Provider", InstanceField)?.GetValue(node) is { } provider)
                {
                    providers.Add(provider);
                }
            }
        }

        return providers;
    }

    private static void Remove(IDictionary? table, HashSet<Assembly> owned)
    {
        if (table is null)
        {
            return;
        }

        foreach (var type in new ArrayList(table.Keys).OfType<Type>().Where(type => IsBuiltOn(type, owned)).ToList())
        {
            table.Remove(type);
        }
    }

    private static bool IsBuiltOn(Type type, HashSet<Assembly> owned) =>
        type.IsCollectible
        && (owned.Contains(type.Assembly)
            || (type.HasElementType && IsBuiltOn(type.GetElementType()!, owned))
            || (type.IsConstructedGenericType && type.GenericTypeArguments.Any(argument => IsBuiltOn(argument, owned))));
}
