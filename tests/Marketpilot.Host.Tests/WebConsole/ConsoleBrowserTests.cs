using System.Text.Json;
using Marketpilot.Host.Tests.Support;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Marketpilot.Host.Tests.WebConsole;

/// <summary>
/// A real Chromium drives the real host's console: sign in, open each page, see the simulator's SKUs and charts, switch a
/// rule to dry-run, undo an action, and check each result through the API. Each page's screenshot is saved to
/// <c>artifacts/console/</c> (<c>docs/console.md</c>).
/// </summary>
public sealed class ConsoleBrowserTests(ConsoleHostFixture fixture) : IClassFixture<ConsoleHostFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private HostProcess Host => fixture.Host;

    [SkippableFact]
    public void ASellerSignsInAndOpensEveryPage()
    {
        Chromium.SkipUnlessInstalled();
        using var browser = Chromium.Start();
        SignIn(browser, Host.ApiKey);

        Assert.NotEqual("0", browser.FindElement(By.CssSelector("#card-skus .big")).Text);
        Save(browser, "overview");

        Open(browser, "/console/skus");
        var first = browser.FindElements(By.CssSelector("#skus tbody a"));
        Assert.Contains(first, a => a.Text.StartsWith("SIM-", StringComparison.Ordinal));
        Save(browser, "skus");

        first[0].Click();
        Until(browser, b => Script<bool>(b, "return typeof Chart !== 'undefined' && ['chart-price','chart-stock','chart-conversion'].every(id => Chart.getChart(document.getElementById(id)) !== undefined)"));
        Assert.True(Script<long>(browser, "return Chart.getChart(document.getElementById('chart-price')).getDatasetMeta(0).data.filter(point => !point.skip && isFinite(point.y)).length") >= 7);
        Save(browser, "sku");

        Open(browser, "/console/rules");
        Assert.NotEmpty(browser.FindElements(By.Id("rule-min-margin")));
        Save(browser, "rules");

        Open(browser, "/console/rules/min-margin?dryrun=SIM-00001,SIM-00002,SIM-00003&backtest=7");
        Assert.Equal(3, browser.FindElements(By.CssSelector("#dryrun-result tbody tr")).Count);
        Assert.Contains("SKU-days", browser.FindElement(By.Id("backtest-summary")).Text, StringComparison.Ordinal);
        var lastLine = File.ReadAllLines(Path.Combine(RepoPaths.Scripts, "min-margin.csx")).Last(l => l.Trim().Length > 0).Trim();
        Assert.Contains(lastLine, browser.FindElement(By.Id("source")).Text, StringComparison.Ordinal);
        Save(browser, "rule");

        Open(browser, $"/console/experiments/{ConsoleHostFixture.HalfRollout}");
        Assert.Equal("50%", browser.FindElement(By.Id("rollout")).Text);
        Until(browser, b => Script<bool>(b, "return typeof Chart !== 'undefined' && Chart.getChart(document.getElementById('chart-experiment')) !== undefined"));
        Assert.True(Script<bool>(browser, "return Chart.getChart(document.getElementById('chart-experiment')).getDatasetMeta(0).data.some(bar => Math.abs(bar.height) > 1)"), "no interval bar was drawn");
        Assert.Equal(2, browser.FindElements(By.CssSelector("#thresholds li")).Count);
        Save(browser, "experiment");

        Open(browser, "/console/actions");
        Assert.NotEmpty(browser.FindElements(By.CssSelector("#actions tbody tr")));
        Save(browser, "actions");

        Open(browser, "/console/plugins");
        Assert.Contains(browser.FindElements(By.CssSelector("#plugins tbody td")), td => td.Text == "simulator");
        Save(browser, "plugins");
    }

    [SkippableFact]
    public async Task SwitchingARuleToDryRunInTheConsoleIsWhatTheApiSees()
    {
        Chromium.SkipUnlessInstalled();
        using var browser = Chromium.Start();
        SignIn(browser, Host.ApiKey);

        try
        {
            Open(browser, "/console/rules/stock-guard");
            browser.FindElement(By.CssSelector("#mode option[value='dry-run']")).Click();
            browser.FindElement(By.Id("set-mode")).Click();
            Until(browser, b => b.FindElements(By.Id("notice")).Count > 0);

            Assert.Equal("dry-run", browser.FindElement(By.Id("rule-mode")).Text);
            Assert.Equal("dry-run", await ModeAsync("stock-guard"));
        }
        finally
        {
            await Answers.JsonAsync(await Host.PutJsonAsync("/api/v1/rules/stock-guard/mode", """{"mode": "live"}"""), System.Net.HttpStatusCode.OK);
        }
    }

    [SkippableFact]
    public async Task UndoingAnActionInTheConsoleQueuesItsUndoThroughTheOutbox()
    {
        Chromium.SkipUnlessInstalled();
        using var browser = Chromium.Start();
        SignIn(browser, Host.ApiKey);

        Open(browser, "/console/actions?status=applied");
        var row = Until(browser, b => b.FindElements(By.CssSelector("#actions tbody tr")).FirstOrDefault(r => r.FindElements(By.CssSelector("button.undo")).Count > 0))!;
        var actionId = row.GetAttribute("data-action-id")!;
        row.FindElement(By.CssSelector("button.undo")).Click();
        var notice = Until(browser, b => b.FindElements(By.Id("notice")).FirstOrDefault())!.Text;
        Save(browser, "undo");

        Assert.Contains($"Undo of {actionId} queued", notice, StringComparison.Ordinal);
        var log = await Host.GetJsonAsync<JsonElement>("/api/v1/actions?limit=1000");
        Assert.Contains(log.GetProperty("items").EnumerateArray(), a => a.TryGetProperty("undoOf", out var of) && of.GetString() == actionId);
    }

    [SkippableFact]
    public void OnAPhoneTheOverviewFitsTheScreenWidth()
    {
        Chromium.SkipUnlessInstalled();
        using var browser = Chromium.Start(width: 390, height: 844);
        SignIn(browser, Host.ApiKey);

        Open(browser, "/console");
        Save(browser, "overview-phone");

        Assert.True(
            Script<bool>(browser, "return document.documentElement.scrollWidth <= window.innerWidth"),
            $"the page is {Script<long>(browser, "return document.documentElement.scrollWidth")} px wide on a {Script<long>(browser, "return window.innerWidth")} px screen");
    }

    private void SignIn(ChromeDriver browser, string key)
    {
        Open(browser, "/console/language?culture=en&returnUrl=/console/login");
        browser.FindElement(By.Id("key")).SendKeys(key);
        browser.FindElement(By.Id("sign-in")).Click();
        Until(browser, b => b.FindElements(By.Id("card-skus")).Count > 0);
    }

    private void Open(ChromeDriver browser, string path) => browser.Navigate().GoToUrl(new Uri(Host.BaseAddress, path));

    private async Task<string?> ModeAsync(string rule) =>
        (await Host.GetJsonAsync<JsonElement>("/api/v1/rules")).EnumerateArray()
            .Single(r => r.GetProperty("rule").GetProperty("id").GetString() == rule).GetProperty("mode").GetString();

    private static T Until<T>(IWebDriver browser, Func<IWebDriver, T> condition) => new WebDriverWait(browser, Patience).Until(condition);

    private static T Script<T>(IWebDriver browser, string script) => (T)((IJavaScriptExecutor)browser).ExecuteScript(script)!;

    private static void Save(ITakesScreenshot browser, string page)
    {
        Directory.CreateDirectory(Chromium.Screenshots);
        browser.GetScreenshot().SaveAsFile(Path.Combine(Chromium.Screenshots, page + ".png"));
    }
}
