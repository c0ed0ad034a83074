using System.Net;
using System.Text.Json;

namespace MoviePipeline.Tests.Web;

/// <summary>One Server-Sent Event as the wire carried it.</summary>
public sealed record ServerSentEvent(long Id, string Event, JsonElement Data)
{
    public string Status => Data.GetProperty("status").GetString()!;

    public int Progress => Data.GetProperty("progress").GetInt32();
}

/// <summary>A minimal SSE client over HttpClient: reads events and counts comment lines (heartbeats).</summary>
public sealed class EventStreamClient : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private EventStreamClient(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public HttpResponseMessage Response => _response;

    public int Comments { get; private set; }

    public int? RetryMilliseconds { get; private set; }

    /// <summary>Opens the stream of <paramref name="projectId"/>; asserts a 200 event stream.</summary>
    public static async Task<EventStreamClient> OpenAsync(HttpClient http, long projectId, long? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/workflow/{projectId}/events");
        if (lastEventId is { } id) request.Headers.Add("Last-Event-ID", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        return new EventStreamClient(response, reader);
    }

    /// <summary>The next event, or null when the server ended the stream.</summary>
    public async Task<ServerSentEvent?> NextAsync(TimeSpan? deadline = null)
    {
        using var timeout = new CancellationTokenSource(deadline ?? TimeSpan.FromSeconds(30));
        long? id = null;
        string? name = null, data = null;
        while (true)
        {
            var line = await _reader.ReadLineAsync(timeout.Token);
            if (line is null) return null;
            if (line.Length == 0)
            {
                if (data is not null) return new ServerSentEvent(id ?? -1, name ?? "message", JsonDocument.Parse(data).RootElement.Clone());
                continue;
            }
            if (line.StartsWith(':')) { Comments++; continue; }
            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id": id = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "event": name = value; break;
                case "data": data = data is null ? value : data + "\n" + value; break;
                case "retry": RetryMilliseconds = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            }
        }
    }

    /// <summary>Reads events until one satisfies <paramref name="last"/>; returns all read, that one included.</summary>
    public async Task<List<ServerSentEvent>> ReadUntilAsync(Func<ServerSentEvent, bool> last)
    {
        var events = new List<ServerSentEvent>();
        while (await NextAsync() is { } e)
        {
            events.Add(e);
            if (last(e)) return events;
        }
        throw new InvalidOperationException($"The stream ended before the expected event; got versions {string.Join(",", events.Select(e => e.Id))}.");
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        await Task.CompletedTask;
    }
}
