using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace IptTriage.Hosting.Api.ServerErrors;

/// <summary>
/// Kestrel answers some requests itself, before the application sees them: a malformed request line or header (400),
/// a request line or target too long (414), headers too large (431), a request that timed out (408). Those answers
/// have an empty body, and Kestrel offers no hook to change them; so each connection's output passes through
/// <see cref="ProblemRewritingWriter"/>, which turns exactly such an answer into problem details like every other
/// error the API gives. Nothing of the request is echoed.
/// </summary>
public static class ServerErrorProblems
{
    public static void Use(ListenOptions listen) => listen.Use(next => async connection =>
    {
        var transport = connection.Transport;
        var rewriting = new ProblemRewritingWriter(transport.Output);
        connection.Transport = new DuplexPipe(transport.Input, rewriting);
        try
        {
            await next(connection);
        }
        finally
        {
            connection.Transport = transport;
        }
    });

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input => input;

        public PipeWriter Output => output;
    }
}
