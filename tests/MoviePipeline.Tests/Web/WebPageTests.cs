using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MoviePipeline.Tests.Gateway;
using MoviePipeline.Tests.Infrastructure;
using MoviePipeline.TestSupport;
using MoviePipeline.Workflow;
using static Microsoft.Playwright.Assertions;

namespace MoviePipeline.Tests.Web;

/// <summary>The web page in a real browser against the real gateway and a test cluster.</summary>
[Collection(WebCollection.Name)]
public sealed partial class WebPageTests(WebFixture fixture) : IAsyncLifetime
{
    private IBrowserContext _context = null!;
    private readonly List<string> _pageErrors = [];
    private readonly List<string> _foreignRequests = [];

    private HttpClient Http => fixture.Http;

    public async Task InitializeAsync()
    {
        // Generous: CI runs every test project at once on two cores.
        SetDefaultExpectTimeout(60_000);
        var browser = await fixture.BrowserAsync();
        var origin = fixture.Gateways[0].Address.GetLeftPart(UriPartial.Authority);
        _context = await browser.Instance.NewContextAsync(new() { BaseURL = origin, ViewportSize = new() { Width = 1280, Height = 900 } });
        _context.SetDefaultTimeout(60_000);
        // The page's user is the fixture's, so the test can read what the page made through the fixture's client.
        await _context.AddCookiesAsync(fixture.Cookies.GetCookies(fixture.Gateways[0].Address)
            .Select(c => new Cookie { Name = c.Name, Value = c.Value, Url = origin }));
        _context.Request += (_, r) =>
        {
            if (!r.Url.StartsWith(origin, StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal)) _foreignRequests.Add(r.Url);
        };
    }

    public async Task DisposeAsync() => await _context.CloseAsync();

    private async Task<IPage> OpenAsync(string path)
    {
        var page = await _context.NewPageAsync();
        page.PageError += (_, e) => _pageErrors.Add(e);
        page.Console += (_, m) => { if (m.Type == "error") _pageErrors.Add(m.Text); };
        await page.GotoAsync(path);
        return page;
    }

    private static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotFolder, name + ".png"), FullPage = true });

    /// <summary>Waits for the page to open the new project; if it does not, fails with what the page said.</summary>
    private static async Task WaitForProjectPageAsync(IPage page)
    {
        try
        {
            // Polls the address rather than waiting for a navigation event: the page moves to the
            // project with a hash change, which a navigation wait that starts late can miss.
            await Expect(page).ToHaveURLAsync(ProjectUrl());
        }
        catch (PlaywrightException)
        {
            var shown = await page.Locator("#form-error").InnerTextAsync(new() { Timeout = 5_000 });
            throw new TimeoutException($"The page did not open the new project; it shows: '{shown}' (at {page.Url}).");
        }
    }

    private void AssertCleanPage()
    {
        Assert.Empty(_pageErrors);
        Assert.Empty(_foreignRequests);
    }

    [Fact]
    public async Task Page_CreateFromScript_StartPauseResume_ProgressReaches100()
    {
        var page = await OpenAsync("/");
        await page.GetByLabel("Title").FillAsync("Harbour from the page");
        await page.GetByLabel("Description").FillAsync("Made in a browser test");
        await page.GetByLabel("Script", new() { Exact = true }).FillAsync(HttpHelpers.Script);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create project" }).ClickAsync();

        await WaitForProjectPageAsync(page);
        var id = long.Parse(ProjectUrl().Match(page.Url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var script = fixture.Phase(id, WorkflowPhase.ScriptToTrailer).HoldAtGate();
        var badge = page.Locator("#status-badge");
        var progress = page.GetByRole(AriaRole.Progressbar, new() { Name = "Progress" });
        var start = page.GetByRole(AriaRole.Button, new() { Name = "Start" });
        var pause = page.Locator("#pause");
        var resume = page.Locator("#resume");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Harbour from the page" })).ToBeVisibleAsync();
        await Expect(badge).ToHaveAttributeAsync("data-status", "draft");
        await Expect(start).ToBeEnabledAsync();
        await Expect(pause).ToBeDisabledAsync();
        await Expect(resume).ToBeDisabledAsync();

        await start.ClickAsync();
        await script.Entered;
        await Expect(badge).ToHaveAttributeAsync("data-status", "parsing");
        await Expect(start).ToBeDisabledAsync();
        await pause.ClickAsync();
        await Expect(pause).ToHaveTextAsync("Pausing after this phase…");
        await Expect(pause).ToBeDisabledAsync();
        await Expect(resume).ToHaveTextAsync("Cancel pause");

        // Only the event stream can tell the page that the workflow stopped at the checkpoint.
        script.OpenGate();
        await Expect(badge).ToHaveAttributeAsync("data-status", "paused");
        await Expect(progress).ToHaveAttributeAsync("aria-valuenow", "33");
        await Expect(resume).ToHaveTextAsync("Resume");
        await Expect(resume).ToBeEnabledAsync();
        await Expect(pause).ToBeDisabledAsync();
        await Expect(start).ToBeDisabledAsync();
        await Expect(page.Locator("#scene-list > li")).ToHaveCountAsync(2);
        await ScreenshotAsync(page, "project-paused");

        await resume.ClickAsync();
        await Expect(badge).ToHaveAttributeAsync("data-status", "completed");
        await Expect(progress).ToHaveAttributeAsync("aria-valuenow", "100");
        await Expect(page.Locator("#progress-text")).ToHaveTextAsync("Completed: 100%");
        await Expect(page.Locator("#progress .progress-bar")).ToHaveAttributeAsync("style", new Regex("width: 100%"));
        foreach (var button in new[] { pause, resume }) await Expect(button).ToBeDisabledAsync();
        // A completed project can be made again (after an edit, or as it is: then nothing is made again).
        await Expect(page.Locator("#start")).ToHaveTextAsync("Make again");
        await Expect(page.Locator("#start")).ToBeEnabledAsync();
        await ScreenshotAsync(page, "project-completed");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Characters" }).ClickAsync();
        await Expect(page.Locator("#character-list")).ToContainTextAsync("SARAH");
        await Expect(page.Locator("#character-list")).ToContainTextAsync("HARRIS");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Settings" }).ClickAsync();
        await Expect(page.Locator("#setting-list > li")).Not.ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Activity" }).ClickAsync();
        var lastVersion = (await Http.GetJsonAsync($"/api/workflow/{id}/status")).GetProperty("version").GetInt64();
        await Expect(page.Locator("#activity-list > li")).ToHaveCountAsync((int)lastVersion);

        await AssertStoryboardAsync(page, id);
        await AssertMovieAsync(page, id);
        AssertCleanPage();
    }

    /// <summary>
    /// The gallery shows every frame the API lists. With Pipeline:Media=None there are none, and
    /// the page says so; with media phases the same test checks that every image loaded.
    /// </summary>
    private async Task AssertStoryboardAsync(IPage page, long id)
    {
        await page.GetByRole(AriaRole.Tab, new() { Name = "Storyboard" }).ClickAsync();
        var frames = JsonDocument.Parse(await PageFetchAsync(page, $"/api/projects/{id}/storyboards")).RootElement.EnumerateArray().ToList();
        var images = frames.Count(f => f.GetProperty("imageUrl").ValueKind == JsonValueKind.String);
        await Expect(page.Locator("#storyboard-gallery > li")).ToHaveCountAsync(frames.Count);
        await Expect(page.Locator("#storyboard-gallery img")).ToHaveCountAsync(images);
        if (frames.Count == 0)
        {
            await Expect(page.Locator("#storyboard-empty")).ToBeVisibleAsync();
            await Expect(page.Locator("#storyboard-empty")).ToHaveTextAsync("No storyboard frames yet.");
        }
        else
        {
            await Expect(page.Locator("#storyboard-empty")).ToBeHiddenAsync();
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('#storyboard-gallery img')].every(i => i.complete && i.naturalWidth > 0)");
        }
        await ScreenshotAsync(page, "project-storyboard");
    }

    /// <summary>What the API answers the page's user (the page's own session), as text.</summary>
    private static Task<string> PageFetchAsync(IPage page, string path) =>
        page.EvaluateAsync<string>("path => fetch(path).then(r => r.text())", path);

    /// <summary>The movie player appears when the API has a movie, and it plays; otherwise the page says there is none yet.</summary>
    private async Task AssertMovieAsync(IPage page, long id)
    {
        await page.GetByRole(AriaRole.Tab, new() { Name = "Trailer & movie" }).ClickAsync();
        var text = await PageFetchAsync(page, $"/api/projects/{id}/movie");
        var movieUrl = text.Trim() is "" or "null" ? null : JsonDocument.Parse(text).RootElement.GetProperty("movieUrl").GetString();
        var player = page.Locator("#movie-player");
        if (movieUrl is null)
        {
            await Expect(player).ToBeHiddenAsync();
            await Expect(page.Locator("#movie-empty")).ToHaveTextAsync("No movie yet.");
        }
        else
        {
            await Expect(player).ToBeVisibleAsync();
            await Expect(player).ToHaveAttributeAsync("src", movieUrl);
            await page.WaitForFunctionAsync("() => document.querySelector('#movie-player').readyState >= 2");
            await player.EvaluateAsync("v => { v.muted = true; return v.play(); }");
            await page.WaitForFunctionAsync("() => document.querySelector('#movie-player').currentTime > 0.2");
        }
        await ScreenshotAsync(page, "project-media");
    }

    [Fact]
    public async Task Page_UploadedFountainFile_FillsTheForm_AndTheListShowsTheProject()
    {
        var page = await OpenAsync("/");
        var fountain = "Title: The Lighthouse\nAuthor: Test\n\n" + HttpHelpers.Script.Replace("Title: The Harbour\n", "", StringComparison.Ordinal);
        await page.Locator("#script-file").SetInputFilesAsync(new FilePayload
        {
            Name = "lighthouse.fountain", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes(fountain),
        });
        await Expect(page.GetByLabel("Title")).ToHaveValueAsync("The Lighthouse");
        await Expect(page.GetByLabel("Script", new() { Exact = true })).ToHaveValueAsync(fountain);

        // Keyboard only: Enter in the title field submits the form.
        await page.GetByLabel("Title").PressAsync("Enter");
        await WaitForProjectPageAsync(page);
        var id = ProjectUrl().Match(page.Url).Groups[1].Value;
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "The Lighthouse" })).ToBeVisibleAsync();
        var stored = await Http.GetJsonAsync($"/api/projects/{id}");
        Assert.Equal(fountain, stored.GetProperty("scriptContent").GetString());

        await page.GetByRole(AriaRole.Link, new() { Name = "All projects" }).ClickAsync();
        var item = page.Locator($"#project-list li[data-project-id='{id}']");
        await Expect(item).ToContainTextAsync("The Lighthouse");
        await Expect(item.Locator(".badge")).ToHaveTextAsync("Draft");
        await Expect(item.GetByRole(AriaRole.Progressbar)).ToHaveAttributeAsync("aria-valuenow", "0");
        await ScreenshotAsync(page, "project-list");

        // An empty script is refused in the page, with the reason, before anything is sent.
        await page.GetByLabel("Title").FillAsync("No script");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create project" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Paste a script (or a story idea), or choose a screenplay file.");

        var unlabelled = await page.EvaluateAsync<string>(
            "() => JSON.stringify([...document.querySelectorAll('input, textarea, select')].filter(e => e.labels.length === 0 && !e.getAttribute('aria-label')).map(e => e.id))");
        Assert.Equal("[]", unlabelled);
        AssertCleanPage();
    }

    [Fact]
    public async Task Page_FailedProject_ShowsTheErrorMessage_AndOffersStartAgain()
    {
        var id = await Http.CreateProjectAsync("Doomed");
        fixture.Phase(id, WorkflowPhase.TrailerToStoryboard).FailPermanently = true;
        await Http.PostAsJsonAsync($"/api/workflow/{id}/start", new { workflowType = "full_pipeline" });
        await Http.WaitForStatusAsync(id, "failed");

        var page = await OpenAsync($"/#/projects/{id}");
        await Expect(page.Locator("#status-badge")).ToHaveAttributeAsync("data-status", "failed");
        var error = page.Locator("#error-message");
        await Expect(error).ToBeVisibleAsync();
        await Expect(error).ToContainTextAsync("Phase 2 (Trailer to Storyboard) failed");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Start again" })).ToBeEnabledAsync();
        await Expect(page.Locator("#pause")).ToBeDisabledAsync();
        await Expect(page.Locator("#resume")).ToBeDisabledAsync();
        await ScreenshotAsync(page, "project-failed");

        // Tabs work from the keyboard (arrow keys move the selection).
        await page.GetByRole(AriaRole.Tab, new() { Name = "Scenes" }).FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Characters" })).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.Locator("#panel-characters")).ToBeVisibleAsync();
        await Expect(page.Locator("#panel-scenes")).ToBeHiddenAsync();

        // Starting again goes on from phase 2 and the page follows it to the end.
        fixture.Phase(id, WorkflowPhase.TrailerToStoryboard).FailPermanently = false;
        await page.GetByRole(AriaRole.Button, new() { Name = "Start again" }).ClickAsync();
        await Expect(page.Locator("#status-badge")).ToHaveAttributeAsync("data-status", "completed");
        await Expect(error).ToBeHiddenAsync();
        AssertCleanPage();
    }

    [Fact]
    public async Task Page_UnknownProject_SaysSo()
    {
        var page = await OpenAsync("/#/projects/999999999");
        await Expect(page.Locator("#missing-message")).ToHaveTextAsync("There is no project with id 999999999.");
        _pageErrors.RemoveAll(e => e.Contains("404", StringComparison.Ordinal)); // the browser logs the failed fetch
        AssertCleanPage();
    }

    [Fact]
    public async Task OperatorPages_ApiReferenceAndDashboard_LoadWithoutTheInternet()
    {
        var docs = await OpenAsync("/docs");
        await Expect(docs.GetByText("MoviePipeline API").First).ToBeVisibleAsync();
        await Expect(docs.GetByText("/api/workflow/{id}/events").First).ToBeAttachedAsync();
        await ScreenshotAsync(docs, "docs");

        // The dashboard is for administrators.
        using (var admin = TestAccounts.NewClient(fixture.Gateways[0].Address)) await admin.SignInAsAdminAsync();
        var login = await _context.APIRequest.PostAsync("/api/auth/login",
            new() { DataObject = new { email = TestAccounts.AdminEmail, password = TestAccounts.Password } });
        Assert.Equal(200, login.Status);
        var dashboard = await OpenAsync(MoviePipeline.Gateway.Observability.GatewayObservability.DashboardPath + "/");
        await dashboard.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Expect(dashboard).ToHaveTitleAsync(new Regex("Orleans", RegexOptions.IgnoreCase));
        await ScreenshotAsync(dashboard, "dashboard");
        Assert.Empty(_foreignRequests);
    }

    [GeneratedRegex(@"#/projects/(\d+)$")]
    private static partial Regex ProjectUrl();
}
