using System.Diagnostics;
using System.Text.Json;
using DeckLsp.Server.Tests.History;

namespace DeckLsp.Server.Tests.Executable;

/// <summary>
/// Another editor end to end: Neovim's built-in LSP client (headless) runs the server, shows the sample deck's lenses,
/// runs "Study deck", and answers every prompt with its own <c>window/showMessageRequest</c> handler. The one thing stood
/// in for is the user's keypress: <c>vim.fn.inputlist</c>, which that handler calls, picks as a user would.
/// </summary>
public sealed class NeovimStudyTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Neovim_studies_the_sample_deck_through_the_lens_and_the_ratings_land_in_the_history()
    {
        File.Copy(TestPaths.Sample("rnn.deck.md"), Path.Combine(_folder.Path, "rnn.deck.md"));
        var database = Path.Combine(_folder.Path, "reviews.db");
        var server = ServerUnderTest.StartInfo(["--stdio", "--db", database]);
        var command = new[] { server.FileName }.Concat(server.ArgumentList).ToArray();
        var script = Path.Combine(_folder.Path, "study.lua");
        await File.WriteAllTextAsync(script, StudyScript(_folder.Path, command));

        var (code, output) = await RunNeovim(script);

        var log = await File.ReadAllLinesAsync(Path.Combine(_folder.Path, "study.log"));
        Assert.True(code == 0 && log.Contains("done\t"), $"nvim exited {code}: {output}\n{string.Join("\n", log)}");
        var prompts = log.Where(l => l.StartsWith("prompt\t", StringComparison.Ordinal)).ToList();
        Assert.Equal(18, prompts.Count);
        Assert.Contains("Recurrent Neural Networks (RNNs)", prompts[0]);
        Assert.Contains("1. Show answer", prompts[0]);
        Assert.Matches(@"1\. 1 Not at all · [0-9.]+m", prompts[1]);
        Assert.Matches(@"5\. 5 Perfectly · [0-9.]+d", prompts[1]);
        Assert.Contains(log, l => l.StartsWith("message\tStudied 9 cards", StringComparison.Ordinal));
        var ratings = HistoryProbe.DatabaseRatings(database);
        Assert.Equal(9, ratings.Count);
        Assert.All(ratings, r => Assert.Equal(5, r.Rating));
    }

    private static async Task<(int Code, string Output)> RunNeovim(string script)
    {
        var start = new ProcessStartInfo("nvim") { ArgumentList = { "--headless", "--clean", "-u", script } };
        start.Environment["XDG_DATA_HOME"] = Path.Combine(Path.GetDirectoryName(script)!, "xdg");
        var (code, output, error) = await HeadlessEditor.Run(start, Patience);
        return (code, output + error);
    }

    // Lua for Neovim 0.7 (Debian's): start the client, open the deck, find the "Study deck" lens, run it, wait for the
    // summary. Every step is logged; any failure is logged and quits with an error code.
    private static string StudyScript(string folder, string[] command) => $$"""
        local folder = {{Lua(folder)}}
        local log = io.open(folder .. '/study.log', 'w')
        local function write(kind, text)
          log:write(kind .. '\t' .. tostring(text):gsub('\n', '\\n') .. '\n')
          log:flush()
        end

        -- The user: shows the answer when asked, then presses the number of the rating that starts with 5.
        vim.fn.inputlist = function(options)
          write('prompt', table.concat(options, ' | '))
          for i, option in ipairs(options) do
            if option:find('Show answer', 1, true) then return i - 2 end
          end
          for i, option in ipairs(options) do
            if option:match('^%d+%. 5 ') then return i - 2 end
          end
          return 0
        end
        vim.lsp.handlers['window/showMessage'] = function(_, params) write('message', params.message) end

        local function fail(why)
          write('error', why)
          log:close()
          vim.cmd('cquit 3')
        end

        local ok, problem = pcall(function()
          local client_id = vim.lsp.start_client({
            name = 'decklsp',
            cmd = vim.fn.json_decode({{Lua(JsonSerializer.Serialize(command))}}),
            root_dir = folder,
          })
          vim.cmd('edit ' .. vim.fn.fnameescape(folder .. '/rnn.deck.md'))
          local buffer = vim.api.nvim_get_current_buf()
          vim.lsp.buf_attach_client(buffer, client_id)
          if not vim.wait(30000, function()
            local client = vim.lsp.get_client_by_id(client_id)
            return client ~= nil and client.initialized
          end, 50) then return fail('the server did not initialize') end

          local lens
          if not vim.wait(30000, function()
            vim.lsp.codelens.refresh()
            vim.wait(200)
            for _, l in ipairs(vim.lsp.codelens.get(buffer)) do
              if l.command and l.command.title:find('^Study deck') then lens = l end
            end
            return lens ~= nil
          end, 100) then return fail('no Study deck lens') end
          write('lens', lens.command.title)

          vim.api.nvim_win_set_cursor(0, { lens.range.start.line + 1, 0 })
          vim.lsp.codelens.run()
          local summary = false
          if not vim.wait(60000, function()
            for line in io.lines(folder .. '/study.log') do
              if line:find('^message\tStudied') then summary = true end
            end
            return summary
          end, 100) then return fail('no summary') end
          write('done', '')
        end)
        if not ok then return fail(problem) end
        log:close()
        vim.cmd('qall!')
        """;

    private static string Lua(string text) => "'" + text.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
}
