namespace MoviePipeline.Gateway.Infrastructure;

/// <summary>
/// What every answer says to browsers (no content sniffing, no framing by other sites, no full referrer to them), and
/// the refusal of changes sent from another site's page: a form there can post to us, and an older browser would send
/// the session cookie along. SameSite=Lax already keeps modern browsers from sending it.
/// </summary>
public static class WebSecurity
{
    public const string FrontendSection = "Frontend";

    public static IApplicationBuilder UseWebSecurity(this IApplicationBuilder app, IConfiguration configuration)
    {
        // Other origins allowed to send changes, e.g. a development server of the frontend: "http://localhost:5173".
        var allowed = configuration.GetSection(FrontendSection).GetSection("AllowedOrigins").Get<string[]>() ?? [];
        return app.Use(async (http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                // Only the framing rule: the pages load nothing from elsewhere, and a wider policy belongs to each page.
                if (!headers.ContainsKey("Content-Security-Policy")) headers.ContentSecurityPolicy = "frame-ancestors 'none'";
                return Task.CompletedTask;
            });
            if (IsChange(http.Request.Method) && FromAnotherSite(http.Request, allowed))
            {
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                await TypedResults.Problem("This request came from another site's page; MoviePipeline takes changes only from its own pages.",
                    statusCode: StatusCodes.Status403Forbidden, title: "Not allowed.").ExecuteAsync(http);
                return;
            }
            await next(http);
        });
    }

    private static bool IsChange(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));

    /// <summary>
    /// A browser says where a request comes from: <c>Sec-Fetch-Site</c> (current browsers) or <c>Origin</c> (on every
    /// POST since long ago). A request with neither is not a browser's cross-site form post (curl, the tests, our clients).
    /// </summary>
    private static bool FromAnotherSite(HttpRequest request, string[] allowed)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            if (allowed.Contains(origin, StringComparer.OrdinalIgnoreCase)) return false;
            return !Uri.TryCreate(origin, UriKind.Absolute, out var from)
                || !string.Equals(from.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
                || !string.Equals(from.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
        }
        return request.Headers["Sec-Fetch-Site"].ToString() == "cross-site";
    }
}
