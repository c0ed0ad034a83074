using Microsoft.Extensions.FileProviders;

namespace MoviePipeline.Gateway.Frontend;

/// <summary>
/// A built single-page frontend served from a folder (setting <c>Frontend:Root</c>): its files, and its
/// <c>index.html</c> for any other GET outside the API, so the app's own routes (<c>/dashboard</c>, <c>/project/12</c>)
/// load on a full page refresh. Without the setting, the gateway's own page in wwwroot is served.
/// </summary>
public static class FrontendHosting
{
    public static string? RootOf(IConfiguration configuration) =>
        configuration["Frontend:Root"] is { Length: > 0 } root ? Path.GetFullPath(root) : null;

    public static WebApplication UseFrontend(this WebApplication app)
    {
        var root = RootOf(app.Configuration);
        if (root is null)
        {
            app.UseDefaultFiles();
            app.UseStaticFiles();
            return app;
        }
        if (!File.Exists(Path.Combine(root, "index.html")))
            throw new InvalidOperationException($"Frontend:Root '{root}' has no index.html; give the folder of a built frontend.");
        var files = new PhysicalFileProvider(root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        return app;
    }

    /// <summary>The page for the app's routes: after every other route, and never for the API's paths.</summary>
    public static WebApplication MapFrontendRoutes(this WebApplication app)
    {
        if (RootOf(app.Configuration) is not { } root) return app;
        var index = Path.Combine(root, "index.html");
        app.MapGet("/{**path}", (string? path) => path is not null && (path == "api" || path.StartsWith("api/", StringComparison.Ordinal))
                ? Results.Problem("There is no such API route.", statusCode: StatusCodes.Status404NotFound, title: "Not found.")
                : Results.File(index, "text/html; charset=utf-8"))
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
