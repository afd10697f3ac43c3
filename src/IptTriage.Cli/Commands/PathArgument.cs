using System.CommandLine;

namespace IptTriage.Cli.Commands;

/// <summary>The <c>PATH...</c> argument of the commands that read forms (<see cref="Screen.FormSource"/>).</summary>
public static class PathArgument
{
    public static Argument<string[]> Create(string description)
    {
        var paths = new Argument<string[]>("PATH") { Arity = ArgumentArity.ZeroOrMore, Description = description };
        // System.CommandLine would take an unknown option such as --formt for a path.
        paths.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(token => token.Value.StartsWith('-') && token.Value != "-"))
            {
                result.AddError($"Unrecognized option '{token.Value}'.");
            }
        });
        return paths;
    }
}
