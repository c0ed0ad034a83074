using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MoviePipeline.Tests.Gateway;
using MoviePipeline.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace MoviePipeline.Tests.Web;

/// <summary>Our web page with accounts, in a real browser, on a cluster that makes real media.</summary>
[Collection(LocalMediaWebCollection.Name)]
public sealed partial class AccountPageTests(LocalMediaWebFixture fixture) : IAsyncLifetime
{
    private IBrowserContext _context = null!;
    private readonly List<string> _pageErrors = [];

    public async Task InitializeAsync()
    {
        SetDefaultExpectTimeout(Deadlines.Milliseconds(120));
        var browser = await fixture.BrowserAsync();
        _context = await browser.Instance.NewContextAsync(new() { BaseURL = fixture.Gateways[0].Address.GetLeftPart(UriPartial.Authority) });
        _context.SetDefaultTimeout(Deadlines.Milliseconds(120));
    }

    public async Task DisposeAsync() => await _context.CloseAsync();

    [Fact]
    public async Task Page_SignUp_CreateAndStart_PlayTheMovie_SignOut()
    {
        var page = await _context.NewPageAsync();
        page.PageError += (_, e) => _pageErrors.Add(e);
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(page.Locator("#home-view")).ToBeHiddenAsync();

        // A password too short: the gateway's sentence is shown, and nobody is signed in.
        var email = TestAccounts.NewEmail("browser");
        await page.Locator("#sign-up-name").FillAsync("Bea");
        await page.Locator("#sign-up-email").FillAsync(email);
        await page.Locator("#sign-up-password").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Make my account" }).ClickAsync();
        await Expect(page.Locator("#sign-up-error")).ToHaveTextAsync("The password has 5 characters; it needs at least 8.");

        await page.Locator("#sign-up-password").FillAsync(TestAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Make my account" }).ClickAsync();
        await Expect(page.Locator("#user-name")).ToHaveTextAsync("Signed in as Bea");
        await Expect(page.Locator("#list-status")).ToHaveTextAsync("No projects yet. Create the first one with the form.");
        await Expect(page.Locator("#dashboard-link")).ToBeHiddenAsync();

        await page.GetByLabel("Title").FillAsync("Bea's harbour");
        await page.GetByLabel("Script", new() { Exact = true }).FillAsync(HttpHelpers.Script);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create project" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(ProjectUrl());
        var id = long.Parse(ProjectUrl().Match(page.Url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Expect(page.Locator("#status-badge")).ToHaveAttributeAsync("data-status", "completed");

        // The movie the cluster made plays in the page.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Trailer & movie" }).ClickAsync();
        var player = page.Locator("#movie-player");
        await Expect(player).ToBeVisibleAsync();
        await Expect(player).ToHaveAttributeAsync("src", new Regex($@"^/api/media/projects/{id}/pieces/movies/[0-9a-f]{{32}}/movie\.mp4$"));
        var movieUrl = await player.GetAttributeAsync("src");
        await page.WaitForFunctionAsync("() => document.querySelector('#movie-player').readyState >= 2");
        await player.EvaluateAsync("v => { v.muted = true; return v.play(); }");
        await page.WaitForFunctionAsync("() => document.querySelector('#movie-player').currentTime > 0.2");

        // Another account (the fixture's own) sees none of it.
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Http.GetAsync($"/api/projects/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Http.GetAsync(movieUrl)).StatusCode);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        Assert.Equal("null", await page.EvaluateAsync<string>("() => fetch('/api/auth/me').then(r => r.text())"));
        await page.ReloadAsync();
        await Expect(page.Locator("#account-view")).ToBeVisibleAsync();

        // Signing in again (in another letter case) shows the project.
        await page.Locator("#sign-in-email").FillAsync(email.ToUpperInvariant());
        await page.Locator("#sign-in-password").FillAsync(TestAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator($"#project-list li[data-project-id='{id}']")).ToContainTextAsync("Bea's harbour");
        Assert.Empty(_pageErrors);
    }

    [Fact]
    public async Task Page_EditOneLine_SaveARevision_MakeAgain_ShowsWhatWasReused()
    {
        var page = await _context.NewPageAsync();
        page.PageError += (_, e) => _pageErrors.Add(e);
        await page.GotoAsync("/");
        await page.Locator("#sign-up-name").FillAsync("Cy");
        await page.Locator("#sign-up-email").FillAsync(TestAccounts.NewEmail("editor"));
        await page.Locator("#sign-up-password").FillAsync(TestAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Make my account" }).ClickAsync();
        await page.GetByLabel("Title").FillAsync("Cy's harbour");
        await page.GetByLabel("Script", new() { Exact = true }).FillAsync(HttpHelpers.Script);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create project" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(ProjectUrl());
        await page.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Expect(page.Locator("#status-badge")).ToHaveAttributeAsync("data-status", "completed");

        // The script, edited in the page: one line of scene 1.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Edit" }).ClickAsync();
        await Expect(page.Locator("#revision")).ToHaveTextAsync("1");
        var script = page.GetByLabel("Screenplay", new() { Exact = true });
        await script.FillAsync((await script.InputValueAsync()).Replace("He is late again.", "He is never on time.", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save revision" }).ClickAsync();
        await Expect(page.Locator("#revision")).ToHaveTextAsync("2");
        await Expect(page.Locator("#status-badge")).ToHaveAttributeAsync("data-status", "draft");

        await page.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Expect(page.Locator("#status-badge")).ToHaveAttributeAsync("data-status", "completed");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Make again" })).ToBeEnabledAsync();
        await Expect(page.Locator("#reuse-summary")).ToContainTextAsync("Storyboard to Movie: 1 made, 1 reused");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Scenes" }).ClickAsync();
        await Expect(page.Locator("#scene-list li").Nth(0)).ToContainTextAsync("clip made");
        await Expect(page.Locator("#scene-list li").Nth(1)).ToContainTextAsync("clip reused");

        // Made again with no change: everything is reused.
        await page.GetByRole(AriaRole.Button, new() { Name = "Make again" }).ClickAsync();
        await Expect(page.Locator("#reuse-summary")).ToContainTextAsync("Storyboard to Movie: 0 made, 2 reused");
        await Expect(page.Locator("#status-badge")).ToHaveAttributeAsync("data-status", "completed");
        Assert.Empty(_pageErrors);
    }

    [GeneratedRegex(@"#/projects/(\d+)$")]
    private static partial Regex ProjectUrl();
}
