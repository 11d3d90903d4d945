using DeckLsp.Server.Cli;

// One executable, two faces: `--stdio` (or no command) serves LSP; a command (`check`, …) runs the CLI.
// Nothing but the protocol may reach stdout while serving, so the server's logs go to stderr.
return await DeckCommandLine.RunAsync(args);
