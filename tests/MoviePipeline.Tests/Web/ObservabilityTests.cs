using System.Globalization;
using Microsoft.Extensions.Configuration;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using MoviePipeline.Observability;
using MoviePipeline.Tests.Gateway;
using MoviePipeline.Tests.Infrastructure;
using MoviePipeline.TestSupport;
using MoviePipeline.Workflow;

namespace MoviePipeline.Tests.Web;

[Collection(ObservabilityCollection.Name)]
public sealed partial class ObservabilityTests(WebFixture fixture)
{
    private HttpClient Http => fixture.Http;

    /// <summary>Sums the samples of <paramref name="metric"/> whose labels include every one of <paramref name="labels"/>.</summary>
    private static double Sample(string exposition, string metric, params string[] labels) =>
        exposition.Split('\n')
            .Select(line => SampleLine().Match(line))
            .Where(m => m.Success && m.Groups["name"].Value == metric && labels.All(l => m.Groups["labels"].Value.Contains(l, StringComparison.Ordinal)))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [Fact]
    public async Task SiloMetrics_AfterARun_ShowPhaseDurationsAndWorkflowsByStatus()
    {
        using var scraper = new HttpClient();
        var before = await scraper.GetStringAsync(fixture.SiloMetricsUrl);
        var id = await Http.CreateProjectAsync();
        var movie = fixture.Phase(id, WorkflowPhase.StoryboardToMovie).FailTimes(1); // one retry to count
        await Http.PostAsJsonAsync($"/api/workflow/{id}/start", new { workflowType = "full_pipeline" });
        await Http.WaitForStatusAsync(id, "completed");
        Assert.Equal(2, movie.Runs);

        // The exporter caches a scrape briefly: ask until the run shows, with a deadline.
        // A scrape taken between the failed run and the completion shows only part of the run,
        // so wait for the last things the run records: the final phase and the completed status.
        double FailedRuns(string text) => Sample(text, "moviepipeline_phase_duration_seconds_count", "phase=\"storyboard_to_movie\"", "outcome=\"failed\"");
        double LastPhaseDone(string text) => Sample(text, "moviepipeline_phase_duration_seconds_count", "phase=\"storyboard_to_movie\"", "outcome=\"completed\"");
        bool RunShows(string text) => FailedRuns(text) > FailedRuns(before) && LastPhaseDone(text) > LastPhaseDone(before)
            && Sample(text, "moviepipeline_workflows", "status=\"completed\"") >= 1;
        var after = await scraper.GetStringAsync(fixture.SiloMetricsUrl);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!RunShows(after) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            after = await scraper.GetStringAsync(fixture.SiloMetricsUrl);
        }
        Assert.Equal(FailedRuns(before) + 1, FailedRuns(after));

        foreach (var phase in new[] { "script_to_trailer", "trailer_to_storyboard", "storyboard_to_movie" })
        {
            var completed = new[] { $"phase=\"{phase}\"", "outcome=\"completed\"" };
            Assert.True(Sample(after, "moviepipeline_phase_duration_seconds_count", completed) >= Sample(before, "moviepipeline_phase_duration_seconds_count", completed) + 1, phase);
            Assert.True(Sample(after, "moviepipeline_phase_duration_seconds_sum", completed) > 0, phase);
            Assert.Contains($"moviepipeline_phase_duration_seconds_bucket{{", after, StringComparison.Ordinal);
        }
        var retried = "phase=\"storyboard_to_movie\"";
        Assert.Equal(Sample(before, "moviepipeline_phase_retries_total", retried) + 1, Sample(after, "moviepipeline_phase_retries_total", retried));
        Assert.True(Sample(after, "moviepipeline_workflows", "status=\"completed\"") >= 1,
            string.Join('\n', after.Split('\n').Where(l => l.StartsWith("moviepipeline_workflows", StringComparison.Ordinal))));
        Assert.Contains("orleans_", after, StringComparison.Ordinal); // Orleans' own meter
    }

    [Fact]
    public void WorkflowsByStatus_AListenerThatAttachesLate_SeesWorkflowsActivatedBeforeIt()
    {
        // One workflow in memory before anyone listens (as when dotnet-counters attaches to a running silo).
        var counted = WorkflowMetrics.StatusChanged(null, WorkflowStatusCode.Paused);
        try
        {
            long paused = 0;
            using var listener = new System.Diagnostics.Metrics.MeterListener();
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == WorkflowMetrics.MeterName && instrument.Name == "moviepipeline.workflows") l.EnableMeasurementEvents(instrument);
            };
            listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                    if (tag is { Key: "status", Value: "paused" }) paused += value;
            });
            listener.Start();
            listener.RecordObservableInstruments();

            // Other tests' workflows may be paused too; every one of them was counted where it happened.
            Assert.True(paused >= 1, $"paused workflows seen: {paused}");
        }
        finally
        {
            WorkflowMetrics.StatusChanged(counted, null);
        }
    }

    [Fact]
    public async Task GatewayMetrics_ShowItsHttpServerRequests()
    {
        await Http.GetAsync("/api/projects");
        // The metrics show every user's activity: a signed-in user who is not an administrator may not read them.
        Assert.Equal(HttpStatusCode.Forbidden, (await Http.GetAsync("/metrics")).StatusCode);
        using var admin = await TestAccounts.NewClient(fixture.Gateways[0].Address).SignInAsAdminAsync();
        var text = await admin.GetStringAsync("/metrics");
        Assert.True(Sample(text, "http_server_request_duration_seconds_count", "http_route=\"/api/projects/\"", "http_response_status_code=\"200\"") >= 1,
            text[..Math.Min(text.Length, 3000)]);
    }

    [Fact]
    public async Task Health_WhenTheClusterAnswers_IsHealthy_AndAliveAnswersWithoutChecks()
    {
        var health = await Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var report = await health.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        var cluster = report.GetProperty("checks").EnumerateArray().Single();
        Assert.Equal("cluster", cluster.GetProperty("name").GetString());
        Assert.Contains("1 active silo", cluster.GetProperty("description").GetString());

        var alive = await Http.GetFromJsonAsync<JsonElement>("/alive");
        Assert.Equal("Healthy", alive.GetProperty("status").GetString());
        Assert.Empty(alive.GetProperty("checks").EnumerateArray());
    }

    [Fact]
    public async Task OpenApi_ListsTheEventStream_ButNotTheDashboard()
    {
        var doc = await Http.GetJsonAsync("/openapi/v1.json");
        Assert.Equal("MoviePipeline API", doc.GetProperty("info").GetProperty("title").GetString());
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/workflow/{id}/events", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/dashboard", StringComparison.Ordinal));
        var events = doc.GetProperty("paths").GetProperty("/api/workflow/{id}/events").GetProperty("get").GetProperty("responses");
        Assert.True(events.GetProperty("200").GetProperty("content").TryGetProperty("text/event-stream", out _));
    }

    [Theory]
    [InlineData("http://127.0.0.1:9464/metrics", "127.0.0.1", 9464, "/metrics")]
    [InlineData("http://localhost:9000/", "localhost", 9000, "/metrics")]
    [InlineData("http://0.0.0.0:9100/silo/metrics", "0.0.0.0", 9100, "/silo/metrics")]
    public void SiloMetricsUrl_Parses(string url, string host, int port, string path) =>
        Assert.Equal(new SiloMetricsEndpoint(host, port, path), SiloMetricsEndpoint.Parse(url));

    [Theory]
    [InlineData("9464")]
    [InlineData("https://127.0.0.1:9464/metrics")]
    [InlineData("http://127.0.0.1:0/metrics")]
    public void SiloMetricsUrl_WhenWrong_SaysWhichSetting(string url) =>
        Assert.Contains("Observability:SiloMetricsUrl", Assert.Throws<ArgumentException>(() => SiloMetricsEndpoint.Parse(url)).Message);

    [Fact]
    public void Options_WhenDashboardIsNotABoolean_SayWhichSettingAndValue()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Observability:Dashboard"] = "maybe" }).Build();

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => { ObservabilityOptions.From(configuration); });

        Assert.Contains("'maybe' at 'Observability:Dashboard'", error.Message);
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})?\s+(?<value>\S+)")]
    private static partial Regex SampleLine();
}
