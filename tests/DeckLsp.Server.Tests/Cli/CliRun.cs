using DeckLsp.Server.Cli;
using DeckLsp.Server.Tests.Executable;

namespace DeckLsp.Server.Tests.Cli;

/// <summary>Runs the command line in-process and captures what it printed.</summary>
internal static class CliRun
{
    public static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        if (ServerUnderTest.Executable is not null)
        {
            return await ServerUnderTest.RunCommandLine(args);
        }

        var output = new StringWriter();
        var error = new StringWriter();
        var code = await DeckCommandLine.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
