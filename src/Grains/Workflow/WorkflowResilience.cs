using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Polly;
using Polly.Retry;

namespace MoviePipeline.Workflow;

/// <summary>
/// The workflow's retry policies, named and configured under <c>Resilience</c> (Polly options: MaxRetryAttempts,
/// Delay, MaxDelay, BackoffType, UseJitter). Phase retries are not here: their attempts must survive a crash, so the
/// workflow's rules count them in its saved state (<see cref="WorkflowOptions"/>).
/// </summary>
public static partial class WorkflowResilience
{
    /// <summary>
    /// Writes of workflow state: by default 65 tries over about two minutes (0.1 s doubling up to 2 s). The short ceiling
    /// is what a client waits, at most, for progress after storage comes back.
    /// </summary>
    public const string StoragePipeline = "workflow-storage";

    public static IServiceCollection AddWorkflowResilience(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetryStrategyOptions>(StoragePipeline)
            .Configure(o =>
            {
                o.MaxRetryAttempts = 64;
                o.Delay = TimeSpan.FromMilliseconds(100);
                o.MaxDelay = TimeSpan.FromSeconds(2);
                o.BackoffType = DelayBackoffType.Exponential;
                o.UseJitter = false;
            })
            .Bind(configuration.GetSection("Resilience:WorkflowStorage"));

        services.AddResiliencePipeline(StoragePipeline, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptionsMonitor<RetryStrategyOptions>>().Get(StoragePipeline);
            var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WorkflowWriter));
            // Another activation's newer state is not an outage: retrying cannot win against it.
            options.ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not InconsistentStateException);
            options.OnRetry = retry =>
            {
                LogStorageRetry(logger, retry.Outcome.Exception, retry.AttemptNumber + 1, retry.RetryDelay);
                return default;
            };
            pipeline.AddRetry(options);
        });
        return services;
    }

    /// <summary>
    /// Runs <paramref name="call"/> through <paramref name="pipeline"/> on the calling grain's scheduler: Polly resumes
    /// off the captured context by default, and a retry that touched grain state or storage from a pool thread would
    /// fail with "activation access violation".
    /// </summary>
    public static async Task<T> ExecuteOnGrainAsync<T>(this ResiliencePipeline pipeline, Func<Task<T>> call)
    {
        var context = ResilienceContextPool.Shared.Get(continueOnCapturedContext: true);
        try
        {
            return await pipeline.ExecuteAsync(static async (_, call) => await call(), context, call);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {Attempt} at writing workflow state failed; retrying in {Delay}")]
    private static partial void LogStorageRetry(ILogger logger, Exception? ex, int attempt, TimeSpan delay);
}
