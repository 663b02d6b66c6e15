namespace Marketpilot.Templates.Tests.Support;

/// <summary>
/// Packs sdk/templates once and installs the package with <c>dotnet new install</c> into a private
/// <c>DOTNET_CLI_HOME</c>, so neither the machine's templates nor the tests' see each other. Everything is
/// generated outside the repository, so its Directory.Build.props and package versions do not apply.
/// </summary>
public sealed class TemplatePackFixture : IAsyncLifetime
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("mp-templates-");

    public string Output => Path.Combine(_root.FullName, "out");

    private string CliHome => Path.Combine(_root.FullName, "cli-home");

    public async Task InitializeAsync()
    {
        var packages = Path.Combine(_root.FullName, "packages");
        Directory.CreateDirectory(CliHome);
        Directory.CreateDirectory(Output);
        await Dotnet.SucceedAsync(Repo.Root, null, "pack", Repo.TemplatesProject, "-c", Repo.Configuration, "-o", packages);
        var package = Directory.GetFiles(packages, "Marketpilot.Templates.*.nupkg").Single();
        await Dotnet.SucceedAsync(_root.FullName, Isolated, "new", "install", package);
    }

    /// <summary>Runs <c>dotnet new</c> with the installed pack, in <see cref="Output"/>.</summary>
    public Task<ProcessResult> NewAsync(params string[] args) => Dotnet.SucceedAsync(Output, Isolated, ["new", .. args]);

    public Task DisposeAsync()
    {
        try
        {
            _root.Delete(recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }

    private Dictionary<string, string> Isolated => new() { ["DOTNET_CLI_HOME"] = CliHome, ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1" };
}
