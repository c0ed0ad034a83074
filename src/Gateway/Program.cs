var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/api/system/health", () => Results.Ok(new { status = "ok" }));
app.Run();

/// <summary>Lets WebApplicationFactory host the gateway in tests.</summary>
public partial class Program;
