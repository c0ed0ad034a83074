using Microsoft.Extensions.Logging;

namespace MoviePipeline.Postgres.Tests;

/// <summary>Keeps every formatted log line, so tests can assert on what an operator would read.</summary>
internal sealed class RecordingLogger : ILogger
{
    private readonly List<string> _lines = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource Seen)> _waiters = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var line = formatter(state, exception);
        lock (_lines)
        {
            _lines.Add(line);
            foreach (var waiter in _waiters.Where(w => w.Match(line)))
            {
                waiter.Seen.TrySetResult();
            }
        }
    }

    /// <summary>Completes when a matching line has been logged; fails after <paramref name="timeout"/>.</summary>
    public Task WaitForAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lines)
        {
            if (_lines.Any(match))
            {
                return Task.CompletedTask;
            }

            _waiters.Add((match, seen));
        }

        return seen.Task.WaitAsync(timeout);
    }
}
