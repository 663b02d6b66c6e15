using System.Text.Json.Nodes;

namespace Marketpilot.Plugins.Tests.Support;

/// <summary>A temporary plugins folder, filled with copies of the plugins built next to the tests.</summary>
public sealed class PluginsFolder : IDisposable
{
    public const string Simulator = "Marketpilot.Connectors.Simulator";
    public const string Throwing = "Marketpilot.TestPlugins.Throwing";
    public const string Faulty = "Marketpilot.TestPlugins.Faulty";
    public const string JsonLegacy = "Marketpilot.TestPlugins.JsonLegacy";
    public const string JsonCurrent = "Marketpilot.TestPlugins.JsonCurrent";
    public const string Needy = "Marketpilot.TestPlugins.Needy";
    public const string Resilient = "Marketpilot.TestPlugins.Resilient";
    public const string Shops = "Marketpilot.TestPlugins.Shops";
    public const string Leaky = "Marketpilot.TestPlugins.Leaky";

    public string Path { get; } = Directory.CreateTempSubdirectory("marketpilot-plugins-").FullName;

    public static string BuiltPlugin(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "plugins", name);

    public PluginsFolder With(string name, string? folder = null)
    {
        var source = BuiltPlugin(name);
        var target = Directory.CreateDirectory(System.IO.Path.Combine(Path, folder ?? name)).FullName;
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, System.IO.Path.Combine(target, System.IO.Path.GetFileName(file)));
        }

        return this;
    }

    public PluginsFolder Replace(string folder, string name)
    {
        Directory.Delete(System.IO.Path.Combine(Path, folder), recursive: true);
        return With(name, folder);
    }

    public PluginsFolder WithManifestChange(string folder, string property, string value)
    {
        var file = System.IO.Path.Combine(Path, folder, "plugin.json");
        var manifest = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        manifest[property] = value;
        File.WriteAllText(file, manifest.ToJsonString());
        return this;
    }

    public PluginsFolder WithFile(string folder, string fileName, string content)
    {
        var target = Directory.CreateDirectory(System.IO.Path.Combine(Path, folder)).FullName;
        File.WriteAllText(System.IO.Path.Combine(target, fileName), content);
        return this;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Loaded plugin assemblies may stay locked on some platforms; the temp folder is cleaned up later.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
