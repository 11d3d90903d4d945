using System.Security.Cryptography;

namespace DeckLsp.Server.History;

/// <summary>
/// This machine's name in deck repositories' histories: each device appends only to its own log, which is what makes
/// a git merge a union that never conflicts. Made once and kept in the user data folder; <c>DECKLSP_DEVICE</c>
/// overrides it (tests play two machines on one).
/// </summary>
internal static class DeviceName
{
    public const string Variable = "DECKLSP_DEVICE";

    private const int MaxLength = 64;

    /// <summary>1 to 64 of letters, digits, <c>.</c>, <c>_</c> and <c>-</c>, not starting with a dot: safe as a file name everywhere.</summary>
    public static bool IsValid(string? name) =>
        name is { Length: > 0 and <= MaxLength } && name[0] != '.' && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>The device name: the variable, else the name kept in the user data folder, else a new one, kept there.</summary>
    /// <exception cref="InvalidOperationException">When the variable holds an invalid name.</exception>
    public static string Resolve(UserData data)
    {
        if (data.Environment(Variable) is { Length: > 0 } given)
        {
            return IsValid(given)
                ? given
                : throw new InvalidOperationException(
                    $"{Variable}=\"{given}\" is not a usable device name: use 1 to {MaxLength} letters, digits, '.', '_' or '-'.");
        }

        var file = data.DeviceFile;
        if (Read(file) is { } kept)
        {
            return kept;
        }

        var made = Make();
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var temporary = $"{file}.{Guid.NewGuid():N}.tmp";
            File.WriteAllText(temporary, made + "\n");
            try
            {
                // Two processes starting at once both make a name; the first kept is everyone's.
                File.Move(temporary, file, overwrite: false);
            }
            finally
            {
                File.Delete(temporary);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
            // A read-only data folder: the name lives as long as the process, which is all that can be done.
            return made;
        }

        return Read(file) ?? made;
    }

    private static string? Read(string file)
    {
        try
        {
            var name = File.ReadAllText(file).Trim();
            return IsValid(name) ? name : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // The host name helps a person reading `.decklsp/history/`; the random part keeps two machines of one name apart.
    private static string Make()
    {
        var host = new string(System.Environment.MachineName.ToLowerInvariant()
            .Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').Take(40).ToArray()).Trim('-');
        var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        return host.Length > 0 ? $"{host}-{suffix}" : $"device-{suffix}";
    }
}
