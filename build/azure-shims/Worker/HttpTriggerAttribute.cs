// Shim of Azure/azure-functions-dotnet-worker extensions/Worker.Extensions.Http/src/HttpTriggerAttribute.cs and
// AuthorizationLevel.cs (package Microsoft.Azure.Functions.Worker.Extensions.Http, which .Http.AspNetCore brings).
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Microsoft.Azure.Functions.Worker;

public enum AuthorizationLevel
{
    Anonymous,
    User,
    Function,
    System,
    Admin,
}

public sealed class HttpTriggerAttribute : TriggerBindingAttribute
{
    public HttpTriggerAttribute(AuthorizationLevel authLevel, params string[] methods)
    {
        AuthLevel = authLevel;
        Methods = methods;
    }

    public string? Route { get; set; }

    public string[]? Methods { get; private set; }

    public AuthorizationLevel AuthLevel { get; private set; }
}
