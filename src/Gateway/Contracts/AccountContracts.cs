namespace MoviePipeline.Gateway.Contracts;

// The JSON shapes of docs/api.md's "Accounts" section (camelCase on the wire).

// Every field may be left out of the JSON; the handler says which one is missing.
public sealed record RegisterRequest(string? Email = null, string? Password = null, string? Name = null);

public sealed record LoginRequest(string? Email = null, string? Password = null);

public sealed record UserDto(long Id, string OpenId, string Email, string Name, string Role, DateTime CreatedAt);

public sealed record AuthResponse(UserDto User, string Message);
