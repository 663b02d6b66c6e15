using OpenQA.Selenium.Chrome;

namespace Marketpilot.Host.Tests.Support;

/// <summary>
/// Debian's Chromium and its chromedriver (same version, nothing downloaded): <c>MARKETPILOT_CHROMIUM</c> and
/// <c>MARKETPILOT_CHROMEDRIVER</c>, which <c>.ci/run</c> sets, else <c>/usr/bin/chromium</c> and <c>/usr/bin/chromedriver</c>.
/// Browser tests are reported as skipped, saying so, where neither is installed.
/// </summary>
internal static class Chromium
{
    public static string? BrowserPath { get; } = Find("MARKETPILOT_CHROMIUM", "/usr/bin/chromium");

    public static string? DriverPath { get; } = Find("MARKETPILOT_CHROMEDRIVER", "/usr/bin/chromedriver");

    /// <summary>Where the browser tests save their screenshots: <c>artifacts/console</c> under the repository.</summary>
    public static string Screenshots { get; } = Path.Combine(RepoPaths.Root, "artifacts", "console");

    public static void SkipUnlessInstalled() =>
        Skip.If(
            BrowserPath is null || DriverPath is null,
            "Chromium is not installed: browser tests need Debian's chromium and chromium-driver (.ci/run installs them), or MARKETPILOT_CHROMIUM and MARKETPILOT_CHROMEDRIVER");

    /// <summary>A headless Chromium of <paramref name="width"/> × <paramref name="height"/> CSS pixels.</summary>
    public static ChromeDriver Start(int width = 1280, int height = 900)
    {
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath)!);
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = BrowserPath };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", $"--window-size={width},{height}");
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    private static string? Find(string variable, string fallback) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } configured && File.Exists(configured) ? configured
        : File.Exists(fallback) ? fallback
        : null;
}
