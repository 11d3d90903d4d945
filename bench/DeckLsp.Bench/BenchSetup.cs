using DeckLsp.Bench.Generation;

namespace DeckLsp.Bench;

/// <summary>Where things are for one run: the repository, the server builds, the peers, and a temporary folder of decks.</summary>
public sealed class BenchSetup : IDisposable
{
    private readonly Dictionary<int, string> _decks = [];
    private int _files;

    public BenchSetup(string repository, bool quick, bool verify)
    {
        Repository = Path.GetFullPath(repository);
        Quick = quick;
        Verify = verify;
        Temp = Directory.CreateTempSubdirectory("decklsp-bench-").FullName;
        Environment.SetEnvironmentVariable("XDG_DATA_HOME", Path.Combine(Temp, "xdg"));
    }

    public string Repository { get; }

    public bool Quick { get; }

    /// <summary>Every edit the bench makes is also checked in-process: incremental snapshot equivalent to a full parse.</summary>
    public bool Verify { get; }

    public string Temp { get; }

    /// <summary>The normal build, as the README runs it.</summary>
    public string ServerDll => Path.Combine(Repository, "src/DeckLsp.Server/bin/Release/net10.0/DeckLsp.Server.dll");

    /// <summary>The ReadyToRun publish that bench/run.sh makes, for the cold start.</summary>
    public string ReadyToRunDll => Path.Combine(Repository, "bench/.out/server-r2r/DeckLsp.Server.dll");

    /// <summary>The native (AOT) executable that scripts/publish-native.sh makes (bench/run.sh runs it).</summary>
    public string NativeExecutable => Path.Combine(Repository, "artifacts/decklsp-linux-x64/decklsp");

    /// <summary>The packages whose sizes are reported: the platform-specific one (native server) and the universal one.</summary>
    public string PlatformVsix => Path.Combine(Repository, "client/decklsp-linux-x64.vsix");

    public string UniversalVsix => Path.Combine(Repository, "client/decklsp.vsix");

    public string PeerFolder => Path.Combine(Repository, "bench/peer");

    /// <summary>Samples: the full count, or a few in --quick mode.</summary>
    public int Samples(int full, int quick) => Quick ? quick : full;

    public string TempFile(string name)
    {
        var folder = Path.Combine(Temp, $"f{Interlocked.Increment(ref _files)}");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    /// <summary>The generated deck of <paramref name="cards"/> cards, written once (with the images it links to).</summary>
    public (string Path, string Text) Deck(int cards)
    {
        var text = DeckGenerator.Deck(cards);
        if (!_decks.TryGetValue(cards, out var path))
        {
            var folder = Path.Combine(Temp, "decks");
            WriteImages(folder);
            path = Path.Combine(folder, $"bench-{cards}.deck.md");
            File.WriteAllText(path, text);
            _decks[cards] = path;
        }

        return (path, text);
    }

    /// <summary>A fresh copy of the deck under a new name in the same folder (each open gets a file of its own).</summary>
    public string CopyOf(int cards)
    {
        var (path, text) = Deck(cards);
        var copy = Path.Combine(Path.GetDirectoryName(path)!, $"copy-{++_files}-{cards}.deck.md");
        File.WriteAllText(copy, text);
        return copy;
    }

    /// <summary>The workspace: <paramref name="files"/> decks of <paramref name="cards"/> cards in nested folders.</summary>
    public string Workspace(int files, int cards)
    {
        var root = Path.Combine(Temp, $"workspace-{files}x{cards}");
        if (Directory.Exists(root))
        {
            return root;
        }

        for (var i = 0; i < files; i++)
        {
            var folder = Path.Combine(root, $"course-{i / 100:D2}", $"unit-{i / 10 % 10}");
            WriteImages(folder);
            File.WriteAllText(Path.Combine(folder, $"deck-{i:D4}.deck.md"), DeckGenerator.Deck(cards, seed: i + 2, title: $"Deck {i}"));
        }

        return root;
    }

    private static void WriteImages(string folder)
    {
        foreach (var image in DeckGenerator.ImageFiles)
        {
            var path = Path.Combine(folder, image);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (!File.Exists(path))
            {
                File.WriteAllBytes(path, [0x89, 0x50, 0x4E, 0x47]);
            }
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Temp, recursive: true);
        }
        catch (IOException)
        {
            // A server still closing may hold a file; the folder is in /tmp either way.
        }
    }
}
