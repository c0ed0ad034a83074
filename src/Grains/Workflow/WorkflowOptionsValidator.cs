using Microsoft.Extensions.Options;

namespace MoviePipeline.Workflow;

/// <summary>Stops the process at start-up with a message that names the wrong setting.</summary>
public sealed class WorkflowOptionsValidator : IValidateOptions<WorkflowOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkflowOptions options)
    {
        var errors = new List<string>();
        const string s = WorkflowOptions.SectionName;
        if (options.MaxAttempts is < 1 or > 100)
            errors.Add($"{s}:MaxAttempts must be between 1 and 100 (it is {options.MaxAttempts}).");
        if (options.RetryInitialDelay < TimeSpan.Zero)
            errors.Add($"{s}:RetryInitialDelay must not be negative (it is {options.RetryInitialDelay}).");
        if (options.RetryMaxDelay < options.RetryInitialDelay)
            errors.Add($"{s}:RetryMaxDelay must be at least {s}:RetryInitialDelay.");
        if (options.RecoveryReminderPeriod < TimeSpan.FromSeconds(1))
            errors.Add($"{s}:RecoveryReminderPeriod must be at least one second (it is {options.RecoveryReminderPeriod}).");
        if (options.HistoryLimit < 10)
            errors.Add($"{s}:HistoryLimit must be at least 10 (it is {options.HistoryLimit}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
