using System.Net;

namespace MoviePipeline.TestSupport;

/// <summary>
/// Waits for a workflow's next change over HTTP the way a client does: its event stream, from a version on. Test
/// helpers use it instead of reading the status every few milliseconds. Linked into the test projects that do not
/// reference this one, so it depends on nothing but the BCL.
/// </summary>
public static class WorkflowChanges
{
    /// <summary>
    /// Returns once the workflow has a saved change after <paramref name="version"/>, or when the stream has nothing to
    /// wait for (the workflow finished), or after <paramref name="timeout"/>. True when it returned for a change; the
    /// caller reads the status again either way.
    /// </summary>
    public static async Task<bool> NextAsync(HttpClient http, long projectId, long version, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/workflow/{projectId}/events?after={version}");
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (response.StatusCode != HttpStatusCode.OK) return false; // 204: finished; anything else: ask the status again
            await using var body = await response.Content.ReadAsStreamAsync(deadline.Token);
            using var reader = new StreamReader(body);
            while (await reader.ReadLineAsync(deadline.Token) is { } line)
            {
                if (line.StartsWith("id:", StringComparison.Ordinal)) return true;
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            // Nothing changed in time: the caller decides whether its own deadline has passed.
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            // The gateway went away mid-stream (a test may kill it): the caller reads the status again.
        }

        return false;
    }
}
